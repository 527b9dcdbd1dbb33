/**
 * Full screen for presenter mode, asked for on the user's key or click. The
 * browser may refuse (no user gesture, a policy, an iframe): the mode then
 * stays on in the window, and nothing is thrown or left unhandled.
 */
let ours = false;

export function enterFullscreen(doc: Document = document): void {
  const el = doc.documentElement;
  if (doc.fullscreenElement || typeof el.requestFullscreen !== 'function') return;
  try {
    el.requestFullscreen().then(
      () => {
        ours = true;
      },
      () => {
        ours = false;
      },
    );
  } catch {
    ours = false;
  }
}

/** Leaves full screen if presenter mode entered it (a full screen the user chose otherwise stays). */
export function leaveFullscreen(doc: Document = document): void {
  if (!ours) return;
  ours = false;
  if (!doc.fullscreenElement || typeof doc.exitFullscreen !== 'function') return;
  try {
    doc.exitFullscreen().catch(() => undefined);
  } catch {
    // Already leaving.
  }
}

/** True once when the full screen presenter mode entered has ended by other means (Esc in the browser, F11). */
export function fullscreenEndedElsewhere(doc: Document = document): boolean {
  if (!ours || doc.fullscreenElement) return false;
  ours = false;
  return true;
}
