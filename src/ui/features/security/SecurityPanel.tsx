import { useAppStore } from '../../store/store-context.tsx';
import { selectHoverFrame, selectNowUs, selectPreventionOfDraft, selectScenarios, selectSelectFrame, selectSelectedFrame, selectSimulation, selectVerdictsConcealed } from '../../store/selectors.ts';
import type { AppState } from '../../store/types.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { Tag } from '../../components/Tag.tsx';
import type { AttackerView, FailureView, ScenarioInfo, SimulationSummary, VerdictView } from '../../../worker/capture-client.ts';
import { useState } from 'react';
import { chance, classOf, ms } from './describe.ts';
import { saveMarkdownReport } from '../scenarios/save-files.ts';
import './security.css';

/** A frame number that selects its packet in the list and the detail pane. */
function FrameLink({ frame }: { frame: number }) {
  const select = useAppStore(selectSelectFrame);
  const selected = useAppStore(selectSelectedFrame);
  const hover = useAppStore(selectHoverFrame);
  // Pointing at a frame number lights its arrow on the ladder and its link in the topology.
  return (
    <button
      type="button"
      className="framelink"
      aria-current={selected === frame}
      onClick={() => select(frame)}
      onMouseEnter={() => hover(frame)}
      onMouseLeave={() => hover(null)}
      onFocus={() => hover(frame)}
      onBlur={() => hover(null)}
      title={`Select packet ${frame}`}
    >
      #{frame}
    </button>
  );
}

/** True once the replay's moment has reached `us` (a boolean, so a component re-renders only when it flips). */
const reached = (us: number) => (s: AppState) => s.nowUs >= us;

/** True while the frame under the pointer (in any view) is evidence of this failure. */
const evidenceHovered = (frames: readonly number[]) => (s: AppState) => s.hoveredFrame !== null && frames.includes(s.hoveredFrame);

function FailureItem({ f }: { f: FailureView }) {
  const held = useAppStore(reached(f.timeUs));
  const lit = useAppStore(evidenceHovered(f.frames));
  return (
    <li className={`failure${held ? '' : ' failure--pending'}${lit ? ' failure--lit' : ''}`} data-failure={f.id} data-held={held} data-lit={lit}>
      <div className="failure__head">
        <StatusBadge verdict={held ? false : null} title={held ? `Holds from ${ms(f.timeUs)}` : `Not yet: holds from ${ms(f.timeUs)}`}>
          {f.name}
        </StatusBadge>
        <Tag tone={f.mptcpSpecific ? 'warn' : 'plain'} title={f.mptcpSpecific ? 'Single-path TCP with the same attacker does not suffer this' : 'Single-path TCP with the same attacker suffers this too'}>
          {f.mptcpSpecific ? 'MPTCP-specific' : 'inherited from TCP'}
        </Tag>
        <Tag>{f.stride}</Tag>
        {f.rfc && <Tag title="Where the attack that caused it is described">{f.rfc}</Tag>}
        {f.amplification && <Tag title="Measured: what the target spent per byte the attackers sent">×{f.amplification}</Tag>}
        <span className="failure__time">at {ms(f.timeUs)}</span>
      </div>
      <p className="failure__why">{f.explanation}</p>
      {f.frames.length > 0 && (
        <div className="failure__evidence">
          Evidence: {f.frames.slice(0, 12).map((fr) => <FrameLink key={fr} frame={fr} />)}
          {f.frames.length > 12 && <span className="item__meta"> and {f.frames.length - 12} more</span>}
        </div>
      )}
    </li>
  );
}

function AttackerCard({ a }: { a: AttackerView }) {
  const nowUs = useAppStore(selectNowUs);
  const atEnd = useAppStore((s: AppState) => s.nowUs >= (s.simulation?.endUs ?? 0));
  const known = a.facts.filter((f) => f.timeUs <= nowUs);
  const kinds = atEnd ? a.knew : [...new Set(known.map((f) => f.kind))];
  return (
    <div className="attacker" data-attacker={a.id}>
      <h3>
        {a.label} <span className="item__meta">follows</span> {a.attackLabel} <span className="item__meta">({a.rfc})</span>
      </h3>
      <p className="item__meta">{classOf(a)}</p>
      <div className="attacker__knew">
        <span className="item__meta">{atEnd ? 'Knew by the end:' : `Knows at ${ms(nowUs)}:`}</span>{' '}
        {kinds.length ? kinds.map((k) => <Tag key={k} tone={k === 'keys' || k === 'key' ? 'warn' : 'plain'}>{k}</Tag>) : <span className="item__meta">nothing yet</span>}
      </div>
      {a.facts.length > 0 && (
        <details className="attacker__facts">
          <summary>
            What {a.label} learned, and when ({a.facts.length}
            {a.facts.length >= 60 ? '+' : ''})
          </summary>
          <ol aria-label={`What ${a.label} learned`}>
            {a.facts.map((f, i) => (
              <li key={i} className={f.timeUs > nowUs ? 'is-future' : undefined}>
                <span className="failure__time">{ms(f.timeUs)}</span> {f.frame !== null && <FrameLink frame={f.frame} />} <Tag tone={f.kind === 'key' ? 'warn' : 'plain'}>{f.kind}</Tag> <span className="mono">{f.value.length > 40 ? `${f.value.slice(0, 40)}…` : f.value}</span> <span className="item__meta">{f.about}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
      <p className="item__meta">
        {a.injected} packet{a.injected === 1 ? '' : 's'} sent{a.capability === 'active' ? `, ${a.guessesUsed} of ${a.guessBudget} blind guesses` : ''}.
        {a.expectedGuesses && ` A blind try needs about ${a.expectedGuesses.guesses.toExponential(2)} guesses (${a.expectedGuesses.formula}); ${a.guessBudget} succeed with probability ${chance(a.expectedGuesses.successWithinBudget)}.`}
      </p>
    </div>
  );
}

/** Exports the Markdown report, after measuring which switches prevent each failure (a second or so in the worker). */
function ReportButton({ sim, info }: { sim: SimulationSummary; info: ScenarioInfo | undefined }) {
  const preventionOfDraft = useAppStore(selectPreventionOfDraft);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const prevention = await preventionOfDraft();
      saveMarkdownReport(sim, info, prevention);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn btn--small" onClick={() => void run()} disabled={busy} aria-busy={busy} title="A Markdown report for a design review; it also tries v1 and each mitigation to say which would prevent each failure">
      {busy ? 'Checking mitigations…' : 'Export report'}
    </button>
  );
}

/** A host's verdict on an attacker packet, dimmed until the replay reaches it. */
function VerdictItem({ v }: { v: VerdictView }) {
  const past = useAppStore(reached(v.timeUs));
  return (
    <li className={past ? undefined : 'is-future'}>
      <span className="failure__time">{ms(v.timeUs)}</span> {v.frame !== null && <FrameLink frame={v.frame} />} {v.text}
    </li>
  );
}

/** The failures of each name, in order of first appearance (one summary badge each). */
function byName(failures: readonly FailureView[]): Map<string, FailureView[]> {
  const groups = new Map<string, FailureView[]>();
  for (const f of failures) groups.set(f.name, [...(groups.get(f.name) ?? []), f]);
  return groups;
}

/** A failure in the summary: grey until the replay reaches the moment it first holds, then red. */
function SummaryBadge({ name, firstUs, frames }: { name: string; firstUs: number; frames: readonly number[] }) {
  const held = useAppStore(reached(firstUs));
  const lit = useAppStore(evidenceHovered(frames));
  return (
    <StatusBadge
      className={lit ? 'status--lit' : undefined} verdict={held ? false : null} title={held ? `Holds from ${ms(firstUs)}` : `Not yet (from ${ms(firstUs)})`}>
      {name}
    </StatusBadge>
  );
}

/** The attackers of the simulated run, the security failures the monitors found, and why. */
export function SecurityPanel() {
  const sim = useAppStore(selectSimulation);
  const scenarios = useAppStore(selectScenarios);
  const concealed = useAppStore(selectVerdictsConcealed);
  if (!sim || sim.attackers.length === 0) return null;
  const info = scenarios.find((s) => s.id === sim.scenarioId);
  if (concealed) {
    return (
      <section className="security" aria-labelledby="security-heading" data-testid="failures">
        <div className="pane-header">
          <h2 id="security-heading">Security failures (hidden)</h2>
        </div>
        <p className="lesson-concealed">Predict first: the engine’s verdicts appear once you answer the lesson’s question.</p>
      </section>
    );
  }
  return (
    <section className="security" aria-labelledby="security-heading" data-testid="failures">
      <div className="pane-header">
        <h2 id="security-heading">
          Security failures ({sim.failures.length}) <span className="item__meta">{sim.protocol}{sim.mitigations.length ? ` + ${sim.mitigations.join(', ')}` : ''}</span>
        </h2>
        <ReportButton sim={sim} info={info} />
      </div>
      {/* A new run starts at the top. */}
      <div className="security__body" key={sim.digest}>
        <p className="security__summary" aria-label="Failures in this run">
          {sim.failures.length === 0 ? (
            <StatusBadge verdict={true}>No security failure</StatusBadge>
          ) : (
            [...byName(sim.failures)].map(([name, same]) => <SummaryBadge key={name} name={name} firstUs={Math.min(...same.map((f) => f.timeUs))} frames={same.flatMap((f) => f.frames)} />)
          )}
        </p>
        {sim.verdicts.length > 0 && (
          <div className="verdicts">
            <h3>What the hosts did with the attacker&rsquo;s packets</h3>
            <ul>
              {sim.verdicts.map((v, i) => (
                <VerdictItem key={i} v={v} />
              ))}
            </ul>
          </div>
        )}
        {sim.failures.length === 0 ? (
          <p className="security__none">The monitors found nothing the attacker achieved in this run: the hosts&rsquo; checks above stopped it, or it never got the chance.</p>
        ) : (
          <ol className="failures" aria-label="Security failures">
            {sim.failures.map((f, i) => (
              <FailureItem key={`${f.id}-${i}`} f={f} />
            ))}
          </ol>
        )}
        {sim.attackers.map((a) => (
          <AttackerCard key={a.id} a={a} />
        ))}
        {sim.tcpOnly && sim.tcpOnly.length > 0 && (
          <p className="security__spared">
            <StatusBadge verdict={true}>Spared by MPTCP</StatusBadge> Single-path TCP with the same attacker suffers {sim.tcpOnly.join(', ')}; this run did not.
          </p>
        )}
      </div>
    </section>
  );
}
