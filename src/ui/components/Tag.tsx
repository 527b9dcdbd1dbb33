import type { ReactNode } from 'react';
import './badges.css';

/** A neutral label (subflow kind, backup, echo...). */
export function Tag({ children, tone = 'plain', title }: { children: ReactNode; tone?: 'plain' | 'accent' | 'warn'; title?: string }) {
  return (
    <span className={`tag tag--${tone}`} title={title}>
      {children}
    </span>
  );
}
