import type { ReactNode } from 'react';
import { useAppStore } from '../store/store-context.tsx';
import { selectSelectFrame, selectSelectedFrame } from '../store/selectors.ts';
import type { AppState } from '../store/types.ts';

const selectPackets = (s: AppState) => s.capture?.packets ?? 0;

/**
 * A list item that selects its frame in the packet list when clicked. Without
 * a frame, or with one the capture does not hold (a record cut off at the end
 * of a damaged file), it is plain content.
 */
export function FrameButton({ frame, children, className = '' }: { frame: number | null; children: ReactNode; className?: string }) {
  const selectFrame = useAppStore(selectSelectFrame);
  const selected = useAppStore(selectSelectedFrame);
  const packets = useAppStore(selectPackets);
  if (frame === null || frame < 1 || frame > packets) return <div className={`item ${className}`}>{children}</div>;
  return (
    <button type="button" className={`item item--button ${className}`} aria-current={selected === frame ? true : undefined} onClick={() => selectFrame(frame)}>
      {children}
    </button>
  );
}
