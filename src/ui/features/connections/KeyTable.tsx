import type { ConnectionReport } from '../../../engine/index.ts';
import { VerifiedMark } from '../../components/VerifiedMark.tsx';

const dash = (v: string | null) => v ?? '—';

/** Keys, tokens and IDSNs of both hosts, as in the MP_CAPABLE handshake: one column per host. */
export function KeyTable({ connection: c }: { connection: ConnectionReport }) {
  return (
    <table className="keys">
      <caption className="visually-hidden">Keys, tokens and initial data sequence numbers</caption>
      <colgroup>
        <col className="keys__label" />
        <col />
        <col />
      </colgroup>
      <thead>
        <tr>
          <td></td>
          <th scope="col">Client</th>
          <th scope="col">Server</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Key</th>
          <td className="mono">{dash(c.clientKey)}</td>
          <td className="mono">{dash(c.serverKey)}</td>
        </tr>
        <tr>
          <th scope="row">Token</th>
          <td className="mono">{dash(c.clientToken)}</td>
          <td className="mono">{dash(c.serverToken)}</td>
        </tr>
        <tr>
          <th scope="row">IDSN</th>
          {(
            [
              ['client', c.clientIdsn, c.clientIdsnVerified],
              ['server', c.serverIdsn, c.serverIdsnVerified],
            ] as const
          ).map(([side, idsn, ok]) => (
            <td key={side}>
              <span className="mono">{dash(idsn)}</span>
              {idsn && <VerifiedMark verified={ok} what={`the ${side} IDSN`} />}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
