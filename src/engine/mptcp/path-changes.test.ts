/**
 * Paths that change during a run (scenario actions): a link that fails and
 * maybe comes back, an endpoint deleted (REMOVE_ADDR), an endpoint's backup
 * flag changed (MP_PRIO). What follows must be the hosts' doing: stale
 * subflows, reinjection, the options on the wire, and the same option
 * shapes as Linux's captures.
 */
import type { EventKind, EventOf } from '../sim/events.ts';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../core/hex.ts';
import { exportPcap } from '../runner/pcap-export.ts';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import { builtinScenario } from '../scenario/builtin/index.ts';
import type { ActionSpec, Scenario } from '../scenario/types.ts';
import { optionShape, tcpPackets, type CapturedTcp } from '../testing/capture-packets.ts';
import { readFixture } from '../testing/fixtures.ts';
import { twoPathScenario } from '../testing/scenarios.ts';
import { formatIp } from '../wire/ip-address.ts';
import type { MptcpOption } from '../wire/mptcp/types.ts';
import { decodePacket } from '../wire/packet.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';

interface SimPacket {
  timeUs: number;
  link: string;
  from: string;
  src: string;
  fate: string;
  reason?: string;
  flags: number;
  payload: number;
  options: readonly { kind: string }[];
}

function simPackets(r: RunResult): SimPacket[] {
  return r.packets.map((p) => {
    const d = decodePacket(fromHex(p.hex));
    if (!d.ok || !d.value.tcp) throw new Error(`packet ${p.id} does not decode`);
    return {
      timeUs: p.timeUs,
      link: p.link,
      from: p.from,
      src: formatIp(d.value.ip.src),
      fate: p.fate,
      ...(p.reason ? { reason: p.reason } : {}),
      flags: d.value.tcp.header.flags,
      payload: d.value.payloadLength,
      options: d.value.tcp.header.options,
    };
  });
}

const option = <K extends MptcpOption['kind']>(p: { options: readonly { kind: string }[] }, kind: K) => p.options.find((o) => o.kind === kind) as Extract<MptcpOption, { kind: K }> | undefined;
const kinds = (r: RunResult, host: string) => r.events.filter((e) => e.host === host).map((e) => e.kind);
const firstEvent = <K extends EventKind>(r: RunResult, kind: K) => r.events.find((e): e is EventOf<K> => e.kind === kind);
const withActions = (s: Scenario, actions: ActionSpec[], over: Partial<Scenario> = {}): Scenario => ({ ...s, actions, ...over });
const intact = (r: RunResult) => r.apps.every((a) => a.intact && a.bytesRead.server === a.bytesWritten.client && a.bytesRead.client === a.bytesWritten.server);

/** Option shape of the first packet carrying `kind` in a capture file, for comparing with Linux's. */
const shapeOf = (file: Uint8Array, kind: string) => {
  const p = tcpPackets(file).find((x: CapturedTcp) => x.options.some((o) => o.kind === kind));
  return p && optionShape(p);
};

describe('a link that fails', () => {
  it('wifi-handover: the Wi-Fi subflow goes stale after four timeouts, its data moves to the LTE backup, every byte arrives', () => {
    const r = runScenario(builtinScenario('wifi-handover')!);
    const pkts = simPackets(r);
    expect(intact(r)).toBe(true);
    expect(r.finished).toBe(true);
    // From the first packet the dead link refused on (packets are listed in the order they were put
    // on links; those queued before 0.2 s still went out), Wi-Fi carried nothing.
    const wifi = pkts.filter((p) => p.link === 'wifi');
    const cut = wifi.findIndex((p) => p.reason === 'link-down');
    expect(wifi[cut]!.timeUs).toBeGreaterThanOrEqual(200_000);
    expect(wifi.slice(cut).every((p) => p.fate === 'dropped' && p.reason === 'link-down')).toBe(true);
    const stale = firstEvent(r, 'mptcp-subflow-stale')!;
    expect(stale.host).toBe('phone');
    expect(stale).toMatchObject({ subflow: expect.stringMatching(/^198\.18\.1\.1:/), timeouts: 4 });
    // Four backed-off RTOs (at least 200 + 400 + 800 + 1600 ms) after the link failed.
    expect(stale.timeUs).toBeGreaterThan(200_000 + 3_000_000);
    const reinjected = r.events.filter((e) => e.kind === 'mptcp-reinject');
    expect(reinjected.length).toBeGreaterThan(0);
    expect(reinjected.every((e) => e.timeUs >= stale.timeUs && e.kind === 'mptcp-reinject' && e.subflow.startsWith('198.18.2.1:'))).toBe(true);
    // LTE, a backup, carried data only once Wi-Fi was stale.
    const lteData = pkts.filter((p) => p.link === 'lte' && p.src === '198.18.2.1' && p.payload > 0);
    expect(lteData.length).toBeGreaterThan(0);
    expect(lteData.every((p) => p.timeUs >= stale.timeUs)).toBe(true);
  });

  // l2 (5 ms) is faster than l1 (30 ms), so the scheduler puts the data on the subflow over l2.
  const fastSecondPath = () => {
    const s = twoPathScenario('mptcp-v1');
    return { ...s, links: s.links.map((l) => (l.id === 'l1' ? { ...l, delayUs: 30_000 } : { ...l, delayUs: 5_000 })) };
  };
  const longExchange = { id: 'rr', kind: 'request-response' as const, from: 'client', to: 'server', toAddress: '198.18.1.2', port: 8080, requestBytes: 20_000, responseBytes: 200, count: 60, intervalUs: 100_000, startUs: 0 };

  it('a link back up before the fourth timeout: the subflow never goes stale and nothing is reinjected', () => {
    const r = runScenario(withActions(fastSecondPath(), [{ atUs: 500_000, kind: 'link-down', link: 'l2' }, { atUs: 1_000_000, kind: 'link-up', link: 'l2' }], { traffic: [longExchange] }));
    expect(intact(r)).toBe(true);
    expect(r.events.some((e) => e.kind === 'tcp-rto' && e.host === 'client')).toBe(true);
    expect(kinds(r, 'client')).not.toContain('mptcp-subflow-stale');
    expect(kinds(r, 'client')).not.toContain('mptcp-reinject');
  });

  it('a link back up after the subflow went stale: its next retransmission is acknowledged and it carries data again', () => {
    const r = runScenario(withActions(fastSecondPath(), [{ atUs: 500_000, kind: 'link-down', link: 'l2' }, { atUs: 4_000_000, kind: 'link-up', link: 'l2' }], { traffic: [longExchange] }));
    expect(intact(r)).toBe(true);
    const stale = firstEvent(r, 'mptcp-subflow-stale')!;
    const active = firstEvent(r, 'mptcp-subflow-active')!;
    expect(stale.subflow).toMatch(/^198\.18\.2\.1:/);
    expect(active.timeUs).toBeGreaterThan(4_000_000);
    const pkts = simPackets(r);
    // While stale, new data went over l1; once active again, over l2.
    expect(pkts.some((p) => p.link === 'l1' && p.src === '198.18.1.1' && p.payload > 0 && p.timeUs > stale.timeUs && p.timeUs < active.timeUs)).toBe(true);
    expect(pkts.filter((p) => p.link === 'l2' && p.src === '198.18.2.1' && p.payload > 0 && p.timeUs > active.timeUs + 100_000).length).toBeGreaterThan(10);
  });
});

describe('deleting an endpoint: REMOVE_ADDR', () => {
  const removal = (atUs: number) => withActions(twoPathScenario('mptcp-v1'), [{ atUs, kind: 'endpoint-remove', host: 'server', address: '198.18.2.2' }], {
    traffic: [{ id: 'bulk', kind: 'bulk', from: 'client', to: 'server', toAddress: '198.18.1.2', port: 8080, bytes: 1_000_000, startUs: 0 }],
  });

  it('the server deletes its announced address mid-transfer: REMOVE_ADDR on the initial subflow, the join closes with FINs, the data arrives', () => {
    const r = runScenario(removal(200_000));
    const pkts = simPackets(r);
    expect(intact(r)).toBe(true);
    const rm = pkts.filter((p) => option(p, 'remove-addr'));
    expect(rm.length).toBe(1);
    expect(rm[0]).toMatchObject({ link: 'l1', src: '198.18.1.2' });
    expect(option(rm[0]!, 'remove-addr')!.addressIds).toEqual([1]);
    expect(firstEvent(r, 'mptcp-remove-addr')).toMatchObject({ host: 'client' });
    expect(firstEvent(r, 'mptcp-remove-addr')).toMatchObject({ addressId: 1, address: '198.18.2.2', subflows: 1 });
    // Both ends of the join send a FIN, after the REMOVE_ADDR; no data crosses l2 after that.
    const fins = pkts.filter((p) => p.link === 'l2' && p.flags & TCP_FLAG.FIN);
    expect(new Set(fins.map((p) => p.src))).toEqual(new Set(['198.18.2.1', '198.18.2.2']));
    expect(fins.every((p) => p.timeUs >= rm[0]!.timeUs)).toBe(true);
    const lastFin = Math.max(...fins.map((p) => p.timeUs));
    expect(pkts.some((p) => p.link === 'l2' && p.payload > 0 && p.timeUs > lastFin)).toBe(false);
    expect(pkts.some((p) => p.link === 'l1' && p.payload > 0 && p.timeUs > lastFin)).toBe(true);
  });

  it("has Linux's option shape: DSS with a 64-bit DATA_ACK, then REMOVE_ADDR, on a pure ACK", () => {
    const linux = shapeOf(readFixture('v1-remove-addr.pcap'), 'remove-addr');
    expect(linux).toBe('nop nop timestamps dss:12 remove-addr:4');
    expect(shapeOf(exportPcap(runScenario(removal(200_000)).handle.records), 'remove-addr')).toBe(linux);
  });

  it('an address deleted before the peer ever heard of it is neither announced nor removed', () => {
    const r = runScenario(withActions(removal(0), [{ atUs: 0, kind: 'endpoint-remove', host: 'server', address: '198.18.2.2' }]));
    const pkts = simPackets(r);
    expect(intact(r)).toBe(true);
    expect(pkts.some((p) => option(p, 'add-addr') || option(p, 'remove-addr'))).toBe(false);
    expect(pkts.some((p) => p.link === 'l2')).toBe(false);
  });
});

describe("changing an endpoint's backup flag: MP_PRIO", () => {
  const s = withActions(
    twoPathScenario('mptcp-v1'),
    [
      { atUs: 150_000, kind: 'endpoint-backup', host: 'client', address: '198.18.2.1', backup: true },
      { atUs: 500_000, kind: 'endpoint-backup', host: 'client', address: '198.18.2.1', backup: false },
    ],
    { traffic: [{ id: 'bulk', kind: 'bulk', from: 'client', to: 'server', toAddress: '198.18.1.2', port: 8080, bytes: 1_500_000, startUs: 0 }] },
  );

  it('MP_PRIO goes out on the subflow itself; while it is backup the client sends no new data on it', () => {
    const r = runScenario(s);
    const pkts = simPackets(r);
    expect(intact(r)).toBe(true);
    const prio = pkts.filter((p) => option(p, 'mp-prio'));
    expect(prio.map((p) => [p.link, p.src, option(p, 'mp-prio')!.backup])).toEqual([
      ['l2', '198.18.2.1', true],
      ['l2', '198.18.2.1', false],
    ]);
    expect(r.events.filter((e) => e.kind === 'mptcp-prio-received').map((e) => e.host)).toEqual(['server', 'server']);
    const dataOnL2 = (from: number, to: number) => pkts.filter((p) => p.link === 'l2' && p.src === '198.18.2.1' && p.payload > 0 && p.timeUs > from && p.timeUs < to).length;
    expect(dataOnL2(0, 150_000)).toBeGreaterThan(0);
    // Segments sent before 0.15 s still wait in the link's queue ahead of the MP_PRIO; none follows it.
    expect(dataOnL2(prio[0]!.timeUs, prio[1]!.timeUs)).toBe(0);
    expect(dataOnL2(prio[1]!.timeUs, Infinity)).toBeGreaterThan(0);
  });

  it("has Linux's option shape: DSS, then a 3-byte MP_PRIO, on a pure ACK", () => {
    const linux = shapeOf(readFixture('v1-backup-mp-prio.pcap'), 'mp-prio');
    expect(linux).toBe('nop nop timestamps dss:8 mp-prio:3 nop');
    expect(shapeOf(exportPcap(runScenario(s).handle.records), 'mp-prio')).toBe(linux);
  });
});
