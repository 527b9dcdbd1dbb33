/**
 * An attack on real Linux hosts (`lab live run attack-add-addr-hijack`):
 * client and server are Linux in network namespaces, the engine runs the
 * routers, the links and Mallory on client-r1, and the verdict comes from
 * what the Linux hosts did (linux-judge.ts), not from Mallory's log.
 * Runs only as root on a kernel with MPTCP; elsewhere it is skipped with
 * the reason.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { builtinScenario, type Scenario } from '../../engine/index.ts';
import { liveRun } from './live-run.ts';
import { deleteNamespace, listNamespaces } from './namespace.ts';
import { liveUnavailable } from './preflight.ts';

const skipReason = liveUnavailable();
if (skipReason) console.warn(`live attack interop skipped: ${skipReason}`);
const PREFIX = `mlab-a${process.pid}-`;
const MALLORY = '198.18.66.6';

const builtin = builtinScenario('attack-add-addr-hijack')!;

/**
 * The built-in as it is: Mallory on path from the start reads the keys in the
 * handshake and forges at 60 ms. (The run's clock starts with the client's
 * first packet and nothing is spawned while it runs, so 60 ms is 60 ms.)
 */
function keysKnown(): Scenario {
  return structuredClone(builtin);
}

/**
 * The same attacker, but on path only after the MP_CAPABLE handshake (and
 * the first data packet, which in v1 repeats both keys): she sees the
 * subflow's numbers, never the keys, so she must guess the ADD_ADDR's
 * 64-bit HMAC; two guesses, so she acts.
 */
function lateMallory(): Scenario {
  const s: Scenario = structuredClone(builtin);
  const m = s.attackers[0]!;
  s.attackers[0] = { ...m, location: 'partial-time-on-path', window: { fromUs: 150_000, toUs: s.durationUs }, params: { ...m.params, atUs: 200_000 }, guessBudget: 2 };
  return s;
}

describe.skipIf(skipReason !== null)(`ADD_ADDR hijack against Linux ↔ Linux (skipped unless root with MPTCP${skipReason ? `: ${skipReason}` : ''})`, () => {
  afterAll(async () => {
    for (const ns of await listNamespaces(PREFIX)) await deleteNamespace(ns);
  });

  it('keys read in the handshake: both Linux hosts take a subflow through Mallory — hijack and mitm, not defended', async () => {
    const { result } = await liveRun(keysKnown(), { outside: ['client', 'server'], prefix: PREFIX });
    const app = result.apps[0]!;
    expect([app.bytesRead.server, app.intact]).toEqual([500_000, true]);
    expect(result.attackers[0]!.attempted).toBe(true);
    const byHost = (host: string) => result.failures.filter((f) => f.host === host).map((f) => f.id).sort();
    // She read the client's data and both keys on her link (as the engine says too), then hijacked with them.
    expect(byHost('client')).toEqual(['eavesdrop-data', 'hijack', 'key-compromise', 'mitm']);
    // The relay's join reaches the server from Mallory's address: the server's subflow ends at her too.
    expect(byHost('server')).toEqual(['hijack', 'mitm']);
    // The kernel's own word and the wire: SF_ESTABLISHED to her address, the answered SYN+MP_JOIN.
    const hijack = result.failures.find((f) => f.id === 'hijack' && f.host === 'client')!;
    expect(hijack.evidence.monitor.some((l) => l.includes('SF_ESTABLISHED') && l.includes(`daddr4=${MALLORY}`))).toBe(true);
    expect(hijack.evidence.packets.length).toBeGreaterThanOrEqual(2);
    expect(result.verdicts).toEqual([{ id: 'mallory', verdict: 'succeeded', failures: ['hijack', 'mitm', 'eavesdrop-data', 'key-compromise'] }]);
    expect(await listNamespaces(PREFIX)).toEqual([]);
  }, 30_000);

  it('on path only after the handshake: Linux drops the ADD_ADDR with a guessed HMAC — no subflow to her, the hijack defended, attempted', async () => {
    const { result, records } = await liveRun(lateMallory(), { outside: ['client', 'server'], prefix: PREFIX });
    const mallory = result.attackers[0]!;
    // She acted: her forged ADD_ADDRs, right but for the HMAC she had to guess, reached the Linux client.
    expect(mallory.attempted).toBe(true);
    expect(mallory.guessesUsed).toBe(2);
    expect(mallory.expectedGuesses?.formula).toContain('HMAC');
    const sent = new Set(mallory.sent);
    expect(records.filter((r) => sent.has(r.id) && r.to === 'client' && r.fate === 'injected')).toHaveLength(2);
    // Linux checks the ADD_ADDR's HMAC and drops it on mismatch (net/mptcp/options.c, mptcp_incoming_options:
    // `if (!add_addr_hmac_valid(msk, &mp_opt)) { MPTCP_INC_STATS(..., MPTCP_MIB_ADDADDRDROP); ... }`), so the
    // client never joins her address: the only announcement it took is the server's.
    const client = result.live.linux.find((l) => l.host === 'client')!;
    expect(client.monitor.some((e) => e.daddr === MALLORY)).toBe(false);
    expect(client.apps[0]!.mptcp?.addAddrAccepted).toBe(1);
    // The hijack is defended; what she read in clear on the path is eavesdrop-data, as the engine says for this class too.
    expect(result.failures.map((f) => f.id)).toEqual(['eavesdrop-data']);
    expect(result.verdicts).toEqual([{ id: 'mallory', verdict: 'succeeded', failures: ['eavesdrop-data'] }]);
    expect([result.apps[0]!.bytesRead.server, result.apps[0]!.intact]).toEqual([500_000, true]);
    expect(await listNamespaces(PREFIX)).toEqual([]);
  }, 30_000);
});
