import { LabError } from '../engine/index.ts';

/** A wrong invocation: printed with the command's usage hint, exit status 2. */
export class UsageError extends LabError {
  constructor(message: string) {
    super('CLI_USAGE', message);
  }
}
