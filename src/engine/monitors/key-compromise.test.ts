import { describe, expect, it } from 'vitest';
import { fakeAttacker, fakeConnection, fakeTruth, knowing } from '../testing/truth-builder.ts';
import { keyCompromise } from './key-compromise.ts';
import { renderProse } from './prose.ts';

const K_CLIENT = 0x0123456789abcdefn;
const K_SERVER = 0xfedcba9876543210n;
const client = (over: Parameters<typeof fakeConnection>[0] = {}) => fakeConnection({ host: 'client', localKey: K_CLIENT, remoteKey: K_SERVER, ...over });
const server = () => fakeConnection({ host: 'server', role: 'server', localKey: K_SERVER, remoteKey: K_CLIENT });
const run = (connections: ReturnType<typeof client>[], attackers: ReturnType<typeof fakeAttacker>[]) => keyCompromise.evaluate(fakeTruth({ connections, attackers }));

describe('key-compromise', () => {
  it('holds once an attacker knows both keys of a connection, from the later of the two (v1)', () => {
    const a = fakeAttacker({ knowledge: knowing([[K_SERVER, 100, 2], [K_CLIENT, 300, 5]]) });
    const [f, ...rest] = run([client(), server()], [a]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'key-compromise', timeUs: 300, attacker: 'mallory', evidence: { packets: [5, 2], events: [] } });
    expect(f!.amplification).toBeUndefined();
    expect(renderProse(f!.explanation)).toBe(
      "Attacker mallory (on-path active at r1) read both keys of the MPTCP v1 connection from client: the client's 0123456789abcdef in packet #5 and the server's fedcba9876543210 in packet #2. RFC 8684 sends them in clear in the SYN/ACK and the third ACK; with both it can compute every MP_JOIN and ADD_ADDR HMAC of the connection and forge MP_FASTCLOSE.",
    );
  });

  it('the later key decides the time either way; one packet carrying both is one piece of evidence (v0)', () => {
    const a = fakeAttacker({ knowledge: knowing([[K_CLIENT, 100, 7], [K_SERVER, 250, 9]]) });
    expect(run([client()], [a]).map((f) => [f.timeUs, f.evidence.packets])).toEqual([[250, [7, 9]]]);
    const b = fakeAttacker({ knowledge: knowing([[K_CLIENT, 400, 7], [K_SERVER, 400, 7]]) });
    const [f] = run([client({ version: 0 })], [b]);
    expect([f!.timeUs, f!.evidence.packets]).toEqual([400, [7]]);
    expect(renderProse(f!.explanation)).toContain('the MPTCP v0 connection from client');
    expect(renderProse(f!.explanation)).toContain('RFC 6824 sends them in clear in the SYN, SYN/ACK and third ACK; with both');
  });

  it('does not hold with one key only, nor for a connection that fell back or never learned the peer’s key', () => {
    const one = fakeAttacker({ id: 'one', knowledge: knowing([[K_CLIENT, 100, 7]]) });
    const other = fakeAttacker({ id: 'other', knowledge: knowing([[K_SERVER, 100, 7]]) });
    expect(run([client()], [one, other])).toEqual([]);
    const both = fakeAttacker({ knowledge: knowing([[K_CLIENT, 100, 7], [K_SERVER, 100, 8]]) });
    expect(run([client({ fallback: true }), client({ remoteKey: null }), server()], [both])).toEqual([]);
  });

  it('one finding per client connection and attacker that knows its keys', () => {
    const K2 = 0x5555n;
    const both = fakeAttacker({ knowledge: knowing([[K_CLIENT, 100, 7], [K_SERVER, 100, 8], [K2, 600, 20]]) });
    const none = fakeAttacker({ id: 'none' });
    const eve = fakeAttacker({ id: 'eve', knowledge: knowing([[K_CLIENT, 50, 3], [K_SERVER, 60, 4]]) });
    const found = run([client(), client({ localKey: K2 })], [both, none, eve]);
    expect(found.map((f) => [f.attacker, f.timeUs, f.evidence.packets])).toEqual([
      ['mallory', 100, [7, 8]],
      ['eve', 60, [3, 4]],
      ['mallory', 600, [20, 8]],
    ]);
  });
});
