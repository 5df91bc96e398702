import { ConfigError } from '../core/errors.js';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `30d`, `12h`, `90m`, `2w` → milliseconds (at most a year). `flag` names the option in errors. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d{1,6})([mhdw])$/.exec(text.trim());
  const ms = m ? Number(m[1]) * UNIT_MS[m[2]!]! : NaN;
  if (!(ms > 0) || ms > 366 * 86_400_000) {
    throw new ConfigError(`${flag} must be a duration like 14d, 12h, 90m or 2w (at most a year), got "${text}"`);
  }
  return ms;
}
