import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeStore, renderWithStore, until } from '../../testing/harness.tsx';
import { PacketDetail } from './PacketDetail.tsx';
import { derivationsFor } from './derivations.ts';
import { MARK } from '../../../engine/index.ts';

describe('the inspector in plain words', () => {
  it('says what the host did with the attacker’s ADD_ADDR, with the HMAC it expected and got, and how ADD_ADDR HMACs are made', async () => {
    const store = makeStore();
    // v0's attacker (arriving after the handshake, without the keys) against v1's ADD_ADDR HMAC.
    await store.getState().simulate('attack-add-addr-hijack-v0', { protocol: 'mptcp-v1' });
    const verdict = store.getState().simulation!.verdicts.find((v) => /HMAC mismatch/.test(v.text))!;
    expect(verdict.frame).not.toBeNull();
    store.getState().selectFrame(verdict.frame);
    await until(store, (s) => s.detail !== null && s.decisions.length > 0, 10_000);
    renderWithStore(<PacketDetail />, store);
    const did = screen.getByRole('region', { name: 'What the hosts did with it' });
    expect(did.textContent).toMatch(/ADD_ADDR ignored: HMAC mismatch/);
    expect(did.textContent).toMatch(/received [0-9a-f]{16}, the keys give [0-9a-f]{16}/);
    // The check spelled out: the value the keys give is the one the host logged, and it is not the one on the wire.
    const check = screen.getByRole('region', { name: 'The HMAC check, spelled out' });
    const logged = /received ([0-9a-f]{16}), the keys give ([0-9a-f]{16})/.exec(did.textContent!)!;
    expect(check.textContent).toContain(`Expected${logged[2]}`);
    expect(check.textContent).toContain(`Received${logged[1]}`);
    expect(check.textContent).toContain('✗ does not match');
    expect(check.textContent).toMatch(/Message09c61242 06 *0000|Message09c6124206/);
    const how = screen.getByRole('region', { name: 'How its MPTCP values are derived' });
    expect(how.textContent).toMatch(/rightmost 64 bits of HMAC-SHA256/);
  }, 60_000);

  it('spells out a genuine ADD_ADDR’s HMAC check, which matches', async () => {
    const store = makeStore();
    await store.getState().simulate('two-path-v1');
    const t = store.getState().run!.timeline!;
    const frame = [...Array(t.count).keys()].find((i) => (t.marks[i]! & MARK.ADD_ADDR) !== 0)! + 1;
    store.getState().selectFrame(frame);
    await until(store, (s) => s.detail !== null && s.hmacChecks.length > 0, 10_000);
    const check = store.getState().hmacChecks[0]!;
    expect(check.matches).toBe(true);
    expect(check.expected).toBe(check.received);
    expect(check.algorithm).toBe('rightmost 64 bits of HMAC-SHA256');
    expect(check.what).toMatch(/^ADD_ADDR ID 1 198\.18\.2\.2, checked by client$/);
  }, 60_000);

  it('lists derivations only for the options a packet carries', () => {
    expect(derivationsFor(['TCP', 'DSS']).map((d) => d.option)).toEqual(['DSS']);
    expect(derivationsFor(['MP_JOIN', 'MP_CAPABLE']).map((d) => d.option)).toEqual(['MP_CAPABLE', 'MP_JOIN']);
  });
});
