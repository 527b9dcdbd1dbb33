import { useCallback, useRef, useState } from 'react';
import { useAppStore } from '../store/store-context.tsx';
import { selectCapture, selectHasCapture, selectOpenFile, selectOpenScenarioFile, selectPresenting, selectShowError } from '../store/selectors.ts';
import { ScenarioProblemsDialog } from '../features/scenarios/ScenarioProblemsDialog.tsx';
import { useAutosave } from './use-autosave.ts';
import { useLessonAutosave } from './use-lesson-autosave.ts';
import { useLessonLink } from './use-lesson-link.ts';
import { EmptyState } from '../features/landing/EmptyState.tsx';
import { DropOverlay } from '../features/feedback/DropOverlay.tsx';
import { ErrorAlert } from '../features/feedback/ErrorAlert.tsx';
import { Toolbar } from '../features/toolbar/Toolbar.tsx';
import { SimulationBanner } from '../features/simulation/SimulationBanner.tsx';
import { RunStatus } from '../features/simulation/RunStatus.tsx';
import { Workspace } from './Workspace.tsx';
import { HiddenFileInput } from '../components/HiddenFileInput.tsx';
import { useFileDrop } from './use-file-drop.ts';
import { useOpenShortcut } from './use-open-shortcut.ts';
import { useShareLink } from './use-share-link.ts';
import './app.css';

export const CAPTURE_ACCEPT = '.pcap,.pcapng,.cap,application/vnd.tcpdump.pcap';

export function App() {
  const hasCapture = useAppStore(selectHasCapture);
  const openFile = useAppStore(selectOpenFile);
  const openScenarioFile = useAppStore(selectOpenScenarioFile);
  const showError = useAppStore(selectShowError);
  const inputRef = useRef<HTMLInputElement>(null);

  const openDialog = useCallback(() => inputRef.current?.click(), []);
  // The start page on request (the brand button), with the work still open behind it.
  // It names the capture it covers, so opening another one (from the gallery, say) shows that one.
  const capture = useAppStore(selectCapture);
  const [homeOver, setHomeOver] = useState<number | null>(null);
  const home = capture !== null && homeOver === capture.id;
  const setHome = (on: boolean) => setHomeOver(on && capture ? capture.id : null);
  const open = useCallback((file: File) => void openFile(file, file.name), [openFile]);
  // A dropped .json file is a scenario; anything else is a capture.
  const drop = useCallback((file: File) => (/\.json$/i.test(file.name) ? void openScenarioFile(file) : open(file)), [open, openScenarioFile]);
  const onDamagedLink = useCallback((message: string) => showError({ fileName: 'the shared link', code: 'SHARE_LINK_DAMAGED', message }), [showError]);
  useOpenShortcut(openDialog);
  const openedWithLesson = useLessonLink(onDamagedLink);
  const openedWithLink = useShareLink(onDamagedLink) || openedWithLesson;
  const resumedLesson = useLessonAutosave(openedWithLink);
  useAutosave(openedWithLink || resumedLesson);
  const dragging = useFileDrop(drop);
  const presenting = useAppStore(selectPresenting) && hasCapture && !home;

  return (
    <div className={presenting ? 'app presenter' : 'app'}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Toolbar onOpen={openDialog} onHome={() => setHome(true)} />
      <HiddenFileInput ref={inputRef} accept={CAPTURE_ACCEPT} label="Capture file" onFile={open} />
      <ErrorAlert />
      <SimulationBanner />
      <RunStatus />
      {hasCapture && !home ? <Workspace /> : <EmptyState onOpen={openDialog} onBack={hasCapture && capture ? { label: capture.fileName, go: () => setHome(false) } : undefined} />}
      {dragging && <DropOverlay />}
      <ScenarioProblemsDialog />
    </div>
  );
}
