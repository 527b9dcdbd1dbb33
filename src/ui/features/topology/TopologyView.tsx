import { selectDraft, selectRunFromCapture, selectRunScenario } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { TopologyWorkspace } from './TopologyWorkspace.tsx';
import './topology.css';

/**
 * The network being edited (the draft, so edits show at once; the run's
 * scenario before there is one): nodes, links, the subflows over them,
 * attackers, the packets in flight, and the palette and editors.
 */
export function TopologyView() {
  const draft = useAppStore(selectDraft);
  const run = useAppStore(selectRunScenario);
  // An opened capture shows the network inferred from it, not the draft of an earlier run.
  const scenario = useAppStore(selectRunFromCapture) ? run : (draft ?? run);
  return (
    <section data-testid="topology" aria-label="Topology" className="topology">
      {scenario ? <TopologyWorkspace scenario={scenario} /> : <p className="topology__empty">Simulate a scenario to see its topology.</p>}
    </section>
  );
}
