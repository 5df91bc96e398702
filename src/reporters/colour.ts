/**
 * ANSI colour for terminal output. Off unless the caller says the stream is a TTY and the user
 * did not set NO_COLOR (https://no-color.org), so pipes, files and CI logs stay plain text.
 */
export interface Paint {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const PLAIN: Paint = { green: (s) => s, red: (s) => s, yellow: (s) => s, bold: (s) => s, dim: (s) => s };

export const ANSI: Paint = { green: wrap(32, 39), red: wrap(31, 39), yellow: wrap(33, 39), bold: wrap(1, 22), dim: wrap(2, 22) };

/** Colour when writing to a terminal and NO_COLOR is unset or empty (FORCE_COLOR=1 turns it on anyway). */
export function useColour(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export function paintFor(colour: boolean): Paint {
  return colour ? ANSI : PLAIN;
}
