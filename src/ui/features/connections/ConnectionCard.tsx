import type { ConnectionReport } from '../../../engine/index.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { Tag } from '../../components/Tag.tsx';
import { AddAddrList } from './AddAddrList.tsx';
import { EventList } from './EventList.tsx';
import { KeyTable } from './KeyTable.tsx';
import { ProblemList } from './ProblemList.tsx';
import { RemoveAddrList } from './RemoveAddrList.tsx';
import { SubflowItem } from './SubflowItem.tsx';

export function ConnectionCard({ connection: c, index }: { connection: ConnectionReport; index: number }) {
  const headingId = `connection-${index}-heading`;
  const dss = c.dssChecksum;
  return (
    <article className="conn" aria-labelledby={headingId}>
      <div className="conn__header">
        <h3 id={headingId}>
          Connection {index + 1} <Tag tone="accent">MPTCP v{c.version}</Tag>
        </h3>
        <p className="conn__endpoints mono">
          {c.client} <span aria-label="to">→</span> {c.server}
        </p>
      </div>
      <KeyTable connection={c} />
      {dss.negotiated && (
        <p className="conn__dss">
          DSS checksums:{' '}
          <StatusBadge verdict={dss.failed > 0 ? false : dss.verified > 0 ? true : null}>
            {dss.verified} verified, {dss.failed} failed
          </StatusBadge>
          {dss.unchecked > 0 && <span className="muted"> · {dss.unchecked} not checkable</span>}
        </p>
      )}
      <section aria-label={`Subflows of connection ${index + 1}`}>
        <h4>Subflows ({c.subflows.length})</h4>
        <ol className="conn__list">
          {c.subflows.map((s, i) => (
            <li key={i}>
              <SubflowItem subflow={s} index={i} />
            </li>
          ))}
        </ol>
      </section>
      <AddAddrList items={c.addAddrs} connection={index} />
      <RemoveAddrList items={c.removeAddrs} connection={index} />
      <EventList items={c.events} connection={index} />
      {c.problems.length > 0 && <ProblemList title="Problems" problems={c.problems} />}
    </article>
  );
}
