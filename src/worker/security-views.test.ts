/**
 * What the app is told about an attack run: failures with their evidence as
 * frames of the run's capture, and the hosts' verdicts on attacker packets —
 * read off the run, so switching v0 to v1 changes them for protocol reasons.
 */
import { describe, expect, it } from 'vitest';
import { CaptureService } from './capture-service.ts';
import { factsShown } from './security-views.ts';

describe('simulating an attack in the app', () => {
  it('v0: the hijack and man in the middle, each with evidence frames that hold the attacker packets', async () => {
    const s = new CaptureService();
    const { summary } = await s.simulate(1, 'attack-add-addr-hijack-v0', {}, () => {});
    expect(summary.protocol).toBe('mptcp-v0');
    const mitm = summary.failures.find((f) => f.id === 'mitm')!;
    expect(mitm).toMatchObject({ name: 'Man in the middle', stride: 'Tampering', mptcpSpecific: true });
    expect(mitm.frames.length).toBeGreaterThan(0);
    // The first evidence frame is a packet relayed through the attacker's own address.
    const row = (await s.rowsAt(1, [mitm.frames[0]!]))[0]!;
    expect([row.source, row.destination]).toContain('198.18.66.6');
    expect(summary.attackers[0]).toMatchObject({ label: 'Mallory', location: 'partial-time-on-path', attackLabel: expect.stringContaining('ADD_ADDR') });
    expect(summary.attackers[0]!.knew).not.toContain('keys');
  });

  it('v1: the same attacker cannot make the HMAC; the client ignores its ADD_ADDR and says why', async () => {
    const s = new CaptureService();
    const { summary } = await s.simulate(2, 'attack-add-addr-hijack-v0', { protocol: 'mptcp-v1' }, () => {});
    expect(summary.failures.map((f) => f.id)).not.toContain('hijack');
    const ignored = summary.verdicts.find((v) => /ADD_ADDR ignored: HMAC mismatch/.test(v.text))!;
    expect(ignored.host).toBe('client');
    expect((await s.rowsAt(2, [ignored.frame!]))[0]!.info).toMatch(/ADD_ADDR/);
  });

  it('lists decisions, not the state moves that restate them', async () => {
    const { summary } = await new CaptureService().simulate(7, 'attack-add-addr-hijack-v0', {}, () => {});
    expect(summary.verdicts.some((v) => /MP_JOIN HMAC verified/.test(v.text))).toBe(true);
    expect(summary.verdicts.some((v) => /-->/.test(v.text))).toBe(false);
  });

  it('a mitigation switch is host behaviour: add-addr-hmac on v0 stops the same attacker', async () => {
    const { summary } = await new CaptureService().simulate(3, 'attack-add-addr-hijack-v0', { mitigations: ['add-addr-hmac'] }, () => {});
    expect(summary.mitigations).toEqual(['add-addr-hmac']);
    expect(summary.failures.map((f) => f.id)).not.toContain('mitm');
  });

  it("lists what the host did with a flood's spoofed joins, which the attacker sends without logging each", async () => {
    const { summary } = await new CaptureService().simulate(6, 'attack-join-dos', {}, () => {});
    expect(summary.verdicts.some((v) => /rejected: half-open limit \(3\) reached/.test(v.text) && v.frame !== null)).toBe(true);
  });

  it('calls attackers by their labels in explanations, and lists the first fact of every kind an attacker learned', async () => {
    const s = new CaptureService();
    const { summary } = await s.simulate(5, 'attack-add-addr-hijack-v0', {}, () => {});
    const eavesdrop = summary.failures.find((f) => f.id === 'eavesdrop-data')!;
    expect(eavesdrop.explanation).toMatch(/^Mallory \(partial-time on-path/);
    expect(eavesdrop.explanation).not.toMatch(/[Aa]ttacker mallory/);
    // Past the first 60 facts, the first of each new kind is still listed.
    const all = [...Array.from({ length: 70 }, (_, i) => ({ kind: 'dsn', i })), { kind: 'key', i: 70 }, { kind: 'key', i: 71 }];
    expect(factsShown(all).map((f) => f.i)).toEqual([...Array.from({ length: 60 }, (_, i) => i), 70]);
  });

  it('refuses settings it does not know, naming them', async () => {
    await expect(new CaptureService().simulate(4, 'attack-add-addr-hijack-v0', { mitigations: ['firewall'] }, () => {})).rejects.toMatchObject({ code: 'SCENARIO_INVALID', message: expect.stringContaining('"firewall"') });
  });
});

describe('packet names', () => {
  it('explanations name the frames of the capture the app shows, not engine packet ids', async () => {
    const s = new CaptureService();
    const { summary } = await s.simulate(5, 'attack-add-addr-hijack-v0', {}, () => {});
    const mitm = summary.failures.find((f) => f.id === 'mitm')!;
    expect(mitm.explanation).not.toMatch(/#\d/);
    const named = [...mitm.explanation.matchAll(/frame (\d+)/g)].map((m) => Number(m[1]));
    expect(named.length).toBeGreaterThan(0);
    // Each named frame is a packet of the attacker's relay.
    for (const row of await s.rowsAt(5, named)) expect(row.source + row.destination).toContain('198.18.66.6');
  });
});
