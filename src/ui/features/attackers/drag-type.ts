/** The drag-and-drop type of an attack dragged from the palette; its data is the attack id. */
export const ATTACK_DRAG_TYPE = 'application/x-mptcp-attack';
