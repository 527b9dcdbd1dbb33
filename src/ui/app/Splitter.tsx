import { useRef } from 'react';

interface Props {
  /** Share of the container's height above the splitter, in percent. */
  share: number;
  onShare(share: number): void;
  label: string;
  min?: number;
  max?: number;
}

/** A horizontal splitter: drag it, or focus it and press ↑/↓ (5 % a step). */
export function Splitter({ share, onShare, label, min = 20, max = 85 }: Props) {
  const dragging = useRef(false);
  const clamp = (v: number) => Math.max(min, Math.min(max, v));
  const fromPointer = (el: HTMLElement, clientY: number) => {
    const box = el.parentElement!.getBoundingClientRect();
    // The rows above the splitter start below the replay bar: measure from the element before it.
    const top = (el.previousElementSibling as HTMLElement | null)?.getBoundingClientRect().top ?? box.top;
    onShare(clamp(((clientY - top) / box.height) * 100));
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label={label}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={Math.round(share)}
      tabIndex={0}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture?.(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (dragging.current) fromPointer(e.currentTarget, e.clientY);
      }}
      onPointerUp={() => {
        dragging.current = false;
      }}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
        e.preventDefault();
        e.stopPropagation();
        onShare(clamp(share + (e.key === 'ArrowUp' ? -5 : 5)));
      }}
    />
  );
}
