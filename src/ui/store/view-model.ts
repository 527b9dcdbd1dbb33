/** Pure helpers over the packet list's current view (all frames, or the filtered ones). */

export const DEFAULT_FILTER = { mptcpOnly: false, text: '' } as const;

export function isFiltering(f: { mptcpOnly: boolean; text: string }): boolean {
  return f.mptcpOnly || f.text.trim() !== '';
}

export function viewLength(packets: number, filtered: Uint32Array | null): number {
  return filtered ? filtered.length : packets;
}

/** The frame shown at a list position (positions count from 0, frames from 1). */
export function frameAt(position: number, filtered: Uint32Array | null): number {
  return filtered ? (filtered[position] ?? 0) : position + 1;
}

/** The list position of a frame, or -1 when the view does not show it. */
export function positionOf(frame: number, packets: number, filtered: Uint32Array | null): number {
  if (!filtered) return frame >= 1 && frame <= packets ? frame - 1 : -1;
  let lo = 0;
  let hi = filtered.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = filtered[mid]!;
    if (v === frame) return mid;
    if (v < frame) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
