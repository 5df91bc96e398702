/**
 * Text stored by other people (review names, rubric names) printed to a terminal: C0/C1 control
 * characters (ESC sequences can move the cursor, retitle the window, fake output) and bidi
 * overrides are dropped, so what a person sees is what is stored minus the invisible parts.
 * Only for human-readable output; --json keeps the exact value.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(s: string): string {
  return s.replace(CONTROL, '');
}
