/**
 * A dissection is a tree of fields, each naming the bytes it came from, so a
 * UI can highlight a field in the hex view and the other way round.
 */
export type FieldKind = 'layer' | 'tcp-option' | 'mptcp-option' | 'field';

export interface FieldNode {
  /** What the node is; a plain field when absent. */
  kind?: FieldKind;
  /** For MPTCP options: the option's repr kind ('dss', 'add-addr', 'mp-join-syn-ack', ...). */
  optionKind?: string;
  label: string;
  /** The value as people read it ("" for a layer heading). */
  value: string;
  /** First byte, from the start of the frame. */
  offset: number;
  length: number;
  /** For bit fields: the mask within the bytes [offset, offset+length). */
  mask?: number;
  /** A derived fact worth showing beside the value (e.g. the token of a key). */
  note?: string;
  /** What is wrong with this field. */
  problem?: string;
  children?: FieldNode[];
}

export const field = (label: string, value: string, offset: number, length: number, extra: Partial<FieldNode> = {}): FieldNode => ({
  label,
  value,
  offset,
  length,
  ...extra,
});

export const flagBit = (label: string, set: boolean, offset: number, mask: number): FieldNode => ({
  label,
  value: set ? 'set' : 'not set',
  offset,
  length: 1,
  mask,
});

export const hexBytes = (bytes: Uint8Array, start: number, end: number): string => {
  let s = '';
  for (let i = start; i < end; i++) s += bytes[i]!.toString(16).padStart(2, '0');
  return s;
};
