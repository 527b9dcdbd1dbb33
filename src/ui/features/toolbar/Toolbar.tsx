import { useAppStore } from '../../store/store-context.tsx';
import { selectLoadSample, selectLoading } from '../../store/selectors.ts';
import { FlaskIcon, FolderIcon, LogoIcon } from '../../components/icons.tsx';
import { CaptureSummary } from './CaptureSummary.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { LoadProgress } from './LoadProgress.tsx';
import { SimulateControl } from '../simulation/SimulateControl.tsx';
import '../simulation/simulation.css';
import './toolbar.css';

export function Toolbar({ onOpen }: { onOpen(): void }) {
  const loadSample = useAppStore(selectLoadSample);
  const loading = useAppStore(selectLoading);
  return (
    <header className="toolbar">
      <h1 className="toolbar__brand">
        <LogoIcon className="toolbar__logo" /> MPTCP Threat Lab
      </h1>
      <div className="toolbar__actions" role="toolbar" aria-label="Capture">
        <button type="button" className="btn btn--primary" onClick={onOpen} aria-keyshortcuts="Control+O" title="Open a pcap or pcapng capture (Ctrl+O)">
          <FolderIcon /> Open capture…<kbd className="btn__kbd">Ctrl+O</kbd>
        </button>
        <button type="button" className="btn" onClick={() => void loadSample()} disabled={loading !== null}>
          <FlaskIcon /> Load sample capture
        </button>
        <SimulateControl />
      </div>
      <div className="toolbar__status">{loading ? <LoadProgress /> : <CaptureSummary />}</div>
      <ThemeToggle />
    </header>
  );
}
