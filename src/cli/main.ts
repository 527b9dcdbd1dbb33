/**
 * The `lab` command line: `npm run --silent lab -- <command> ...` or the
 * `mptcp-lab` bin. Errors are one line on stderr with a code; a stack trace
 * only with --debug.
 */
import { describeError } from '../engine/index.ts';
import { UsageError } from './cli-error.ts';
import { analyzeCommand } from './commands/analyze.ts';
import { benchCommand } from './commands/bench.ts';
import { matrixCommand } from './commands/matrix.ts';
import { runCommand } from './commands/run.ts';
import { surfaceCommand } from './commands/surface.ts';
import { mergeCommand } from './commands/merge.ts';
import { lessonCommand } from './commands/lesson.ts';
import { liveCommand } from './commands/live.ts';
import type { CliIo, Command } from './commands/command.ts';
import { forTerminal } from './terminal-text.ts';

const COMMANDS: readonly Command[] = [runCommand, matrixCommand, surfaceCommand, mergeCommand, analyzeCommand, benchCommand, lessonCommand, liveCommand];

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `MPTCP Threat Lab command line

Usage: lab <command> [options]
       lab <command> --help

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Global options:
  -h, --help    show help (for a command: lab <command> --help)
  --debug       print stack traces on errors
  --version     print the version`;
}

export async function main(argv: string[], terminal: CliIo): Promise<number> {
  // Everything printed passes through forTerminal: a scenario's title may carry escape sequences.
  const p = terminal.progress;
  const io: CliIo = {
    out: (t) => terminal.out(forTerminal(t)),
    err: (t) => terminal.err(forTerminal(t)),
    ...(p && { progress: { tty: p.tty, now: () => p.now(), update: (t: string) => p.update(forTerminal(t)), done: () => p.done() } }),
    ...(terminal.stdin && { stdin: terminal.stdin }),
  };
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  let command: Command | undefined;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      const target = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      io.out(target ? target.usage : topHelp());
      return 0;
    }
    if (name === '--version') {
      io.out('mptcp-lab 0.1.0');
      return 0;
    }
    command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
    if (rest.includes('-h') || rest.includes('--help')) {
      io.out(command.usage);
      return 0;
    }
    return await command.run(rest, io);
  } catch (e) {
    const usage = e instanceof UsageError || (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (e as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL';
    if (usage) {
      const message = e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e);
      io.err(`lab: error CLI_USAGE: ${message}`);
      io.err(command ? `Run "lab ${command.name} --help" for its options.` : 'Run "lab --help" for the commands.');
      if (debug && e instanceof Error) io.err(e.stack ?? '');
      return 2;
    }
    const { code, message } = describeError(e);
    io.err(`lab: error ${code}: ${message}`);
    if (debug && e instanceof Error) io.err(e.stack ?? '');
    return 1;
  }
}
