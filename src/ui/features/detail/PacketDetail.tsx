import { useAppStore } from '../../store/store-context.tsx';
import { selectDetail, selectSelectedFrame } from '../../store/selectors.ts';
import { WarningIcon } from '../../components/icons.tsx';
import { formatTime } from '../../lib/format.ts';
import { FieldTree } from './FieldTree.tsx';
import { HexDump } from './HexDump.tsx';
import { HostDecisions } from './HostDecisions.tsx';
import './detail.css';

export function PacketDetail() {
  const detail = useAppStore(selectDetail);
  const selectedFrame = useAppStore(selectSelectedFrame);
  return (
    <section className="detail" aria-labelledby="detail-heading" data-testid="inspector">
      <div className="pane-header">
        <h2 id="detail-heading">
          {detail ? `Frame ${detail.frame}` : 'Packet detail'}
          {detail && (
            <span className="pane-header__meta">
              {detail.bytes.length} bytes{detail.cut ? ' (cut by the snap length)' : ''} · {formatTime(detail.time)} s
            </span>
          )}
        </h2>
      </div>
      {!detail ? (
        <p className="detail__hint">{selectedFrame === null ? 'Select a packet to see its fields and bytes.' : 'Dissecting…'}</p>
      ) : (
        <>
          {detail.problems.length > 0 && (
            <ul className="detail__problems" aria-label="Problems in this frame">
              {detail.problems.map((p, i) => (
                <li key={i}>
                  <WarningIcon /> <code>{p.code}</code> {p.message} (byte {p.offset})
                </li>
              ))}
            </ul>
          )}
          <div className="detail__panes">
            <FieldTree detail={detail} />
            <HexDump detail={detail} />
          </div>
          <HostDecisions detail={detail} />
        </>
      )}
    </section>
  );
}
