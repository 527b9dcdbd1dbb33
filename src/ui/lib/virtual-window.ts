/**
 * Window maths for virtualized lists of fixed-height rows. Browsers cap an
 * element's height (about 17 million px in Firefox), so past MAX_SCROLL_HEIGHT
 * the scrollbar is compressed: scrollTop maps linearly onto the content.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface WindowInput {
  count: number;
  rowHeight: number;
  viewportHeight: number;
  scrollTop: number;
  /** Extra rows drawn above and below the visible ones. */
  overscan?: number;
}

export interface VirtualWindow {
  /** Height of the scrolling spacer, px. */
  totalHeight: number;
  /** First row drawn (inclusive) and last (exclusive). */
  first: number;
  last: number;
  /** Where row `first` sits inside the spacer, px. */
  offsetTop: number;
  /** Content px per scroll px (1 unless compressed). */
  ratio: number;
  /** The first row at least partly in view. */
  firstVisible: number;
  /** Rows that fit in the viewport. */
  pageRows: number;
}

function ratioOf(count: number, rowHeight: number, viewportHeight: number): { totalHeight: number; ratio: number; maxScroll: number } {
  const content = count * rowHeight;
  const totalHeight = Math.min(content, MAX_SCROLL_HEIGHT);
  const maxScroll = Math.max(0, totalHeight - viewportHeight);
  const maxContent = Math.max(0, content - viewportHeight);
  return { totalHeight, maxScroll, ratio: maxScroll > 0 ? maxContent / maxScroll : 1 };
}

export function computeWindow({ count, rowHeight, viewportHeight, scrollTop, overscan = 4 }: WindowInput): VirtualWindow {
  const { totalHeight, ratio, maxScroll } = ratioOf(count, rowHeight, viewportHeight);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  const virtualTop = top * ratio;
  const firstVisible = Math.min(Math.max(0, count - 1), Math.floor(virtualTop / rowHeight));
  const pageRows = Math.max(1, Math.floor(viewportHeight / rowHeight));
  const first = Math.max(0, firstVisible - overscan);
  const last = Math.min(count, firstVisible + Math.ceil(viewportHeight / rowHeight) + 1 + overscan);
  return { totalHeight, first, last, offsetTop: top + first * rowHeight - virtualTop, ratio, firstVisible, pageRows };
}

/**
 * The scrollTop that brings row `index` fully into view with the least
 * movement, or null if it is already in view.
 */
export function scrollTopToReveal(index: number, { count, rowHeight, viewportHeight, scrollTop }: WindowInput): number | null {
  const { ratio, maxScroll } = ratioOf(count, rowHeight, viewportHeight);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  const virtualTop = top * ratio;
  const rowTop = index * rowHeight;
  let target: number;
  if (rowTop < virtualTop) target = rowTop;
  else if (rowTop + rowHeight > virtualTop + viewportHeight) target = rowTop + rowHeight - viewportHeight;
  else return null;
  // Round away from the row so sub-pixel scroll positions still show it whole.
  const scroll = target / ratio;
  return Math.min(maxScroll, Math.max(0, rowTop < virtualTop ? Math.floor(scroll) : Math.ceil(scroll)));
}
