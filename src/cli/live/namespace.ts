/**
 * Linux network namespaces for live runs, with iproute2: one namespace per
 * real host, its interfaces TUN devices (the engine's links end there), its
 * addresses, routes and MPTCP path manager taken from the scenario's host.
 * Only the scenario's addresses are used (the lab's own 198.18.0.0/15 and
 * 2001:db8::/32: `assertLabAddress`), and there is no default route, so
 * nothing can leave for another network.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cidrAddress, type EndpointAction, type HostSpec, type Scenario } from '../../engine/index.ts';

const exec = promisify(execFile);

/** Runs a command, rejecting with its command line and stderr. */
export async function sh(cmd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await exec(cmd, [...args], { maxBuffer: 16 << 20 });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')}: ${(err.stderr ?? err.message).trim()}`, { cause: e });
  }
}

/** The lab's address blocks (RFC 2544's benchmarking block, RFC 3849's documentation prefix). */
export function isLabAddress(address: string): boolean {
  const a = cidrAddress(address);
  if (a.includes(':')) return /^2001:0?db8:/i.test(a);
  const [x, y] = a.split('.').map(Number);
  return x === 198 && (y === 18 || y === 19);
}

export function assertLabAddress(address: string, where: string): void {
  if (!isLabAddress(address)) throw new Error(`${where}: ${address} is outside 198.18.0.0/15 and 2001:db8::/32; live runs use only those`);
}

export async function createNamespace(ns: string): Promise<void> {
  await sh('ip', ['netns', 'add', ns]);
  await sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  const sysctl = (k: string, v: string) => sh('ip', ['netns', 'exec', ns, 'sysctl', '-qw', `${k}=${v}`]);
  await sysctl('net.mptcp.enabled', '1');
  await sysctl('net.ipv4.conf.all.rp_filter', '0');
  await sysctl('net.ipv4.conf.default.rp_filter', '0');
  // Addresses are usable at once, and the host sends no router solicitations into the engine.
  await sysctl('net.ipv6.conf.all.accept_dad', '0');
  await sysctl('net.ipv6.conf.default.accept_dad', '0');
  await sysctl('net.ipv6.conf.default.router_solicitations', '0');
  await sysctl('net.ipv6.conf.all.router_solicitations', '0');
  await sh('ip', ['-n', ns, 'mptcp', 'endpoint', 'flush']);
}

export async function deleteNamespace(ns: string): Promise<void> {
  await sh('ip', ['netns', 'del', ns]).catch(() => {});
}

/** Namespaces a live run made, by their prefix: what `lab live clean` and the tests' cleanup remove. */
export async function listNamespaces(prefix: string): Promise<string[]> {
  const out = await sh('ip', ['netns', 'list']).catch(() => '');
  return out
    .split('\n')
    .map((l) => l.trim().split(' ')[0]!)
    .filter((n) => n.startsWith(prefix));
}

/** The TUN device for the host's interface `i`. */
export const tunName = (i: number) => `tun${i}`;

/**
 * Gives a real host's TUN devices the scenario's addresses, brings them up,
 * routes the lab's prefixes out of the interface each source address is on
 * (so a subflow leaves on its own path, as the engine's hosts do), and sets
 * the in-kernel path manager's endpoints and limits and the MPTCP sysctls.
 */
export async function configureHost(ns: string, host: HostSpec, s: Scenario): Promise<void> {
  const ip = (...args: string[]) => sh('ip', ['-n', ns, ...args]);
  const sysctl = (k: string, v: string) => sh('ip', ['netns', 'exec', ns, 'sysctl', '-qw', `${k}=${v}`]);
  await sysctl('net.mptcp.checksum_enabled', s.mptcp.checksums ? '1' : '0');
  // The engine's syn-cookies is Linux's tcp_syncookies=2 (always); Linux's default, 1, answers from cookies only once the queue is full.
  await sysctl('net.ipv4.tcp_syncookies', s.mptcp.mitigations.includes('syn-cookies') ? '2' : '1');
  await sysctl('net.mptcp.allow_join_initial_addr_port', host.mptcp?.allowJoinInitialAddrPort === false ? '0' : '1');
  let table = 100;
  for (const [i, iface] of host.interfaces.entries()) {
    const dev = tunName(i);
    for (const cidr of iface.addresses) {
      assertLabAddress(cidr, `${host.id}.${iface.id}`);
      const v6 = cidr.includes(':');
      await ip(...(v6 ? ['-6'] : []), 'addr', 'add', cidr, 'dev', dev, ...(v6 ? ['nodad'] : []));
    }
    await ip('link', 'set', dev, 'up');
    for (const cidr of iface.addresses) {
      const v6 = cidr.includes(':');
      const addr = cidrAddress(cidr);
      const lab = v6 ? '2001:db8::/32' : '198.18.0.0/15';
      const fam = v6 ? ['-6'] : ['-4'];
      table++;
      await ip(...fam, 'rule', 'add', 'from', addr, 'table', String(table), 'pref', String(1000 + table));
      await ip(...fam, 'route', 'add', lab, 'dev', dev, 'table', String(table));
      // The main table: connections not yet bound to an address leave by the first interface of each family.
      if (i === 0 || !host.interfaces.slice(0, i).some((x) => x.addresses.some((a) => a.includes(':') === v6))) {
        await ip(...fam, 'route', 'replace', lab, 'dev', dev);
      }
    }
  }
  const pm = host.pathManager;
  if (pm) {
    await ip('mptcp', 'limits', 'set', 'subflows', String(pm.limits.subflows), 'add_addr_accepted', String(pm.limits.addAddrAccepted));
    for (const ep of pm.endpoints) {
      const dev = host.interfaces.findIndex((f) => f.addresses.some((a) => cidrAddress(a) === ep.address));
      await ip('mptcp', 'endpoint', 'add', ep.address, ...(ep.id !== undefined ? ['id', String(ep.id)] : []), ...(ep.port !== undefined ? ['port', String(ep.port)] : []), ...(dev >= 0 ? ['dev', tunName(dev)] : []), ...ep.flags);
    }
  } else {
    await ip('mptcp', 'limits', 'set', 'subflows', '2', 'add_addr_accepted', '0');
  }
}

/** The id of the in-kernel path manager's endpoint for `address` (from `ip mptcp endpoint show`). */
export async function endpointId(ns: string, address: string): Promise<number> {
  const out = await sh('ip', ['-n', ns, 'mptcp', 'endpoint', 'show']);
  for (const line of out.split('\n')) {
    const m = /^(\S+)\s+(?:port \d+\s+)?id (\d+)/.exec(line.trim());
    if (m && m[1] === address) return Number(m[2]);
  }
  throw new Error(`no MPTCP endpoint for ${address} in namespace ${ns} (ip mptcp endpoint show: ${out.trim() || 'none'})`);
}

/** A scenario action on a real host, done there as its `ip mptcp` command. */
export async function applyEndpointAction(ns: string, action: EndpointAction): Promise<string> {
  // The address a connection began on has no endpoint: it is address ID 0, which `delete id 0 ADDRESS` removes.
  const id = await endpointId(ns, action.address).catch(() => null);
  if (id === null && action.kind === 'endpoint-backup') throw new Error(`no MPTCP endpoint for ${action.address} in namespace ${ns} to change`);
  const args =
    action.kind === 'endpoint-remove'
      ? ['mptcp', 'endpoint', 'delete', 'id', String(id ?? 0), ...(id === null ? [action.address] : [])]
      : ['mptcp', 'endpoint', 'change', 'id', String(id), action.backup ? 'backup' : 'nobackup'];
  await sh('ip', ['-n', ns, ...args]);
  return `ip mptcp ${args.slice(1).join(' ')}`;
}
