import type { AddAddrReport } from '../../../engine/index.ts';
import { FrameButton } from '../../components/FrameButton.tsx';
import { HmacBadge } from '../../components/HmacBadge.tsx';
import { EchoIcon } from '../../components/icons.tsx';
import { Tag } from '../../components/Tag.tsx';

export function AddAddrList({ items, connection }: { items: AddAddrReport[]; connection: number }) {
  if (items.length === 0) return null;
  return (
    <section aria-label={`Addresses added in connection ${connection + 1}`}>
      <h4>ADD_ADDR ({items.length})</h4>
      <ol className="conn__list">
        {items.map((a) => (
          <li key={`${a.frame}-${a.addressId}-${a.echo}`}>
            <FrameButton frame={a.frame} className="addaddr">
              <span className="item__line">
                <span className="item__index">frame {a.frame}</span>
                {a.echo ? (
                  <Tag title="The receiver echoes the address back to acknowledge it; an echo carries no HMAC.">
                    <EchoIcon /> echo
                  </Tag>
                ) : (
                  <HmacBadge verified={a.hmacVerified} />
                )}
              </span>
              <span className="item__line">
                {a.from} {a.echo ? 'echoes' : 'announces'} ID {a.addressId}{' '}
                <span className="mono">
                  {a.address}
                  {a.port !== null ? ` port ${a.port}` : ''}
                </span>
              </span>
              {a.hmac && <span className="item__line item__meta mono">HMAC {a.hmac}</span>}
            </FrameButton>
          </li>
        ))}
      </ol>
    </section>
  );
}
