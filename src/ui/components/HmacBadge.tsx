import { StatusBadge, type Verdict } from './StatusBadge.tsx';

export const HMAC_TEXT = { true: 'HMAC verified', false: 'HMAC mismatch', null: 'not checkable' } as const;

const HMAC_TITLE = {
  true: 'The HMAC on the wire equals the one recomputed from the keys exchanged in MP_CAPABLE.',
  false: 'The HMAC on the wire differs from the one recomputed from the keys: forged, corrupted or keyed by another connection.',
  null: 'Cannot be checked: the keys or the handshake packets are missing from the capture.',
} as const;

export function HmacBadge({ verified, title }: { verified: Verdict; title?: string }) {
  const k = String(verified) as keyof typeof HMAC_TEXT;
  return (
    <StatusBadge verdict={verified} title={title ?? HMAC_TITLE[k]}>
      {HMAC_TEXT[k]}
    </StatusBadge>
  );
}
