import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeToken, nstatDelta, parseNstat, parseMptcpMonitor, parseSsAddress, parseSsMptcp, parseSsSubflows } from './linux-view.ts';

// Real outputs (iproute2 6.1, Linux 6.18) except *-handwritten / *-malformed.
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseSsAddress', () => {
  it('reads IPv4, bracketed IPv6, %scope and wildcards', () => {
    expect(parseSsAddress('198.18.1.1:53878')).toEqual({ address: '198.18.1.1', port: 53878, raw: '198.18.1.1:53878' });
    expect(parseSsAddress('[2001:db8:1::1]:8080')).toMatchObject({ address: '2001:db8:1::1', port: 8080 });
    expect(parseSsAddress('[fe80::1%c1]:22')).toMatchObject({ address: 'fe80::1', port: 22, scope: 'c1' });
    expect(parseSsAddress('0.0.0.0%lo:53')).toMatchObject({ address: '0.0.0.0', port: 53, scope: 'lo' });
    expect(parseSsAddress('0.0.0.0:*')).toMatchObject({ address: '0.0.0.0', port: null });
    expect(parseSsAddress('*:*')).toMatchObject({ address: '*', port: null });
    expect(parseSsAddress('nocolon')).toMatchObject({ address: 'nocolon', port: null });
  });
});

describe('parseSsMptcp on real ss -MniH output', () => {
  it('reads the server of a two-subflow IPv4 connection that signalled one ADD_ADDR', () => {
    const [s, ...rest] = parseSsMptcp(fixture('ss-mptcp-v4-server.txt'));
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      state: 'ESTAB', recvQ: 0, sendQ: 0,
      local: { address: '198.18.1.2', port: 8080 }, remote: { address: '198.18.1.1', port: 53878 },
      subflows: 1, addAddrSignal: 1, addAddrAccepted: 0, token: 'c2b9f0e0', fallback: false, remoteKey: true,
    });
    expect(s?.fields).toMatchObject({ subflows_max: '2', add_addr_signal_max: '1', write_seq: '2631e0efbd8d7ed6', rcv_nxt: '530d5e58779c98ff' });
    // iproute2 6.1 does not print the byte counters
    expect(s?.bytesSent).toBeUndefined();
  });

  it('reads the client side (ADD_ADDR accepted) and a LISTEN socket with an empty info line', () => {
    expect(parseSsMptcp(fixture('ss-mptcp-v4-client.txt'))[0]).toMatchObject({ subflows: 1, addAddrAccepted: 1, addAddrSignal: 0, token: '2b693563' });
    const all = parseSsMptcp(fixture('ss-mptcp-v4-server-all.txt'));
    expect(all.map((s) => s.state)).toEqual(['ESTAB', 'LISTEN']);
    expect(all[1]).toMatchObject({ local: { address: '0.0.0.0', port: 8080 }, remote: { port: null }, subflows: 0, fields: {}, flags: [] });
  });

  it('reads IPv6, zero counters omitted after REMOVE_ADDR, and fallback', () => {
    expect(parseSsMptcp(fixture('ss-mptcp-v6-server.txt'))[0]).toMatchObject({ local: { address: '2001:db8:1::2', port: 8080 }, subflows: 1, addAddrSignal: 1 });
    expect(parseSsMptcp(fixture('ss-mptcp-v6-client-after-remove.txt'))[0]).toMatchObject({ subflows: 0, addAddrAccepted: 0, token: 'f91bb124', fallback: false });
    expect(parseSsMptcp(fixture('ss-mptcp-v6-client-fallback.txt'))[0]).toMatchObject({ fallback: true, remoteKey: false, token: '407818c1', remote: { port: 8081 } });
  });
});

describe('parseSsSubflows on real ss -tniH output', () => {
  it('finds both subflows of the client with their tokens, ids and flags', () => {
    const sf = parseSsSubflows(fixture('ss-tcp-v4-client.txt'));
    expect(sf).toHaveLength(2);
    expect(sf[0]).toMatchObject({
      mptcp: true, mptcpFlags: 'Mmec', token: '2b693563', remoteToken: '00000000', localId: 0, remoteId: 0,
      bytesSent: 4000, bytesAcked: 4001, segsOut: 6, segsIn: 3, local: { address: '198.18.1.1', port: 53878 },
    });
    expect(sf[0]?.mptcpFields).toMatchObject({ seq: '2631e0efbd8d7ed6', sfseq: '1', ssnoff: '761f337', maplen: '0' });
    expect(sf[0]?.fields.bbr).toBe('(bw:2482285216bps,mrtt:0.014,pacing_gain:2.88672,cwnd_gain:2.88672)');
    expect(sf[0]?.fields.send).toBe('2121014085bps');
    expect(sf[0]?.flags).toEqual(['bbr', 'app_limited']);
    // the join subflow learnt the server's token (MP_JOIN carries it)
    expect(sf[1]).toMatchObject({ mptcpFlags: 'Jjec', token: '2b693563', remoteToken: 'c2b9f0e0', localId: 1, remoteId: 1, local: { address: '198.18.2.1' } });
  });

  it('marks the MPTCP listener and reads bytes_received on the server', () => {
    const sf = parseSsSubflows(fixture('ss-tcp-v4-server-all.txt'));
    expect(sf.map((s) => [s.state, s.mptcp])).toEqual([['LISTEN', true], ['ESTAB', true], ['ESTAB', true]]);
    expect(sf[0]?.token).toBeUndefined();
    expect(sf[1]).toMatchObject({ bytesReceived: 4000, token: 'c2b9f0e0', mptcpFlags: 'Mec' });
  });

  it('reads IPv6 subflows and a fallen-back subflow', () => {
    expect(parseSsSubflows(fixture('ss-tcp-v6-client.txt')).map((s) => s.local.address)).toEqual(['2001:db8:1::1', '2001:db8:2::1']);
    expect(parseSsSubflows(fixture('ss-tcp-v6-client-fallback.txt'))[0]).toMatchObject({ mptcp: true, mptcpFlags: 'mc', token: '407818c1' });
  });
});

describe('tokens', () => {
  it('are padded to 8 digits: ss -M prints %x, so a leading zero is lost (seen on the real kernel)', () => {
    // 0779a0c6 in ip mptcp monitor, 779a0c6 in ss -MniH for the same connection
    const [s] = parseSsMptcp('ESTAB 0 0 198.18.1.2:8080 198.18.1.1:43102\n\t subflows:1 remote_key token:779a0c6\n');
    expect(s?.token).toBe('0779a0c6');
    expect(normalizeToken('ABC')).toBe('00000abc');
    expect(normalizeToken('123456789')).toBeUndefined();
    expect(normalizeToken('')).toBeUndefined();
    expect(normalizeToken('-1')).toBeUndefined();
  });
});

describe('ss parsers on malformed input', () => {
  it('skip what is not a socket line and never throw', () => {
    const text = fixture('ss-malformed.txt');
    const m = parseSsMptcp(text);
    expect(m.map((s) => s.local.raw)).toEqual(['198.18.1.1:1', '[fe80::1%c1]:8080', '0.0.0.0%lo:8080', '[2001:db8:1::1]:55130']);
    expect(m[0]).toMatchObject({ subflows: 0, bytesSent: 12, bytesReceived: 34, flags: [':leadingcolon'] });
    expect(m[0]?.token).toBeUndefined();
    expect(m[0]?.bytesAcked).toBeUndefined();
    expect(m[1]).toMatchObject({ fallback: true, local: { scope: 'c1' }, remote: { address: '*', port: null } });
    const t = parseSsSubflows(text);
    expect(t[3]).toMatchObject({ recvQ: 1, sendQ: 2, mptcp: true, mptcpFlags: 'Jjecv', retrans: { current: 1, total: 7 }, bytesSent: 9 });
    expect(t[3]?.token).toBeUndefined(); // 'zz' is not hex
    for (const junk of ['', '\n\n', '\t only info', 'ESTAB', 'x'.repeat(10_000)]) {
      expect(parseSsMptcp(junk)).toEqual([]);
      expect(parseSsSubflows(junk)).toEqual([]);
    }
  });
});

describe('parseMptcpMonitor on real ip mptcp monitor output', () => {
  it('reads the client of an IPv4 connection: created, established, announced, sf_established, closed', () => {
    const ev = parseMptcpMonitor(fixture('monitor-v4-client.txt'));
    expect(ev.map((e) => e.type)).toEqual(['created', 'established', 'announced', 'sf_established', 'closed']);
    expect(ev[0]).toEqual({
      type: 'created', token: '2b693563', remoteId: 0, localId: 0, saddr: '198.18.1.1', daddr: '198.18.1.2', sport: 53878, dport: 8080,
      fields: { token: '2b693563', remid: '0', locid: '0', saddr4: '198.18.1.1', daddr4: '198.18.1.2', sport: '53878', dport: '8080' },
      line: '[       CREATED] token=2b693563 remid=0 locid=0 saddr4=198.18.1.1 daddr4=198.18.1.2 sport=53878 dport=8080',
    });
    expect(ev[2]).toMatchObject({ remoteId: 1, daddr: '198.18.2.2', dport: 8080 });
    expect(ev[2]?.saddr).toBeUndefined();
    expect(ev[3]).toMatchObject({ backup: false, localId: 1, saddr: '198.18.2.1' });
    expect(ev[4]).toMatchObject({ token: '2b693563', fields: { token: '2b693563' } });
  });

  it('names the listener events iproute2 6.1 prints as [UNKNOWN 15]/[UNKNOWN 16] and reads the server-side flag', () => {
    const ev = parseMptcpMonitor(fixture('monitor-v4-server.txt'));
    expect(ev.map((e) => e.type)).toEqual(['listener_created', 'created', 'established', 'sf_established', 'closed', 'listener_closed']);
    expect(ev[0]).toMatchObject({ kernelEventId: 15, fields: {} });
    expect(ev[1]).toMatchObject({ serverSide: true, fields: { flags: '2' } });
  });

  it('reads IPv6 addresses, REMOVED and SF_CLOSED, and the CLOSED of a fallen-back connection', () => {
    const ev = parseMptcpMonitor(fixture('monitor-v6-client-remove-fallback.txt'));
    expect(ev.map((e) => e.type)).toEqual(['created', 'established', 'announced', 'sf_established', 'removed', 'sf_closed', 'closed', 'closed']);
    expect(ev[0]).toMatchObject({ saddr: '2001:db8:1::1', daddr: '2001:db8:1::2' });
    expect(ev[4]).toMatchObject({ type: 'removed', remoteId: 1 });
    expect(ev[7]?.token).toBe('407818c1');
    expect(parseMptcpMonitor(fixture('monitor-v6-server-remove.txt')).map((e) => e.type)).toContain('sf_closed');
  });
});

describe('parseMptcpMonitor on hand-written and malformed lines', () => {
  it('reads newer iproute2 names, priority and error, and keeps the rest as unknown', () => {
    const ev = parseMptcpMonitor(fixture('monitor-handwritten.txt'));
    expect(ev.map((e) => e.type)).toEqual(['sf_priority', 'sf_closed', 'listener_created', 'listener_closed', 'unknown', 'unknown', 'unknown', 'created', 'unknown']);
    expect(ev[0]).toMatchObject({ backup: true, fields: { ifindex: '3' } });
    expect(ev[1]).toMatchObject({ error: 111, backup: false });
    expect(ev[2]).toMatchObject({ saddr: '0.0.0.0', sport: 8080 });
    expect(ev[3]).toMatchObject({ saddr: '::' });
    expect(ev[4]).toMatchObject({ kernelEventId: 99 });
    expect(ev[5]?.line).toBe('Error: Netlink error: Operation not permitted');
    const odd = ev[7];
    expect(odd?.token).toBeUndefined();
    expect(odd?.remoteId).toBeUndefined();
    expect(odd?.sport).toBeUndefined(); // not a port number
    expect(odd?.fields).toEqual({ token: 'XYZ', remid: 'abc', sport: '99999999999999999999999' });
    expect(parseMptcpMonitor('')).toEqual([]);
  });
});

describe('parseNstat / nstatDelta (nstat -asz captured in a real namespace)', () => {
  const fresh = fixture('nstat-fresh-netns.txt');
  const after = fixture('nstat-after-join.txt');

  it('reads every counter of the capture, zeros too, and skips the #kernel header', () => {
    const c = parseNstat(fresh);
    expect(c.size).toBe(fresh.split('\n').filter((l) => /^[A-Za-z]/.test(l)).length);
    expect(c.get('MPTcpExtMPJoinSynRx')).toBe(0);
    expect(c.get('TcpExtSyncookiesSent')).toBe(0);
    expect(c.has('#kernel')).toBe(false);
  });

  it('the growth between two captures: one MPTCP connection and one join on loopback', () => {
    const d = nstatDelta(fresh, after);
    expect(d.get('MPTcpExtMPCapableSYNRX')).toBe(1);
    expect(d.get('MPTcpExtMPJoinSynRx')).toBe(1);
    expect(d.get('TcpExtListenDrops')).toBe(0);
  });

  it('text it does not understand is skipped, never thrown on', () => {
    expect([...parseNstat('garbage\n\nFoo 12 0.0\nBar x\n')]).toEqual([['Foo', 12]]);
  });
});
