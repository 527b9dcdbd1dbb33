import type { SubflowReport } from '../../../engine/index.ts';
import { FrameButton } from '../../components/FrameButton.tsx';
import { HmacBadge } from '../../components/HmacBadge.tsx';
import { Tag } from '../../components/Tag.tsx';
import { formatBytes, plural } from '../../lib/format.ts';

const part = (v: boolean | null) => (v === true ? 'verified' : v === false ? 'MISMATCH' : 'not checkable');

function StateTag({ s }: { s: SubflowReport }) {
  if (s.resetFrame !== null) return <Tag tone="warn">reset{s.resetBy ? ` by ${s.resetBy}` : ''} (frame {s.resetFrame})</Tag>;
  if (s.established) return <Tag>established</Tag>;
  return <Tag>handshake incomplete</Tag>;
}

export function SubflowItem({ subflow: s, index }: { subflow: SubflowReport; index: number }) {
  return (
    <FrameButton frame={s.synFrame} className="subflow">
      <span className="item__line">
        <span className="item__index">#{index}</span>
        {s.join ? <Tag>MP_JOIN</Tag> : <Tag tone="accent">initial · MP_CAPABLE</Tag>}
        {s.join && (
          <HmacBadge
            verified={s.hmacVerified}
            title={`SYN/ACK HMAC: ${part(s.synAckHmacVerified)}; third-ACK HMAC: ${part(s.ackHmacVerified)}`}
          />
        )}
        {s.backup && <Tag tone="accent">backup</Tag>}
        <StateTag s={s} />
      </span>
      <span className="item__line mono">
        {s.client} → {s.server}
      </span>
      <span className="item__line item__meta">
        {s.join && (
          <>
            address ID {s.addressId ?? '?'} → {s.responderAddressId ?? '?'} · opened by {s.initiator}
            {s.token ? ` · token ${s.token}` : ''} ·{' '}
          </>
        )}
        {plural(s.packets, 'packet')}, {formatBytes(s.payloadBytes)} payload
        {s.synFrame !== null ? ` · SYN frame ${s.synFrame}` : ''}
      </span>
      {s.join && s.hmacVerified === false && (
        <span className="item__line item__problem">
          SYN/ACK HMAC {part(s.synAckHmacVerified)}, third-ACK HMAC {part(s.ackHmacVerified)}
        </span>
      )}
    </FrameButton>
  );
}
