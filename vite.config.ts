import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One config for the app build and both Vitest projects: the engine runs under
// Node (the proof that it needs no browser), the UI under jsdom.
export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  worker: {
    format: 'es',
  },
  preview: {
    port: 4173,
    strictPort: true,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'engine',
          environment: 'node',
          include: ['src/engine/**/*.test.ts', 'src/cli/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['src/ui/**/*.test.{ts,tsx}', 'src/worker/**/*.test.ts'],
          setupFiles: ['src/ui/test-setup.ts'],
        },
      },
    ],
  },
});
