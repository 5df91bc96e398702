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
  if (plainInteger(s)) return s; // already canonical: the common case of a label file, made cheap
  if (!DECIMAL.test(s)) return null;
  const negative = s.startsWith('-');
  const [intPart, fracPart = ''] = (negative ? s.slice(1) : s).split('.') as [string, string?];
  const int = intPart.replace(/^0+(?=\d)/, '');
  const frac = fracPart.replace(/0+$/, '');
  const body = frac === '' ? int : `${int}.${frac}`;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Digits only, no leading zero (a lone "0" included). */
function plainInteger(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 15 || (n > 1 && s.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** NFC leaves plain ASCII as it is; skipping it there is most of the cost of reading a large label file. */
export function nfc(s: string): string {
  return ASCII.test(s) ? s : s.normalize('NFC');
}
const ASCII = /^[\x00-\x7f]*$/;

/** A label as compared and stored: trimmed, NFC, and a number in its canonical spelling. */
export function normaliseLabel(s: string): string {
  const t = nfc(s).trim();
  return canonicalNumber(t) ?? t;
}

/** Text that JavaScript would read as a number but our strict spelling does not ("0x10", "5e0", "+5"). */
export function looseNumber(s: string): boolean {
  return canonicalNumber(s) === null && s.trim() !== '' && Number.isFinite(Number(s));
}
