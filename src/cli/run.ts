// Entry point: runs `main` with the process's arguments and streams.
import { main } from './main.ts';

const io = {
  out: (t: string) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t: string) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
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
