import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeStore, renderWithStore, until } from '../../testing/harness.tsx';
import { PacketDetail } from './PacketDetail.tsx';
import { derivationsFor } from './derivations.ts';

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
    const how = screen.getByRole('region', { name: 'How its MPTCP values are derived' });
    expect(how.textContent).toMatch(/rightmost 64 bits of HMAC-SHA256/);
  }, 60_000);

  it('lists derivations only for the options a packet carries', () => {
    expect(derivationsFor(['TCP', 'DSS']).map((d) => d.option)).toEqual(['DSS']);
    expect(derivationsFor(['MP_JOIN', 'MP_CAPABLE']).map((d) => d.option)).toEqual(['MP_CAPABLE', 'MP_JOIN']);
  });
});
