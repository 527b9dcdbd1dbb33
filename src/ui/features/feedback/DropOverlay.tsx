import { DropIcon } from '../../components/icons.tsx';
import './feedback.css';

export function DropOverlay() {
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay__box">
        <DropIcon className="drop-overlay__icon" />
        <p className="drop-overlay__title">Drop the capture to open it</p>
        <p>.pcap, .pcapng or .cap — analyzed here in your browser</p>
      </div>
    </div>
  );
}
