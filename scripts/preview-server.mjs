/**
 * The built app served by `vite preview` for the UI benchmarks: builds the
 * checkout at `root`, starts the server on `port` in its own process group
 * (kill it with `process.kill(-server.pid)`), and waits until it answers.
 */
import { execFileSync, spawn } from 'node:child_process';

export async function startPreview(root, port, log) {
  const base = `http://127.0.0.1:${port}`;
  log('building the app…');
  execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'ignore' });
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: root, stdio: 'ignore', detached: true });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(base)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.kill(-server.pid);
  throw new Error(`vite preview did not start on ${base} (is the port taken?)`);
}
