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
  if (selectedFrame === null) {
    // Nothing to inspect: one line that says how, so the views keep the room.
    return (
      <section className="detail detail--idle" aria-labelledby="detail-heading" data-testid="inspector">
        <div className="pane-header">
          <h2 id="detail-heading">
            Packet detail <span className="pane-header__meta">Select a packet to see its fields and bytes: click an arrow or a row, or press → to step.</span>
          </h2>
        </div>
      </section>
    );
  }
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
        <p className="detail__hint">Dissecting…</p>
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
