import { useEffect, useId, useState } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { selectLoadScenarios, selectLoading, selectScenarios, selectSimulate } from '../../store/selectors.ts';
import { PlayIcon } from '../../components/icons.tsx';

/** Pick a built-in scenario and run it in the engine; its capture opens in the viewer. */
export function SimulateControl() {
  const scenarios = useAppStore(selectScenarios);
  const simulate = useAppStore(selectSimulate);
  const loadScenarios = useAppStore(selectLoadScenarios);
  const loading = useAppStore(selectLoading);
  const [chosen, setChosen] = useState('');
  const id = useId();

  useEffect(() => {
    void loadScenarios();
  }, [loadScenarios]);

  const current = chosen || scenarios[0]?.id || '';
  const info = scenarios.find((s) => s.id === current);
  return (
    <div className="simulate" role="group" aria-label="Simulate">
      <label htmlFor={id} className="visually-hidden">
        Scenario
      </label>
      <select id={id} className="simulate__select" value={current} onChange={(e) => setChosen(e.target.value)} disabled={scenarios.length === 0} title={info?.description}>
        {scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
      <button type="button" className="btn" onClick={() => void simulate(current)} disabled={!current || loading !== null}>
        <PlayIcon /> Simulate
      </button>
    </div>
  );
}
