/**
 * Explanations as data: text with the packets, attackers and host
 * decisions it names kept as references, so each reader names them its own
 * way (the CLI by packet id and attacker id, the app by capture frame and
 * attacker label) without rewriting sentences.
 */
import { DEFAULT_NAMER, eventText, type HostEvent, type Namer } from '../sim/events.ts';

export type ProsePart = string | { packet: number } | { attacker: string; capital?: boolean } | { event: HostEvent };
export type Prose = readonly ProsePart[];

export const pkt = (id: number): ProsePart => ({ packet: id });
export const atk = (id: string): ProsePart => ({ attacker: id });
/** The attacker at the start of a sentence. */
export const Atk = (id: string): ProsePart => ({ attacker: id, capital: true });
export const evt = (e: HostEvent): ProsePart => ({ event: e });

type Value = string | number | ProsePart | Prose;

/** A tagged template: prose`${host} accepted ${pkt(7)}` keeps the packet as a reference. */
export function prose(strings: TemplateStringsArray, ...values: Value[]): ProsePart[] {
  const out: ProsePart[] = [];
  strings.forEach((s, i) => {
    if (s) out.push(s);
    if (i < values.length) {
      const v = values[i]!;
      if (Array.isArray(v)) out.push(...(v as Prose));
      else out.push(typeof v === 'number' ? String(v) : (v as ProsePart));
    }
  });
  return out;
}

/** Joins pieces of prose with a separator. */
export function joinProse(parts: readonly Prose[], separator: string): ProsePart[] {
  return parts.flatMap((p, i) => (i === 0 ? [...p] : [separator, ...p]));
}

export function renderProse(p: Prose, names: Namer = DEFAULT_NAMER): string {
  return p
    .map((x) => {
      if (typeof x === 'string') return x;
      if ('packet' in x) return names.packet(x.packet);
      if ('attacker' in x) {
        const name = names.actor(x.attacker);
        return x.capital ? name.charAt(0).toUpperCase() + name.slice(1) : name;
      }
      return eventText(x.event, names);
    })
    .join('');
}
