import { UsageError } from './cli-error.ts';

/** A comma-separated option (`--attacks a,b`), each item one of `allowed`; undefined when not given. */
export function listOption<T extends string>(text: string | undefined, allowed: readonly T[], option: string): T[] | undefined {
  if (text === undefined) return undefined;
  const items = text.split(',').map((x) => x.trim()).filter(Boolean);
  for (const x of items) if (!allowed.includes(x as T)) throw new UsageError(`${option}: "${x}" is not one of ${allowed.join(', ')}`);
  if (items.length === 0) throw new UsageError(`${option} needs at least one value`);
  return items as T[];
}

/** `--workers N`: 1 without it. */
export function workersOption(text: string | undefined): number {
  const asked = text === undefined ? 1 : Number(text);
  if (!Number.isInteger(asked) || asked < 1 || asked > 64) throw new UsageError(`--workers must be a whole number from 1 to 64, got "${text}"`);
  return asked;
}
