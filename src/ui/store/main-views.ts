import type { MainView } from './types.ts';

/** The run's views, in tab order, with the digit key that opens each (one list for the tabs, the keys and the `?` list). */
export const MAIN_VIEWS: readonly { id: MainView; label: string; key: string }[] = [
  { id: 'overview', label: 'Overview', key: '1' },
  { id: 'timeline', label: 'Timeline', key: '2' },
  { id: 'topology', label: 'Topology', key: '3' },
  { id: 'packets', label: 'Packets', key: '4' },
  { id: 'matrix', label: 'Attack matrix', key: '5' },
  { id: 'compare', label: 'Compare', key: '6' },
  { id: 'surface', label: 'Attack surface', key: '7' },
];

/** The view a run opens on: topology and timeline together. */
export const DEFAULT_VIEW: MainView = 'overview';

export function viewForKey(key: string): MainView | undefined {
  return MAIN_VIEWS.find((v) => v.key === key)?.id;
}
