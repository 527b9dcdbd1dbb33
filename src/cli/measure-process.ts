/**
 * Runs a child process and measures its wall time and peak resident memory
 * (VmHWM from /proc, sampled while it runs; the high-water mark only grows,
 * so the last sample is the peak up to a few milliseconds before exit).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcessMeasure {
  wallMs: number;
  peakRssBytes: number | null;
  exitCode: number | null;
  stderr: string;
}

function readHwm(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function measureProcess(cmd: string, args: string[]): Promise<ProcessMeasure> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let peak: number | null = null;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    const sample = () => {
      if (child.pid === undefined) return;
      // Include the tree's main process only: tshark and node do their work in-process.
      const v = readHwm(child.pid);
      if (v !== null && (peak === null || v > peak)) peak = v;
    };
    const timer = setInterval(sample, 5);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ wallMs: performance.now() - start, peakRssBytes: peak, exitCode: code, stderr });
    });
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
