import type { Ref } from 'react';

/** What a chooser for a JSON document (a scenario, a lesson) offers. */
export const JSON_FILE_ACCEPT = '.json,application/json';

/**
 * The file chooser behind an "Open …" button: hidden, out of the tab order,
 * named for screen readers. It hands over the one file picked and forgets
 * it, so picking the same file again opens it again.
 */
export function HiddenFileInput({ ref, accept, label, onFile }: { ref: Ref<HTMLInputElement>; accept: string; label: string; onFile(file: File): void }) {
  return (
    <input
      ref={ref}
      type="file"
      accept={accept}
      className="visually-hidden"
      tabIndex={-1}
      aria-label={label}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) onFile(file);
      }}
    />
  );
}
