import { Component, type ErrorInfo, type ReactNode } from 'react';
import './app.css';

interface State {
  error: Error | null;
}

/** Never a blank page: if rendering fails, say what failed and offer a reload. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    // React already reports the error with its component stack.
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="crash" role="alert">
        <h1>Something went wrong in the viewer</h1>
        <p>The page hit an error it could not recover from. Your files were not sent anywhere; reloading starts afresh.</p>
        <pre className="crash__detail">
          {error.name}: {error.message}
        </pre>
        <button type="button" className="btn btn--primary" onClick={() => window.location.reload()}>
          Reload
        </button>
      </main>
    );
  }
}
