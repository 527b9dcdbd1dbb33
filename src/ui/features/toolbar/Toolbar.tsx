import { useAppStore } from '../../store/store-context.tsx';
import { selectLoadSample, selectBusy, selectOpenNotice } from '../../store/selectors.ts';
import { FlaskIcon, FolderIcon, LogoIcon } from '../../components/icons.tsx';
import { CaptureSummary } from './CaptureSummary.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { LoadProgress } from './LoadProgress.tsx';
import { SimulateControl } from '../simulation/SimulateControl.tsx';
import '../simulation/simulation.css';
import './toolbar.css';

export function Toolbar({ onOpen, onHome }: { onOpen(): void; onHome(): void }) {
  const loadSample = useAppStore(selectLoadSample);
  const busy = useAppStore(selectBusy);
  const notice = useAppStore(selectOpenNotice);
  return (
    <header className="toolbar">
      <h1 className="toolbar__brand">
        <button type="button" className="toolbar__home" onClick={onHome} title="The start page: open a capture, or pick a scenario from the gallery (your work stays)">
          <LogoIcon className="toolbar__logo" /> MPTCP Threat Lab
        </button>
      </h1>
      {/* The threat lab first (pick a scenario, run it); captures one click away. */}
      <SimulateControl />
      <div className="toolbar__actions" role="toolbar" aria-label="Capture">
        <button type="button" className="btn" onClick={onOpen} aria-keyshortcuts="Control+O" title="Open a pcap or pcapng capture (Ctrl+O)">
          <FolderIcon /> Open capture…<kbd className="btn__kbd">Ctrl+O</kbd>
        </button>
        <button type="button" className="btn btn--quiet toolbar__sample" onClick={() => void loadSample()} disabled={busy} aria-label="Load sample capture" title="Load a Linux MPTCP v1 capture: two subflows and an ADD_ADDR">
          <FlaskIcon /> Sample capture
        </button>
      </div>
      <div className="toolbar__status">
        {busy ? <LoadProgress /> : <CaptureSummary />}
        <span className="toolbar__notice" role="status" aria-label="Opening">
          {busy ? '' : notice}
        </span>
      </div>
      <ThemeToggle />
    </header>
  );
}
