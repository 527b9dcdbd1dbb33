import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/app/App.tsx';
import { ErrorBoundary } from './ui/app/ErrorBoundary.tsx';
import { fetchSampleCapture } from './ui/sample-capture.ts';
import { createAppStore } from './ui/store/app-store.ts';
import { StoreProvider } from './ui/store/store-context.tsx';
import { createCaptureClient } from './worker/capture-client.ts';

const store = createAppStore({ client: createCaptureClient(), fetchSample: fetchSampleCapture });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </ErrorBoundary>
  </StrictMode>,
);
