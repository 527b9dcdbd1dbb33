import type { ReactNode } from 'react';
import { CheckIcon, CrossIcon, DashIcon } from './icons.tsx';
import './badges.css';

export type Verdict = boolean | null;

const TONE = { true: 'ok', false: 'bad', null: 'unknown' } as const;

/** A verdict drawn three ways at once: colour, icon and border shape, with its words. */
export function StatusBadge({ verdict, children, title, className }: { verdict: Verdict; children: ReactNode; title?: string; className?: string }) {
  const tone = TONE[String(verdict) as keyof typeof TONE];
  const Icon = verdict === true ? CheckIcon : verdict === false ? CrossIcon : DashIcon;
  return (
    <span className={`badge badge--${tone}${className ? ` ${className}` : ''}`} data-verdict={tone} title={title}>
      <Icon className="badge__icon" />
      <span>{children}</span>
    </span>
  );
}
