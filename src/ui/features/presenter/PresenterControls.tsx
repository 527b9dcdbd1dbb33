import { useAppStore, useAppStoreApi } from '../../store/store-context.tsx';
import { selectPresenter, selectSetPresenterLayout, selectToggleLaser } from '../../store/selectors.ts';
import { present } from './present.ts';
import './presenter.css';

/** The Present switch, and while presenting the layout and laser switches. */
export function PresenterControls() {
  const store = useAppStoreApi();
  const { on, layout, laser } = useAppStore(selectPresenter);
  const setLayout = useAppStore(selectSetPresenterLayout);
  const toggleLaser = useAppStore(selectToggleLaser);
  return (
    <span className="presenter-controls">
      {on && (
        <>
          <span className="presenter-controls__group" role="group" aria-label="Presenter layout">
            <button type="button" className="btn btn--small" aria-pressed={layout === 'side'} onClick={() => setLayout('side')} title="Topology beside the timeline (S)">
              Side by side
            </button>
            <button type="button" className="btn btn--small" aria-pressed={layout === 'one'} onClick={() => setLayout('one')} title="One view at a time: the digits choose it (S)">
              One view
            </button>
          </span>
          <button type="button" className="btn btn--small" aria-pressed={laser} onClick={toggleLaser} title="A laser pointer follows the mouse (L)">
            Laser
          </button>
        </>
      )}
      <button
        type="button"
        className="btn btn--small presenter-controls__present"
        aria-pressed={on}
        aria-keyshortcuts="P"
        onClick={() => present(store, !on)}
        title={on ? 'Leave presenter mode (P or Esc)' : 'Presenter mode: large type, full screen, the lesson step as a caption (P)'}
      >
        Present
      </button>
    </span>
  );
}
