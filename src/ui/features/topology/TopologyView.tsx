import { selectRunScenario } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { TopologyDiagram } from './TopologyDiagram.tsx';
import './topology.css';

/** The simulated network: nodes, links, the subflows over them, attackers and the packets in flight. */
export function TopologyView() {
  const scenario = useAppStore(selectRunScenario);
  return (
    <section data-testid="topology" aria-label="Topology" className="topology">
      {scenario ? <TopologyDiagram key={scenario.id} scenario={scenario} /> : <p className="topology__empty">Simulate a scenario to see its topology.</p>}
    </section>
  );
}
