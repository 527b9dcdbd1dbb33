/**
 * Subflow colours (Okabe & Ito, colour-blind safe) shared by the timeline,
 * the data-sequence chart and the topology. Attacker packets are told apart
 * by shape as well (triangle: injected, diamond: modified, cross: dropped).
 */
export const SUBFLOW_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'] as const;

export function subflowColour(index: number): string {
  return index < 0 ? '#8a8f98' : SUBFLOW_COLOURS[index % SUBFLOW_COLOURS.length]!;
}

/**
 * A dash pattern per subflow, so that colour is never the only difference
 * (under deuteranopia two of the colours above come close): solid, long
 * dashes, dots, dash-dot, ... The connection level (index −1) is solid.
 */
export const SUBFLOW_DASHES: readonly (readonly number[])[] = [[], [8, 3], [2, 3], [9, 3, 2, 3], [4, 4], [1, 2], [14, 4], [6, 2, 1, 2]];

export function subflowDash(index: number): readonly number[] {
  return index < 0 ? [] : SUBFLOW_DASHES[index % SUBFLOW_DASHES.length]!;
}

/** Attackers and failures: vermillion, with a shape or an icon beside it. */
export const ATTACK_COLOUR = '#D55E00';
