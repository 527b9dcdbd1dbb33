/**
 * Opening connections with the scenario's protocol: plain TCP sockets, or
 * MPTCP connections through each host's MPTCP stack.
 */
import type { AppHandlers, AppSocket } from '../host/app-socket.ts';
import type { Host } from '../host/host.ts';
import type { MptcpSettings } from '../mptcp/settings.ts';
import { macFor, type MptcpVersion } from '../crypto/mptcp-crypto.ts';
import { TlsSession, tlsKeys, type TlsAlert } from '../host/tls-records.ts';
import { MptcpStack } from '../mptcp/stack.ts';
import { DEFAULT_HALF_OPEN_LIMIT, type Scenario } from '../scenario/types.ts';
import { hostAllowsJoinInitialAddrPort, hostMptcpVersions } from '../scenario/derived.ts';
import type { IpAddress } from '../wire/ip-address.ts';

export interface Transport {
  listen(host: Host, port: number, handlersFor: (s: AppSocket) => AppHandlers): void;
  connect(host: Host, remote: IpAddress, port: number, handlers: AppHandlers): AppSocket;
  /** The MPTCP stacks created, by host id (empty for plain TCP). */
  readonly stacks: Map<string, MptcpStack>;
}

const DEFAULT_PATH_MANAGER = { endpoints: [], limits: { subflows: 2, addAddrAccepted: 0 } };

export function mptcpSettingsFor(s: Scenario, host: Host): MptcpSettings {
  const versions = hostMptcpVersions(s, host.spec).map((v): MptcpVersion => (v === 'v0' ? 0 : 1));
  // A host offers the highest version it speaks (RFC 8684 §3.1).
  const version = versions[0]!;
  return {
    version,
    versions,
    allowJoinInitialAddrPort: hostAllowsJoinInitialAddrPort(host.spec),
    macFollowsVersion: s.mptcp.macAlgorithm === 'version-default',
    checksums: s.mptcp.checksums,
    scheduler: s.mptcp.scheduler,
    congestionControl: s.mptcp.congestionControl,
    pathManager: host.spec.pathManager ?? DEFAULT_PATH_MANAGER,
    mitigations: new Set(s.mptcp.mitigations),
    halfOpenJoinLimit: s.mptcp.halfOpenJoinLimit ?? (s.mptcp.mitigations.includes('half-open-limit') ? DEFAULT_HALF_OPEN_LIMIT : null),
    receiveBufferBytes: host.tcpConfig.receiveBufferBytes,
    mac: s.mptcp.macAlgorithm === 'version-default' ? macFor(version) : s.mptcp.macAlgorithm,
    addAddrMac: s.mptcp.macAlgorithm === 'version-default' ? 'hmac-sha256' : s.mptcp.macAlgorithm,
    dhKeys: s.mptcp.mitigations.includes('dh-keys'),
  };
}

/**
 * The `tls` mitigation: every connection gets a record layer (TlsSession)
 * between the application and the transport, keyed per connection by what
 * both ends know (scenario, seed, port) in place of a handshake.
 */
function withTls(inner: Transport, s: Scenario): Transport {
  // From the seed, not the name: runs that differ only in names are the same run (baselines are shared on that).
  const secret = (port: number) => `tls:${s.seed}:${port}`;
  const alert = (host: Host) => (why: TlsAlert) => host.event({ kind: 'tls-alert', ...why });
  return {
    stacks: inner.stacks,
    connect: (host, remote, port, handlers) => {
      const session = new TlsSession(tlsKeys(secret(port), true), alert(host));
      return session.wrap(inner.connect(host, remote, port, session.handlers(handlers)));
    },
    listen: (host, port, handlersFor) =>
      inner.listen(host, port, (sock) => {
        const session = new TlsSession(tlsKeys(secret(port), false), alert(host));
        return session.handlers(handlersFor(session.wrap(sock)));
      }),
  };
}

export function transportFor(s: Scenario, hosts: Iterable<Host>): Transport {
  const plain = plainTransportFor(s, hosts);
  return s.mptcp.mitigations.includes('tls') ? withTls(plain, s) : plain;
}

function plainTransportFor(s: Scenario, hosts: Iterable<Host>): Transport {
  const stacks = new Map<string, MptcpStack>();
  if (s.protocol === 'tcp') {
    // Linux tcp_syncookies=2: every SYN to a listener is answered from a cookie.
    if (s.mptcp.mitigations.includes('syn-cookies')) for (const h of hosts) h.enableSynCookies(true);
    return {
      stacks,
      listen: (host, port, handlersFor) => host.listenTcp(port, handlersFor),
      connect: (host, remote, port, handlers) => host.connectTcp(remote, port, handlers),
    };
  }
  // Every host speaks MPTCP (and answers joins) from the start.
  for (const h of hosts) stacks.set(h.id, new MptcpStack(h, mptcpSettingsFor(s, h)));
  return {
    stacks,
    listen: (host, port, handlersFor) => stacks.get(host.id)!.listen(port, handlersFor),
    connect: (host, remote, port, handlers) => stacks.get(host.id)!.connect(remote, port, handlers).socket,
  };
}
