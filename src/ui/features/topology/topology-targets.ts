/** What a click, key press or drop in the diagram is aimed at, read from the data attributes of the element hit. */

export type Target = { kind: 'link' | 'router' | 'node' | 'attacker'; id: string } | { kind: 'canvas' };

/** What the topology has selected for editing. */
export type Selection = { kind: 'link' | 'attacker' | 'node'; id: string };

/** The node a target names (routers are nodes too), or null. */
export const nodeOf = (t: Target): string | null => (t.kind === 'node' || t.kind === 'router' ? t.id : null);

const ATTRIBUTES = [
  ['data-attacker', 'attacker'],
  ['data-link', 'link'],
  ['data-router', 'router'],
  ['data-node', 'node'],
] as const;

/** The target under `el`; null for a packet in flight (it handles its own clicks) or a control outside the drawing. */
export function targetOf(el: EventTarget | null): Target | null {
  if (!(el instanceof Element)) return null;
  if (el.closest('[data-frame]')) return null;
  for (const [attribute, kind] of ATTRIBUTES) {
    const hit = el.closest(`[${attribute}]`);
    if (hit) return { kind, id: hit.getAttribute(attribute)! };
  }
  return el.closest('svg') ? { kind: 'canvas' } : null;
}

/** The id of a link or router a drop on `target` lands on (null: none). */
export const placeOf = (t: Target | null) => (t && (t.kind === 'link' || t.kind === 'router') ? t.id : null);
