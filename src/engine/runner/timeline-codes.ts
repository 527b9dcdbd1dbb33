/**
 * The timeline's data shape and codes, apart from the code that builds it:
 * the app's main bundle imports these without pulling in the engine.
 */
export type TimelineLaneKind = 'connection' | 'interface' | 'node' | 'attacker';

export interface TimelineLane {
  id: string;
  kind: TimelineLaneKind;
  /** What a person reads beside the lane: "client eth0 198.18.1.1", "r1", "Mallory". */
  label: string;
  /** The scenario node (or attacker) the lane belongs to. */
  node: string;
}

export interface TimelineSubflow {
  /** "198.18.1.1:33383 ⇄ 198.18.1.2:8080" as first seen (the SYN's side). */
  label: string;
  firstFrame: number;
}

/** Bits of `TimelineData.marks`: what a packet carries. */
export const MARK = {
  SYN: 1 << 0,
  FIN: 1 << 1,
  RST: 1 << 2,
  PAYLOAD: 1 << 3,
  MP_CAPABLE: 1 << 4,
  MP_JOIN: 1 << 5,
  DSS_MAP: 1 << 6,
  DATA_ACK: 1 << 7,
  DATA_FIN: 1 << 8,
  ADD_ADDR: 1 << 9,
  REMOVE_ADDR: 1 << 10,
  MP_PRIO: 1 << 11,
  MP_FAIL: 1 << 12,
  MP_FASTCLOSE: 1 << 13,
  MP_TCPRST: 1 << 14,
} as const;
export type MarkName = keyof typeof MARK;

/** The MPTCP signalling options, most telling first: the order in which labels and diagrams name them. */
export const SIGNAL_OPTIONS = ['MP_CAPABLE', 'MP_JOIN', 'ADD_ADDR', 'REMOVE_ADDR', 'MP_PRIO', 'MP_FAIL', 'MP_FASTCLOSE', 'MP_TCPRST', 'DATA_FIN'] as const satisfies readonly MarkName[];

/** Marks of a signalling packet: a handshake, a close, a reset, or one of those options. */
export const SIGNAL_MARKS: number = MARK.SYN | MARK.FIN | MARK.RST | SIGNAL_OPTIONS.reduce((bits, name) => bits | MARK[name], 0);

/** Marks drawn on the connection-level lane. */
export const CONNECTION_MARKS = MARK.DSS_MAP | MARK.DATA_ACK | MARK.DATA_FIN | MARK.MP_FASTCLOSE | MARK.MP_FAIL;

export const FATE_CODE = { delivered: 0, dropped: 1, modified: 2, injected: 3 } as const;

export interface TimelineData {
  lanes: TimelineLane[];
  links: string[];
  subflows: TimelineSubflow[];
  attackers: string[];
  /** Frames; index i is capture frame i + 1. */
  count: number;
  /** When the frame's first bit left (µs). */
  startUs: Float64Array;
  /** When its last bit reached the other end (µs); equal to `startUs` for a dropped packet. */
  endUs: Float64Array;
  fromLane: Uint16Array;
  toLane: Uint16Array;
  /** Index into `links`. */
  link: Uint16Array;
  /** `FATE_CODE` values. */
  fate: Uint8Array;
  /** Index into `subflows`, -1 for non-TCP packets. */
  subflow: Int16Array;
  /** Index into `attackers` of the attacker that sent it, -1 for the hosts' own packets. */
  attacker: Int16Array;
  /** `MARK` bits. */
  marks: Uint16Array;
  /** Data sequence number of the DSS mapping, relative to the sender's first one; NaN without a mapping. */
  dsn: Float64Array;
  /** Bytes of data the mapping covers (0 without one). */
  dataLength: Uint32Array;
  /**
   * TCP sequence number relative to the first one seen in the segment's
   * direction (its SYN's: 0, so data starts at 1, as Wireshark counts), and
   * the acknowledgment relative to the other direction's first (0 without
   * an ACK or before the other side spoke), and the payload's bytes. The
   * ladder's labels spell them out when zoomed in. Absent when a builder
   * did not record them.
   */
  relSeq?: Uint32Array;
  relAck?: Uint32Array;
  payload?: Uint16Array;
  /** The run's end (µs). */
  endOfRunUs: number;
}
