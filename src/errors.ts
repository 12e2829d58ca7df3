/**
 * The one error type users see. `code` is stable for scripts, `message` says what went wrong and where
 * (file, line, column, parameter), `hint` says what to do about it.
 */
export class UserError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly details?: Record<string, unknown>;
  /** 2 = bad usage or unusable input (cli.md); 1 = anything else. */
  readonly exitCode: 1 | 2;

  constructor(
    code: string,
    message: string,
    opts: { hint?: string; details?: Record<string, unknown>; exitCode?: 1 | 2 } = {},
  ) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.hint = opts.hint;
    this.details = opts.details;
    this.exitCode = opts.exitCode ?? 2;
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, hint: this.hint, details: this.details } };
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
