/**
 * A `<details>` used as a popover (Export, Mitigations) behaves like one:
 * Escape closes it and gives focus back to its summary, and a press
 * anywhere outside closes it, as menus do in Wireshark and the browser.
 */
import { useEffect, useRef } from 'react';

export function useDismissableDetails<T extends HTMLDetailsElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const doc = el.ownerDocument;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !el.open) return;
      el.open = false;
      el.querySelector('summary')?.focus();
      e.stopPropagation();
    };
    const onPointer = (e: Event) => {
      if (el.open && e.target instanceof Node && !el.contains(e.target)) el.open = false;
    };
    el.addEventListener('keydown', onKey);
    doc.addEventListener('pointerdown', onPointer, true);
    return () => {
      el.removeEventListener('keydown', onKey);
      doc.removeEventListener('pointerdown', onPointer, true);
    };
  }, []);
  return ref;
}
