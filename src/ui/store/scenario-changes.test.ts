import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../../engine/index.ts';
import { applyChange, applyChanges, describeChanges } from './scenario-changes.ts';

const base = builtinScenario('attack-add-addr-hijack-v0')!;

describe('scenario change objects', () => {
  it('change only what they name, leaving the input as it was', () => {
    const before = JSON.stringify(base);
    const s = applyChanges(base, [
      { kind: 'set-protocol', protocol: 'mptcp-v1' },
      { kind: 'set-link', id: base.links[0]!.id, patch: { delayUs: 12_000 } },
      { kind: 'move-node', id: 'client', x: 10.4, y: 20.6 },
    ]);
    expect(JSON.stringify(base)).toBe(before);
    expect(s.protocol).toBe('mptcp-v1');
    expect(s.links[0]!.delayUs).toBe(12_000);
    expect(s.links[1]).toBe(base.links[1]);
    expect(s.ui).toMatchObject({ positions: { client: { x: 10, y: 21 } } });
  });

  it('place, update, window and remove an attacker', () => {
    const mallory = base.attackers[0]!;
    let s = applyChange(base, { kind: 'set-window', id: mallory.id, window: null });
    expect(s.attackers[0]).toMatchObject({ location: 'on-path' });
    expect(s.attackers[0]!.window).toBeUndefined();
    s = applyChange(s, { kind: 'set-window', id: mallory.id, window: { fromUs: 1000.4, toUs: 5000 } });
    expect(s.attackers[0]).toMatchObject({ location: 'partial-time-on-path', window: { fromUs: 1000, toUs: 5000 } });
    s = applyChange(s, { kind: 'place-attacker', attacker: { id: 'eve', location: 'on-path', capability: 'eavesdropper', at: [base.links[0]!.id], attack: 'passive-eavesdrop', params: {}, guessBudget: 1 } });
    expect(s.attackers.map((a) => a.id)).toEqual([mallory.id, 'eve']);
    s = applyChange(s, { kind: 'update-attacker', id: 'eve', patch: { label: 'Eve' } });
    expect(s.attackers[1]!.label).toBe('Eve');
    s = applyChange(s, { kind: 'remove-attacker', id: mallory.id });
    expect(s.attackers.map((a) => a.id)).toEqual(['eve']);
    expect(describeChanges([{ kind: 'remove-attacker', id: mallory.id }])).toBe(`remove attacker ${mallory.id}`);
  });
});
