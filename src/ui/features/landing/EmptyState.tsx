import { useAppStore } from '../../store/store-context.tsx';
import { selectLoadSample, selectLoading } from '../../store/selectors.ts';
import { DropIcon, FlaskIcon, FolderIcon } from '../../components/icons.tsx';
import { ScenarioGallery } from './ScenarioGallery.tsx';
import './landing.css';

export function EmptyState({ onOpen, onBack }: { onOpen(): void; onBack?: { label: string; go(): void } }) {
  const loadSample = useAppStore(selectLoadSample);
  const loading = useAppStore(selectLoading);
  return (
    <main className="landing" id="main">
      <div className="landing__inner">
        {onBack && (
          <button type="button" className="btn landing__back" onClick={onBack.go}>
            ← Back to {onBack.label}
          </button>
        )}
        <h2 className="landing__title">See inside Multipath TCP captures</h2>
        <p className="landing__lead">
          Open a pcap or pcapng file and the lab rebuilds every MPTCP connection in it: its subflows, the addresses each host announced, and the
          keys, tokens and sequence numbers that bind them together. Each join and ADD_ADDR HMAC is recomputed from the keys on the wire, so you can
          tell at a glance which ones are authentic — all in your browser, nothing is uploaded.
        </p>
        <ul className="landing__ways" aria-label="Ways to open a capture">
          <li>
            <button type="button" className="way" onClick={onOpen}>
              <FolderIcon className="way__icon" />
              <span className="way__title">Open a capture</span>
              <span className="way__text">
                .pcap, .pcapng or .cap from tcpdump or Wireshark · <kbd>Ctrl</kbd>+<kbd>O</kbd>
              </span>
            </button>
          </li>
          <li>
            <div className="way way--passive">
              <DropIcon className="way__icon" />
              <span className="way__title">Drop a file</span>
              <span className="way__text">anywhere on this page</span>
            </div>
          </li>
          <li>
            <button type="button" className="way" onClick={() => void loadSample()} disabled={loading !== null}>
              <FlaskIcon className="way__icon" />
              <span className="way__title">Try the sample</span>
              <span className="way__text">Linux MPTCP v1: two subflows and an ADD_ADDR, captured in network namespaces</span>
            </button>
          </li>
        </ul>
        <ScenarioGallery />
      </div>
    </main>
  );
}
