import type { EventKind, EventReport } from '../../../engine/index.ts';
import { FrameButton } from '../../components/FrameButton.tsx';
import { Tag } from '../../components/Tag.tsx';

const KIND: Record<EventKind, { label: string; warn: boolean }> = {
  'mp-prio': { label: 'MP_PRIO', warn: false },
  'mp-fastclose': { label: 'MP_FASTCLOSE', warn: true },
  'mp-tcprst': { label: 'MP_TCPRST', warn: true },
  'mp-fail': { label: 'MP_FAIL', warn: true },
  'data-fin': { label: 'DATA_FIN', warn: false },
  fallback: { label: 'fallback to TCP', warn: true },
};

export function EventList({ items, connection }: { items: EventReport[]; connection: number }) {
  if (items.length === 0) return null;
  return (
    <section aria-label={`Events of connection ${connection + 1}`}>
      <h4>Events ({items.length})</h4>
      <ol className="conn__list">
        {items.map((e, i) => (
          <li key={i}>
            <FrameButton frame={e.frame}>
              <span className="item__line">
                <span className="item__index">frame {e.frame}</span>
                <Tag tone={KIND[e.kind].warn ? 'warn' : 'plain'}>{KIND[e.kind].label}</Tag>
                {e.from && <span>from {e.from}</span>}
                {e.subflow !== null && <span className="muted">on subflow #{e.subflow}</span>}
              </span>
              {e.detail && <span className="item__line item__meta">{e.detail}</span>}
            </FrameButton>
          </li>
        ))}
      </ol>
    </section>
  );
}
