/**
 * Typed errors. Each reaches the user as ONE line that says what and where
 * (the CLI prints `error.message`, plus the stack only with --debug).
 * The exit code a command ends with is decided by the class (see DESIGN.md).
 */

export class JurorError extends Error {
  /** Process exit code the CLI uses when this error ends a command. */
  readonly exitCode: number = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A user file or option is wrong: exit 2. `where` is `file:line` when known. */
export class ConfigError extends JurorError {
  readonly where?: string;
  constructor(message: string, where?: string, options?: { cause?: unknown }) {
    super(where ? `${where}: ${message}` : message, options);
    this.where = where;
  }
}

/** A template references a variable the case does not provide, or does not compile. */
export class TemplateError extends ConfigError {}

/** An API key or other credential is missing; the message names the env var to set. */
export class MissingCredentialError extends ConfigError {}

/** A provider call failed. `retryable` is decided where the HTTP status is known. */
export class ProviderError extends JurorError {
  override readonly exitCode = 3;
  readonly status?: number;
  readonly retryable: boolean;
  /** Server-requested wait (from Retry-After), in ms. */
  readonly retryAfterMs?: number;
  readonly provider?: string;
  constructor(
    message: string,
    opts: { status?: number; retryable: boolean; retryAfterMs?: number; provider?: string; cause?: unknown },
  ) {
    super(message, { cause: opts.cause });
    this.status = opts.status;
    this.retryable = opts.retryable;
    this.retryAfterMs = opts.retryAfterMs;
    this.provider = opts.provider;
  }
}

/** The judge answered, but not with a verdict we can use. The score becomes unscored. */
export class JudgeParseError extends JurorError {
  override readonly exitCode = 3;
  readonly raw: string;
  constructor(message: string, raw: string) {
    super(message);
    this.raw = raw;
  }
}

/** The database cannot be opened, is from a newer juror, or a write failed. */
export class StorageError extends JurorError {
  override readonly exitCode: number = 3;
}

/** The database path cannot be created or opened (a directory, a file in the way, no permission):
 * a configuration mistake, so exit 2 like any other bad input. */
export class DatabasePathError extends StorageError {
  override readonly exitCode: number = 2;
}

/** A record (run, review, annotator, ...) does not exist. */
export class NotFoundError extends JurorError {
  override readonly exitCode = 2;
}

/** A write contradicts what is already stored (e.g. an idempotency key reused with different content). */
export class ConflictError extends JurorError {
  override readonly exitCode = 2;
}

/** The database is locked by another writer for longer than this caller may wait; try again shortly. */
export class DatabaseBusyError extends StorageError {}

/** The operation was cancelled (Ctrl-C, AbortSignal). */
export class CancelledError extends JurorError {
  override readonly exitCode = 130;
}

export function isJurorError(err: unknown): err is JurorError {
  return err instanceof JurorError;
}

/** One line for the user, whatever was thrown. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}
