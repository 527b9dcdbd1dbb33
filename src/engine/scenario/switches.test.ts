import { describe, expect, it } from 'vitest';
import { builtinScenario } from './builtin/index.ts';
import { reproduceCommand, runTitle, withSwitches } from './switches.ts';

describe('the command that reproduces a run', () => {
  const s = builtinScenario('attack-add-addr-hijack')!;

  it('is the built-in alone when nothing was switched', () => {
    expect(reproduceCommand(s)).toEqual({ command: 'npm run --silent lab -- run attack-add-addr-hijack', needsFile: false });
  });

  it('names only the switches that differ from the built-in, and the seed when it was changed', () => {
    expect(reproduceCommand(withSwitches(s, { protocol: 'mptcp-v0' })).command).toBe('npm run --silent lab -- run attack-add-addr-hijack --protocol mptcp-v0');
    expect(reproduceCommand(withSwitches(s, { mitigations: [] })).command).toBe('npm run --silent lab -- run attack-add-addr-hijack');
    expect(reproduceCommand(withSwitches(s, { mitigations: ['tls'] })).command).toBe('npm run --silent lab -- run attack-add-addr-hijack --mitigations tls');
    expect(reproduceCommand({ ...withSwitches(s, { mitigations: ['tls', 'dh-keys'] }), seed: 7 }).command).toBe('npm run --silent lab -- run attack-add-addr-hijack --seed 7 --mitigations tls,dh-keys');
  });

  it('is the saved JSON for a scenario edited beyond its switches (a link changed)', () => {
    const edited = { ...s, links: s.links.map((l, i) => (i === 0 ? { ...l, delayUs: l.delayUs + 1 } : l)) };
    expect(reproduceCommand(edited)).toEqual({ command: 'npm run --silent lab -- run attack-add-addr-hijack.json', needsFile: true });
  });

  it('ignores view state (node positions), which the engine ignores too', () => {
    expect(reproduceCommand({ ...s, ui: { positions: { client: { x: 1, y: 2 } } } }).needsFile).toBe(false);
  });

  it('refuses an unknown protocol or mitigation', () => {
    expect(() => withSwitches(s, { protocol: 'v2' })).toThrow(/protocol "v2" is not one of/);
    expect(() => withSwitches(s, { mitigations: ['firewall'] })).toThrow(/unknown mitigation "firewall"/);
  });
});

describe('what a run is called', () => {
  it('a built-in switched to another protocol is named after the one that ran, and says how it differs from the built-in', () => {
    const v0 = builtinScenario('attack-add-addr-hijack-v0')!;
    expect(runTitle(v0)).toEqual({ title: v0.title, note: null });
    const asV1 = runTitle(withSwitches(v0, { protocol: 'mptcp-v1', mitigations: ['dh-keys'] }));
    expect(asV1.title).toBe('ADD_ADDR hijack, MPTCP v1 (RFC 7430 §2)');
    expect(asV1.note).toBe("This run is the built-in with MPTCP v1 (the built-in runs MPTCP v0), with mitigations dh-keys (the built-in has none); the description is the built-in's.");
  });

  it('a title that names no protocol says which one ran', () => {
    const s = builtinScenario('attack-add-addr-flooding')!;
    expect(runTitle(withSwitches(s, { protocol: 'mptcp-v0' })).title).toBe(`${s.title}, run as MPTCP v0`);
  });
});
