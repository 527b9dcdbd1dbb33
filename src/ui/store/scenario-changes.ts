/**
 * Edits to a scenario as change objects (DESIGN.md §6): data that says what
 * changed, applied by one pure function, so undo and redo keep batches of
 * them and every view edits the same way. Validity is the engine's to judge:
 * the app runs the edited document, and a refused one keeps the work.
 */
import type { AttackerSpec, HostMitigation, LinkSpec, Protocol, Scenario, TimeWindow } from '../../engine/index.ts';

export type LinkPatch = Partial<Pick<LinkSpec, 'delayUs' | 'bandwidthBps' | 'lossRate' | 'queuePackets' | 'mtuBytes'>>;
export type AttackerPatch = Partial<Pick<AttackerSpec, 'label' | 'capability' | 'attack' | 'location' | 'at' | 'params' | 'guessBudget' | 'address'>>;

export type ScenarioChange =
  | { kind: 'set-protocol'; protocol: Protocol }
  | { kind: 'set-mitigations'; mitigations: HostMitigation[] }
  | { kind: 'set-link'; id: string; patch: LinkPatch }
  | { kind: 'move-node'; id: string; x: number; y: number }
  | { kind: 'place-attacker'; attacker: AttackerSpec }
  | { kind: 'update-attacker'; id: string; patch: AttackerPatch }
  | { kind: 'remove-attacker'; id: string }
  /** A window makes the attacker partial-time on-path; null makes it on-path for the whole run. */
  | { kind: 'set-window'; id: string; window: TimeWindow | null };

/** Changes that only flip the switches a short share link can name (protocol, mitigations). */
export function isSwitchChange(c: ScenarioChange): boolean {
  return c.kind === 'set-protocol' || c.kind === 'set-mitigations';
}

/** Whether a change can change the run (moving a node only changes `ui`, which the engine ignores). */
export function changesRun(c: ScenarioChange): boolean {
  return c.kind !== 'move-node';
}

export function applyChange(s: Scenario, c: ScenarioChange): Scenario {
  switch (c.kind) {
    case 'set-protocol':
      return { ...s, protocol: c.protocol };
    case 'set-mitigations':
      return { ...s, mptcp: { ...s.mptcp, mitigations: [...c.mitigations] } };
    case 'set-link':
      return { ...s, links: s.links.map((l) => (l.id === c.id ? { ...l, ...c.patch } : l)) };
    case 'move-node': {
      const ui = s.ui ?? {};
      const positions = { ...((ui.positions as Record<string, { x: number; y: number }> | undefined) ?? {}), [c.id]: { x: Math.round(c.x), y: Math.round(c.y) } };
      return { ...s, ui: { ...ui, positions } };
    }
    case 'place-attacker':
      return { ...s, attackers: [...s.attackers.filter((a) => a.id !== c.attacker.id), c.attacker] };
    case 'update-attacker':
      return { ...s, attackers: s.attackers.map((a) => (a.id === c.id ? { ...a, ...c.patch } : a)) };
    case 'remove-attacker':
      return { ...s, attackers: s.attackers.filter((a) => a.id !== c.id) };
    case 'set-window':
      return {
        ...s,
        attackers: s.attackers.map((a) => {
          if (a.id !== c.id) return a;
          if (c.window === null) {
            const { window: _drop, ...rest } = a;
            return { ...rest, location: a.location === 'off-path' ? 'off-path' : 'on-path' };
          }
          return { ...a, location: 'partial-time-on-path', window: { fromUs: Math.round(c.window.fromUs), toUs: Math.round(c.window.toUs) } };
        }),
      };
  }
}

export function applyChanges(s: Scenario, changes: readonly ScenarioChange[]): Scenario {
  return changes.reduce(applyChange, s);
}

/** What an undo or redo menu says about a batch. */
export function describeChanges(changes: readonly ScenarioChange[]): string {
  const c = changes[0];
  if (!c) return 'nothing';
  switch (c.kind) {
    case 'set-protocol':
      return `protocol ${c.protocol}`;
    case 'set-mitigations':
      return 'mitigations';
    case 'set-link':
      return `link ${c.id}`;
    case 'move-node':
      return `move ${c.id}`;
    case 'place-attacker':
      return `place ${c.attacker.label ?? c.attacker.id}`;
    case 'update-attacker':
      return `edit attacker ${c.id}`;
    case 'remove-attacker':
      return `remove attacker ${c.id}`;
    case 'set-window':
      return `window of ${c.id}`;
  }
}
