import { useId } from 'react';
import { Tag } from '../../components/Tag.tsx';
import { PlayIcon } from '../../components/icons.tsx';
import type { ScenarioInfo } from '../../../worker/capture-client.ts';
import { mitigationLabel, protocolLabel } from '../../lib/switch-labels.ts';

/** One built-in scenario: what it shows, and a button that runs it. */
export function ScenarioCard({ scenario, onRun, disabled }: { scenario: ScenarioInfo; onRun(id: string): void; disabled: boolean }) {
  const titleId = useId();
  return (
    <article className="scenario-card" aria-labelledby={titleId} data-scenario={scenario.id}>
      <h4 id={titleId} className="scenario-card__title">
        {scenario.title}
      </h4>
      <p className="scenario-card__text" title={scenario.description}>
        {scenario.description}
      </p>
      <div className="scenario-card__tags">
        <Tag tone="accent" title="Protocol">
          {protocolLabel(scenario.protocol)}
        </Tag>
        {scenario.attacks.map((a) => (
          <Tag key={a} tone="warn">
            attack: {a}
          </Tag>
        ))}
        {scenario.mitigations.map((m) => (
          <Tag key={m} title={mitigationLabel(m)}>
            {m}
          </Tag>
        ))}
      </div>
      <button type="button" className="btn btn--small scenario-card__run" aria-label={`Run ${scenario.title}`} onClick={() => onRun(scenario.id)} disabled={disabled}>
        <PlayIcon /> Run
      </button>
    </article>
  );
}
