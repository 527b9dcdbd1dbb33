import { describe, expect, it } from 'vitest';
import { builtinScenario, type Scenario } from '../../../engine/index.ts';
import { freeAttackerAddress, homeRouter, usedAddresses } from './attacker-address.ts';
import { OFF_PATH_EAVESDROPPER } from './attacker-rules.ts';
import { defaultWindow, locationText, parseWindow } from './attacker-window.ts';
import { newAttacker, nextAttackerId, nextAttackerLabel } from './new-attacker.ts';

const hijack = builtinScenario('attack-add-addr-hijack-v0')!;
const twoPath = builtinScenario('two-path-v1')!;
const noRouters = builtinScenario('middlebox-strip')!;

const ADD_ADDR = { label: 'ADD_ADDR hijack', needsActive: true, needsAddress: true };
const EAVESDROP = { label: 'Passive eavesdropping', needsActive: false, needsAddress: false };

describe('attacker addresses', () => {
  it('knows every interface address, without prefixes, and the attackers’ own', () => {
    const used = usedAddresses(hijack);
    expect(used.has('198.18.1.1')).toBe(true);
    expect(used.has('198.18.2.253')).toBe(true);
    expect(used.has('198.18.66.6')).toBe(true);
    expect([...used].some((a) => a.includes('/'))).toBe(false);
  });

  it('picks the first free address from 198.18.66.6', () => {
    expect(freeAttackerAddress(twoPath)).toBe('198.18.66.6');
    // Mallory has .6.
    expect(freeAttackerAddress(hijack)).toBe('198.18.66.7');
    // An interface that has .7 (with its prefix) makes it .8.
    const taken: Scenario = { ...hijack, routers: [{ id: 'r9', interfaces: [{ id: 'eth0', addresses: ['198.18.66.7/24'] }] }, ...hijack.routers] };
    expect(freeAttackerAddress(taken)).toBe('198.18.66.8');
  });

  it('finds the router behind a place', () => {
    expect(homeRouter(hijack, ['r2'])).toBe('r2');
    expect(homeRouter(hijack, ['client-r1'])).toBe('r1');
    expect(homeRouter(hijack, ['r1-server'])).toBe('r1');
    expect(homeRouter(noRouters, ['client-mb'])).toBeNull();
  });
});

describe('newAttacker', () => {
  it('places an on-path attacker with a fresh id, the next name and its own address', () => {
    expect(newAttacker(hijack, { attack: 'add-addr-hijack', capability: 'active', place: 'r1-server', attackInfo: ADD_ADDR })).toEqual({
      ok: true,
      attacker: {
        id: 'attacker-1',
        label: 'Eve',
        location: 'on-path',
        capability: 'active',
        at: ['r1-server'],
        attack: 'add-addr-hijack',
        params: {},
        guessBudget: 1,
        address: '198.18.66.7',
      },
    });
  });

  it('gives no address to an attack that needs none', () => {
    const r = newAttacker(twoPath, { attack: 'passive-eavesdrop', capability: 'eavesdropper', place: 'r2', attackInfo: EAVESDROP });
    expect(r).toEqual({ ok: true, attacker: { id: 'attacker-1', label: 'Mallory', location: 'on-path', capability: 'eavesdropper', at: ['r2'], attack: 'passive-eavesdrop', params: {}, guessBudget: 1 } });
  });

  it('makes an off-path attacker enter at the first router, and refuses an off-path eavesdropper', () => {
    const r = newAttacker(hijack, { attack: 'add-addr-hijack', capability: 'active', place: null, attackInfo: ADD_ADDR });
    expect(r.ok && r.attacker.location).toBe('off-path');
    expect(r.ok && r.attacker.at).toEqual(['r1']);
    expect(r.ok && r.attacker.address).toBe('198.18.66.7');
    const links = newAttacker(noRouters, { attack: 'blind-reset', capability: 'active', place: null, attackInfo: { label: 'Reset injection', needsActive: true, needsAddress: false } });
    expect(links.ok && links.attacker.at).toEqual(['client-mb']);
    expect(newAttacker(hijack, { attack: 'passive-eavesdrop', capability: 'eavesdropper', place: null, attackInfo: EAVESDROP })).toEqual({ ok: false, reason: OFF_PATH_EAVESDROPPER });
    expect(OFF_PATH_EAVESDROPPER).toBe('An off-path attacker cannot be an eavesdropper: it sees no packets, so it can only act blindly.');
  });

  it('refuses an eavesdropper for an attack that sends packets, a host as a place, and an own address with no router', () => {
    expect(newAttacker(hijack, { attack: 'add-addr-hijack', capability: 'eavesdropper', place: 'client-r1', attackInfo: ADD_ADDR })).toEqual({
      ok: false,
      reason: 'ADD_ADDR hijack sends packets, which an eavesdropper never does: it needs an active attacker.',
    });
    expect(newAttacker(hijack, { attack: 'passive-eavesdrop', capability: 'active', place: 'client', attackInfo: EAVESDROP })).toEqual({
      ok: false,
      reason: 'An attacker sits on a link or at a router, not inside a host, a NAT or a middlebox.',
    });
    expect(newAttacker(noRouters, { attack: 'add-addr-hijack', capability: 'active', place: 'client-mb', attackInfo: ADD_ADDR })).toEqual({
      ok: false,
      reason: 'ADD_ADDR hijack makes a host connect to the attacker, so it needs an address of its own reached through a router: place it at a router or on a link with a router at one end.',
    });
  });

  it('names attackers Mallory, Eve, Trudy, Oscar, then Attacker N, with ids attacker-1, attacker-2, …', () => {
    let s: Scenario = twoPath;
    const made: [string, string][] = [];
    for (let i = 0; i < 6; i++) {
      const r = newAttacker(s, { attack: 'passive-eavesdrop', capability: 'active', place: 'client-r1', attackInfo: EAVESDROP });
      if (!r.ok) throw new Error(r.reason);
      made.push([r.attacker.id, r.attacker.label!]);
      s = { ...s, attackers: [...s.attackers, r.attacker] };
    }
    expect(made).toEqual([
      ['attacker-1', 'Mallory'],
      ['attacker-2', 'Eve'],
      ['attacker-3', 'Trudy'],
      ['attacker-4', 'Oscar'],
      ['attacker-5', 'Attacker 5'],
      ['attacker-6', 'Attacker 6'],
    ]);
    const gap = { ...s, attackers: s.attackers.filter((a) => a.id !== 'attacker-2') };
    expect([nextAttackerId(gap), nextAttackerLabel(gap)]).toEqual(['attacker-2', 'Eve']);
  });
});

describe('attacker windows', () => {
  it('says where the attacker is', () => {
    expect(locationText(hijack.attackers[0]!)).toBe('partial-time on-path 35.0–250.0 ms');
    expect(locationText({ location: 'on-path' })).toBe('on-path');
    expect(locationText({ location: 'off-path' })).toBe('off-path');
  });

  it('checks a window in ms against the run', () => {
    expect(parseWindow('20', '120.5', 10_000_000)).toEqual({ ok: true, window: { fromUs: 20_000, toUs: 120_500 } });
    expect(parseWindow('120', '20', 10_000_000)).toEqual({ ok: false, reason: 'The window must end after it starts.' });
    expect(parseWindow('-1', '20', 10_000_000)).toEqual({ ok: false, reason: 'The window cannot start before the run (0 ms).' });
    expect(parseWindow('0', '10000', 10_000_000)).toEqual({ ok: false, reason: 'The window must end before the run does (10000.0 ms).' });
    expect(parseWindow('', '20', 10_000_000).ok).toBe(false);
    expect(defaultWindow(10_000_000)).toEqual({ fromUs: 0, toUs: 5_000_000 });
  });
});
