import { CheckIcon, CrossIcon, DashIcon } from './icons.tsx';
import './badges.css';

const TEXT = { true: 'verified', false: 'mismatch', null: 'no evidence' } as const;
const TONE = { true: 'ok', false: 'bad', null: 'unknown' } as const;

/** An inline verdict for a derived value (an IDSN checked against the DSNs on the wire). */
export function VerifiedMark({ verified, what }: { verified: boolean | null; what: string }) {
  const k = String(verified) as keyof typeof TEXT;
  const Icon = verified === true ? CheckIcon : verified === false ? CrossIcon : DashIcon;
  const title =
    verified === true
      ? `${what} matches the sequence numbers seen on the wire`
      : verified === false
        ? `${what} contradicts the sequence numbers seen on the wire`
        : `no data sequence numbers in the capture to check ${what} against`;
  return (
    <span className={`mark mark--${TONE[k]}`} title={title}>
      <Icon className="mark__icon" />
      {TEXT[k]}
    </span>
  );
}
