import type { RemoveAddrReport } from '../../../engine/index.ts';
import { FrameButton } from '../../components/FrameButton.tsx';

export function RemoveAddrList({ items, connection }: { items: RemoveAddrReport[]; connection: number }) {
  if (items.length === 0) return null;
  return (
    <section aria-label={`Addresses removed in connection ${connection + 1}`}>
      <h4>REMOVE_ADDR ({items.length})</h4>
      <ol className="conn__list">
        {items.map((r) => (
          <li key={r.frame}>
            <FrameButton frame={r.frame}>
              <span className="item__line">
                <span className="item__index">frame {r.frame}</span>
                {r.from} removes address ID{r.addressIds.length > 1 ? 's' : ''} {r.addressIds.join(', ')}
              </span>
            </FrameButton>
          </li>
        ))}
      </ol>
    </section>
  );
}
