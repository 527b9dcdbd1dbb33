/**
 * Output files of `lab run --json F --pcap F`: checked before the run (a
 * run can take minutes, and its result should not be lost to a typo), and
 * written with a coded CLI_OUTPUT error naming the path and the reason.
 */
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LabError } from '../engine/index.ts';

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return e instanceof Error ? e.message : String(e);
}

const fail = (option: string, path: string, why: string) => new LabError('CLI_OUTPUT', `${option} ${path}: cannot write "${path}": ${why}`);

/** Throws CLI_OUTPUT unless `path` can be written: its directory exists, it is not a directory, and it may be written. */
export function checkWritable(path: string, option: string): void {
  const full = resolve(path);
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(full);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fail(option, path, reason(e));
  }
  if (existing?.isDirectory()) throw fail(option, path, 'it is a directory');
  if (existing) {
    try {
      accessSync(full, constants.W_OK);
    } catch (e) {
      throw fail(option, path, reason(e));
    }
    return;
  }
  const dir = dirname(full);
  let parent: ReturnType<typeof statSync>;
  try {
    parent = statSync(dir);
  } catch (e) {
    throw fail(option, path, (e as NodeJS.ErrnoException).code === 'ENOENT' ? `its directory "${dirname(path)}" does not exist` : reason(e));
  }
  if (!parent.isDirectory()) throw fail(option, path, `"${dirname(path)}" is not a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw fail(option, path, `its directory "${dirname(path)}": ${reason(e)}`);
  }
}

/** Writes an output file; a failure (the disk filled up during the run, say) is CLI_OUTPUT, never INTERNAL. */
export function writeOutput(path: string, option: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    throw fail(option, path, reason(e));
  }
}
