/**
 * Documents for the scenario tests (never imported by engine code): a
 * minimal valid scenario, and copying and editing helpers.
 */
import { SCENARIO_SCHEMA_VERSION } from './types.ts';

export type Doc = Record<string, unknown>;

/** The smallest useful valid document: two hosts, one link, one bulk transfer. */
export function minimalDocument(): Doc {
  return {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id: 'mini',
    title: 'Mini',
    description: '',
    seed: 7,
    protocol: 'mptcp-v1',
    hosts: [
      { id: 'client', interfaces: [{ id: 'eth0', addresses: ['198.18.1.1/24'] }] },
      { id: 'server', interfaces: [{ id: 'eth0', addresses: ['198.18.1.2/24'] }] },
    ],
    links: [{ id: 'l1', a: 'client.eth0', b: 'server.eth0', delayUs: 5000, bandwidthBps: 10_000_000 }],
    traffic: [{ id: 't', kind: 'bulk', from: 'client', to: 'server', port: 80, bytes: 1000 }],
  };
}

export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Tests reach deep into documents; typing every step would hide what they change. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Editable = any;

/** A copy of `doc` with `edit` applied to it. */
export function edited(doc: Doc, edit: (d: Editable) => void): Doc {
  const d = copy(doc);
  edit(d);
  return d;
}

/** Path segments of every value in a JSON document, root first. */
export function allPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...allPaths(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) out.push(...allPaths(v, [...prefix, k]));
  return out;
}

/** The container holding the value at `path` and its key there; undefined for the root. */
export function parentOf(doc: unknown, path: (string | number)[]): { parent: Record<string | number, unknown>; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let node = doc as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  return { parent: node, key: path[path.length - 1]! };
}
