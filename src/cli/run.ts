// Entry point: runs `main` with the process's arguments and streams.
import { performance } from 'node:perf_hooks';
import { main } from './main.ts';
import type { CliIo } from './commands/command.ts';

const tty = process.stderr.isTTY === true;
let shown = false;
const io: CliIo = {
  out: (t: string) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t: string) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  progress: {
    tty,
    now: () => performance.now(),
    update: (t: string) => {
      shown = true;
      process.stderr.write(tty ? `\r${t}\u001b[K` : `${t}\n`);
    },
    done: () => {
      if (shown && tty) process.stderr.write('\r\u001b[K');
      shown = false;
    },
  },
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`lab: error INTERNAL: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
