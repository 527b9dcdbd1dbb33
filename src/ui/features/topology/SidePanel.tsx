import type { ReactNode } from 'react';

interface Props {
  open: boolean;
  onToggle(): void;
  /** Shown whether open or not (the subflow key, compact when closed). */
  always: ReactNode;
  children: ReactNode;
}

/** The column beside the diagram that holds its key, editors and palette, so none of them ever covers the drawing. */
export function SidePanel({ open, onToggle, always, children }: Props) {
  return (
    <div className={`topology__side${open ? '' : ' topology__side--closed'}`} data-testid="topology-side">
      <button type="button" className="topology__side-toggle" aria-expanded={open} aria-label={open ? 'Hide the side panel' : 'Show the side panel: key, editors and attacks'} title={open ? 'Hide the side panel' : 'Show the key, editors and attacks'} onClick={onToggle}>
        {open ? 'Hide ▸' : '◂'}
      </button>
      {always}
      {open && children}
    </div>
  );
}
