/**
 * Starts a scenario's traffic: each entry's applications on its client and
 * server hosts. In a live run (`live/`) one end may be a real host outside
 * the engine; then only the engine's own end is started here, and the
 * outside end runs its own application with the same byte patterns
 * (`trafficPhases` in host/apps.ts).
 */
import { bulkApp, requestResponseApp, startBulk, type AppReport } from '../host/apps.ts';
import type { Host } from '../host/host.ts';
import { parseCidrAddress, type Network } from '../net/topology.ts';
import { trafficDestination } from '../scenario/derived.ts';
import type { Scenario } from '../scenario/types.ts';
import type { AppSocket } from '../host/app-socket.ts';
import type { Transport } from './transport.ts';

/** Each traffic entry's sockets, by id, once opened: what an `app-abort` action tears down. */
export type TrafficSockets = Map<string, { client?: AppSocket; server?: AppSocket }>;

/**
 * Starts every traffic entry whose hosts are in the engine, pushing each
 * one's report to `reports` and its sockets to `sockets` (a server's is the
 * first connection it accepts on the port); a host in `outside` gets no
 * application here.
 */
export function startTraffic(s: Scenario, net: Pick<Network, 'hosts'>, transport: Transport, reports: AppReport[], outside: ReadonlySet<string> = new Set(), sockets: TrafficSockets = new Map()): void {
  const env = (host: Host) => ({ now: () => host.sim.now, later: (at: number, fn: () => void) => host.later(at, fn) });
  for (const t of s.traffic) {
    const own: { client?: AppSocket; server?: AppSocket } = {};
    sockets.set(t.id, own);
    const serve = <H>(factory: (so: AppSocket) => H) => (so: AppSocket) => {
      own.server ??= so;
      return factory(so);
    };
    const client = outside.has(t.from) ? undefined : net.hosts.get(t.from)!;
    const server = outside.has(t.to) ? undefined : net.hosts.get(t.to)!;
    const dst = parseCidrAddress(trafficDestination(s, t));
    const clock = (client ?? server)!;
    if (t.kind === 'bulk') {
      const app = bulkApp(t, env(clock));
      reports.push(app.report);
      if (server) transport.listen(server, t.port, serve(app.server));
      if (client) {
        client.later(t.startUs, () => {
          const sock = transport.connect(client, dst, t.port, app.client);
          own.client = sock;
          startBulk(t, app.report, sock);
        });
      }
    } else {
      const app = requestResponseApp(t, env(clock));
      reports.push(app.report);
      if (server) transport.listen(server, t.port, serve(app.server));
      if (client) client.later(t.startUs, () => void (own.client = transport.connect(client, dst, t.port, { ...app.client, onOpen: (so) => app.start(so) })));
    }
  }
}
