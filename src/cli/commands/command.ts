export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Milliseconds from some fixed moment, for progress reports (tests give their own); default performance.now(). */
  now?(): number;
}

export interface Command {
  readonly name: string;
  /** One line for `lab --help`. */
  readonly summary: string;
  /** Full text for `lab <command> --help`. */
  readonly usage: string;
  run(argv: string[], io: CliIo): number | Promise<number>;
}
