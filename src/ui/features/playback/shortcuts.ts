/** Every keyboard shortcut, for the `?` list (the hooks that handle them cite this list's keys). */
export const SHORTCUTS: readonly { keys: string[]; does: string }[] = [
  { keys: ['Space'], does: 'Play or pause the replay' },
  { keys: ['→'], does: 'Step to the next packet (and inspect it); in a lesson, the next step' },
  { keys: ['←'], does: 'Step back to the previous packet; in a lesson, the previous step' },
  { keys: ['Shift', '→'], does: 'Step to the next packet, also in a lesson (Shift+←: back)' },
  { keys: ['Home'], does: 'Back to the start' },
  { keys: ['End'], does: 'Jump to the end of the run' },
  { keys: ['[', ']'], does: 'Slower, faster' },
  { keys: ['+', '−'], does: 'Zoom the timeline in, out (around the moment)' },
  { keys: ['0'], does: 'Show the whole run in the timeline' },
  { keys: ['F'], does: 'Follow the moment in the timeline, on or off (a pan or zoom by hand turns it off)' },
  { keys: ['Shift', 'drag'], does: 'Zoom the timeline into a range' },
  { keys: ['1', '2', '3', '4', '5', '6'], does: 'Overview (topology and timeline), timeline, topology, packet list, attack matrix, compare' },
  { keys: ['Ctrl', 'Z'], does: 'Undo an edit (Ctrl+Shift+Z or Ctrl+Y: redo)' },
  { keys: ['Ctrl', 'O'], does: 'Open a capture file' },
  { keys: ['?'], does: 'This list' },
  { keys: ['Esc'], does: 'Close this list' },
];
