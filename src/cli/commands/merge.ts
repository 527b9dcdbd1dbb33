import { parseArgs } from 'node:util';
import { UsageError } from '../cli-error.ts';
import { LineSplitter, MAX_LINE_BYTES } from '../json-lines.ts';
import { ShardMerge } from '../merge-shards.ts';
import { streamFile } from '../read-file.ts';
import type { Command } from './command.ts';

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'put the shards of lab surface or lab matrix --shard K/N together into the output of one unsharded --json run',
  usage: `Usage: lab merge <shard.jsonl | -> ...

Reads the JSON Lines that "lab surface <scenario> --shard K/N" or "lab matrix
--shard K/N" printed, from files or - for stdin (a file may hold several
shards one after another, as from cat), and prints exactly what the same
command prints with --json and no --shard: byte for byte the same.

It checks that the shards make one whole sweep: all of one kind and format,
of the same scenario version and plan, split the same N ways; each K from
0 to N-1 exactly once, and every row of the plan exactly once. Anything
else is a CLI_MERGE error naming the file and line, such as
  shard-2.jsonl line 14: row 17 does not belong to shard 2/4 (17 % 4 = 1)
  missing shard 3/4 (the input has 0/4, 1/4, 2/4)
  row 17 appears in both shard-1.jsonl line 6 and copy.jsonl line 6
Lines are read one at a time; a line over ${MAX_LINE_BYTES.toLocaleString('en-US')} bytes is refused.

Options:
  -h, --help    show this help

Example:
  seq 0 3 | parallel -j4 'lab surface nat-client --shard {}/4 > shard-{}.jsonl'
  lab merge shard-*.jsonl > surface.json`,
  async run(argv, io) {
    const { positionals } = parseArgs({ args: argv, options: {}, allowPositionals: true, strict: true });
    if (positionals.length === 0) throw new UsageError('merge needs the shard files (or - for stdin)');
    if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('- (stdin) can be given once');
    const merge = new ShardMerge();
    for (const path of positionals) {
      const name = path === '-' ? 'stdin' : path;
      const lines = new LineSplitter(name, (text, line) => merge.line(name, line, text));
      merge.startInput();
      if (path === '-') for await (const chunk of io.stdin ?? process.stdin) lines.push(chunk as Uint8Array);
      else streamFile(path, (chunk) => lines.push(chunk));
      lines.end();
    }
    io.out(merge.finish());
    return 0;
  },
};
