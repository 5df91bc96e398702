/**
 * How a label is spelled, and when two spellings are the same label. Labels arrive as text (CSV
 * cells, JSON strings, form fields); JavaScript's Number() accepts far more than people mean by a
 * number ("" and " " are 0, "0x10" is 16, "5e0", "+5" and "Infinity" are numbers), so numbers are
 * recognised by one strict decimal spelling instead, and text is compared after Unicode NFC
 * normalisation (the two encodings of "café" are one label).
 */

/** Optional minus, digits, optional fraction: 3, -2, 4.5, 4.0, 04. Not +5, 5e0, 0x10, .5, 5., 1,5. */
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

export const NUMBER_SPELLING = 'numbers are written like 3, -2 or 4.5 (no +, exponent, hex or thousands separator)';

/**
 * The canonical spelling of a strictly decimal number ("4.0" -> "4", "04" -> "4", "-0" -> "0",
 * "2.50" -> "2.5"), done on the digits so no precision is lost; null when `s` is not one.
 */
export function canonicalNumber(s: string): string | null {
  if (!DECIMAL.test(s)) return null;
  const negative = s.startsWith('-');
  const [intPart, fracPart = ''] = (negative ? s.slice(1) : s).split('.') as [string, string?];
  const int = intPart.replace(/^0+(?=\d)/, '');
  const frac = fracPart.replace(/0+$/, '');
  const body = frac === '' ? int : `${int}.${frac}`;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** A label as compared and stored: trimmed, NFC, and a number in its canonical spelling. */
export function normaliseLabel(s: string): string {
  const t = s.normalize('NFC').trim();
  return canonicalNumber(t) ?? t;
}

/** Text that JavaScript would read as a number but our strict spelling does not ("0x10", "5e0", "+5"). */
export function looseNumber(s: string): boolean {
  return s.trim() !== '' && Number.isFinite(Number(s)) && canonicalNumber(s) === null;
}
