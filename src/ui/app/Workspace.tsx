import { ConnectionsPanel } from '../features/connections/ConnectionsPanel.tsx';
import { SecurityPanel } from '../features/security/SecurityPanel.tsx';
import { PacketDetail } from '../features/detail/PacketDetail.tsx';
import { FilterBar } from '../features/packets/FilterBar.tsx';
import { PacketList } from '../features/packets/PacketList.tsx';
import { useAppStore } from '../store/store-context.tsx';
import { selectCaptureId } from '../store/selectors.ts';
import '../features/packets/packets.css';

/** The viewer once a capture is open: security failures over connections | packet list over packet detail. */
export function Workspace() {
  // A new capture starts a fresh list (scroll at the top).
  const captureId = useAppStore(selectCaptureId);
  return (
    <main className="workspace" id="main">
      <div className="workspace__side">
        <SecurityPanel />
        <ConnectionsPanel />
      </div>
      <div className="workspace__packets">
        <section className="packets" aria-labelledby="packets-heading">
          <div className="pane-header">
            <h2 id="packets-heading">Packets</h2>
            <FilterBar />
          </div>
          <PacketList key={captureId} />
        </section>
        <PacketDetail />
      </div>
    </main>
  );
}
