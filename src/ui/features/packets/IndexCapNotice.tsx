import { useAppStore } from '../../store/store-context.tsx';
import { selectCapture } from '../../store/selectors.ts';
import { formatCount } from '../../lib/format.ts';

/** Says so when a huge capture's list holds only its first frames (the analysis read them all). */
export function IndexCapNotice() {
  const capture = useAppStore(selectCapture);
  if (!capture || capture.frames <= capture.packets) return null;
  return (
    <p className="packets__capped" role="note">
      Showing the first {formatCount(capture.packets)} of {formatCount(capture.frames)} frames; the analysis covered all.
    </p>
  );
}
