/**
 * Exit codes and error classes, defined once. A user error prints its message only; an unexpected
 * error prints "erreur interne" and the stack.
 */
export const ExitCode = {
  /** Every convention is valid / every document was written. */
  Success: 0,
  /** At least one convention is invalid (problems printed with their location). */
  InvalidConvention: 1,
  /** Usage error, unreadable input, refused or failed output, or an internal error. */
  UsageOrIo: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can fix (bad path, refusal to overwrite…): its French message is enough. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: ExitCode = ExitCode.UsageOrIo,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A template or catalogue defect found while rendering: the product's fault, not the user's. */
export class RenderError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'RenderError';
  }
}
