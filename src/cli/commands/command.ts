export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * Progress lines on stderr for long jobs, with the only clock the CLI
   * reads (the engine never does). Absent in tests and wherever nobody
   * watches; stdout stays clean either way (it may be JSON).
   */
  progress?: ProgressIo;
  /** Standard input, for a `-` argument (`lab merge -`); the process's own when absent. */
  stdin?: AsyncIterable<Uint8Array>;
}

export interface ProgressIo {
  /** stderr is a terminal: lines overwrite each other. */
  readonly tty: boolean;
  /** Milliseconds from a monotonic clock. */
  now(): number;
  /** Shows one progress line (on a terminal it replaces the last). */
  update(text: string): void;
  /** Ends the progress display (on a terminal, clears the line). */
  done(): void;
}

export interface Command {
  readonly name: string;
  /** One line for `lab --help`. */
  readonly summary: string;
  /** Full text for `lab <command> --help`. */
  readonly usage: string;
  run(argv: string[], io: CliIo): number | Promise<number>;
}
