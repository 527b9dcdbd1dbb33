/**
 * Coded errors. Every failure the engine reports carries a stable code (for
 * scripts and tests) and a sentence for people; decoders of untrusted bytes
 * never throw anything else.
 */
export type ErrorCode =
  // wire codec
  | 'WIRE_TRUNCATED'
  | 'WIRE_BAD_LENGTH'
  | 'WIRE_BAD_VALUE'
  | 'WIRE_UNKNOWN_VERSION'
  | 'WIRE_NOT_TCP'
  // capture files
  | 'CAPTURE_UNKNOWN_FORMAT'
  | 'CAPTURE_TRUNCATED'
  | 'CAPTURE_BAD_BLOCK'
  | 'CAPTURE_BAD_RECORD'
  | 'CAPTURE_UNSUPPORTED_LINKTYPE'
  | 'CAPTURE_EMPTY'
  // analysis findings
  | 'ANALYSIS_UNKNOWN_TOKEN'
  | 'ANALYSIS_HMAC_MISMATCH'
  | 'ANALYSIS_DSS_CHECKSUM_MISMATCH'
  | 'ANALYSIS_IDSN_MISMATCH'
  | 'ANALYSIS_MALFORMED_OPTION'
  | 'ANALYSIS_SNAPLEN_CUT'
  | 'SCENARIO_INVALID'
  | 'LESSON_INVALID'
  // command line
  | 'CLI_USAGE'
  | 'CLI_FILE'
  | 'CLI_OUTPUT'
  /** A bounded job (lab analyze) went past its heap limit. */
  | 'CLI_MEMORY'
  /** An input over its size limit (a scenario over 10 MB), refused before it is read. */
  | 'CLI_FILE_TOO_BIG'
  /** A device, FIFO or socket where a regular file was expected (`/dev/zero` would never end). */
  | 'CLI_NOT_A_FILE'
  /** `lab merge`: shard files that do not make one whole sweep (a line that is not a shard's, a shard missing or twice, shards of different sweeps). */
  | 'CLI_MERGE'
  /** `lab live`: this machine cannot run real hosts (not root, no MPTCP, no TUN device, a tool missing). */
  | 'CLI_LIVE_UNAVAILABLE'
  /** `lab live`: making or running the real hosts failed (a command, a namespace, an application). */
  | 'CLI_LIVE'
  // a request replaced by a newer one before it finished
  | 'CANCELLED'
  | 'INTERNAL';

export class LabError extends Error {
  readonly code: ErrorCode;
  /** Byte offset in the input the error refers to, when there is one. */
  readonly offset: number | undefined;

  constructor(code: ErrorCode, message: string, offset?: number) {
    super(message);
    this.name = 'LabError';
    this.code = code;
    this.offset = offset;
  }
}

/**
 * A LabError returned as data, never thrown: a decoder's `Result` error.
 * It carries no stack trace, whose capture costs microseconds: a damaged
 * capture can yield one such error per record, tens of millions of them.
 */
export function dataError(code: ErrorCode, message: string, offset?: number): LabError {
  // A LabError in every way code looks at (instanceof, name, code, message, offset) but built without
  // running Error's constructor, which costs about a microsecond even without a stack.
  const e = Object.create(LabError.prototype) as { -readonly [K in keyof LabError]: LabError[K] };
  e.name = 'LabError';
  e.message = message;
  e.code = code;
  e.offset = offset;
  return e as LabError;
}

export function isLabError(e: unknown): e is LabError {
  return e instanceof LabError;
}

/** One line for people: "CAPTURE_TRUNCATED: file ends inside a record (byte 4120)". */
export function describeError(e: unknown): { code: ErrorCode; message: string } {
  if (isLabError(e)) return { code: e.code, message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `internal error: ${message}` };
}

export type Result<T, E = LabError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E = LabError>(error: E): Result<never, E> => ({ ok: false, error });
