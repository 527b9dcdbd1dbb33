import { useAppStore } from '../../store/store-context.tsx';
import { selectCapture, selectDismissError, selectError } from '../../store/selectors.ts';
import { CrossIcon } from '../../components/icons.tsx';
import { downloadBlob } from '../../lib/download.ts';
import './feedback.css';

/** Why a file could not be opened; whatever was on screen stays usable. */
export function ErrorAlert() {
  const error = useAppStore(selectError);
  const capture = useAppStore(selectCapture);
  const dismiss = useAppStore(selectDismissError);
  return (
    <div role="alert" className={error ? 'alert' : 'alert alert--empty'}>
      {error && (
        <>
          <CrossIcon className="alert__icon" />
          <div className="alert__body">
            <p className="alert__title">{error.title ?? `Could not open “${error.fileName}”`}</p>
            <p className="alert__message">
              <code>{error.code}</code>: {error.message}
            </p>
            {error.hint ? <p className="alert__hint">{error.hint}</p> : capture && capture.fileName !== error.fileName && <p className="alert__hint">Still showing {capture.fileName}.</p>}
            {error.download && (
              <p>
                <button type="button" className="btn btn--small" onClick={() => downloadBlob(new Blob([error.download!.text], { type: 'application/json' }), error.download!.fileName)}>
                  {error.download.label}
                </button>
              </p>
            )}
          </div>
          <button type="button" className="btn btn--quiet" onClick={dismiss} aria-label="Dismiss the error">
            Dismiss
          </button>
        </>
      )}
    </div>
  );
}
