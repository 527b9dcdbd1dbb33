/** Where the ladder's hover card goes: beside the pointer, flipped and clamped so it never leaves the box. */
export interface Size {
  width: number;
  height: number;
}

export function cardPosition(px: number, py: number, card: Size, box: Size, gap = 14): { left: number; top: number } {
  const margin = 4;
  let left = px + gap;
  if (left + card.width > box.width - margin) left = px - gap - card.width;
  let top = py + gap;
  if (top + card.height > box.height - margin) top = py - gap - card.height;
  return {
    left: Math.max(margin, Math.min(left, box.width - margin - card.width)),
    top: Math.max(margin, Math.min(top, box.height - margin - card.height)),
  };
}
