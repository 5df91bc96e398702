/**
 * A small JSON path: `$.a.b[0]`, `a.b.0`, `items[2].name`, `["key with spaces"]`. Enough to say
 * "this field exists (and equals that)"; no wildcards or filters.
 */
export type PathSegment = string | number;

export function parseJsonPath(path: string): PathSegment[] | string {
  let s = path.trim();
  if (s.startsWith('$')) s = s.slice(1);
  const out: PathSegment[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '.') {
      i += 1;
      const m = /^[^.[\]]+/.exec(s.slice(i));
      if (!m) return `expected a key after "." at position ${i}`;
      out.push(/^\d+$/.test(m[0]) ? Number(m[0]) : m[0]);
      i += m[0].length;
    } else if (ch === '[') {
      const rest = s.slice(i);
      const m = /^\[\s*(\d+|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\]/.exec(rest);
      if (!m) return `expected [index] or ["key"] at position ${i}`;
      const inner = m[1]!;
      out.push(/^\d/.test(inner) ? Number(inner) : inner.startsWith('"') ? (JSON.parse(inner) as string) : inner.slice(1, -1).replace(/\\(.)/g, '$1'));
      i += m[0].length;
    } else if (i === 0) {
      const m = /^[^.[\]]+/.exec(s)!;
      out.push(/^\d+$/.test(m[0]) ? Number(m[0]) : m[0]);
      i += m[0].length;
    } else {
      return `unexpected "${ch}" at position ${i}`;
    }
  }
  return out;
}

/** The value at a path, or `{ found: false }` with the first segment that was missing. */
export function atPath(value: unknown, path: PathSegment[]): { found: true; value: unknown } | { found: false; missing: string } {
  let cur = value;
  let shown = '$';
  for (const seg of path) {
    shown += typeof seg === 'number' ? `[${seg}]` : `.${seg}`;
    if (typeof seg === 'number' && Array.isArray(cur) && seg < cur.length) cur = cur[seg];
    else if (cur !== null && typeof cur === 'object' && !Array.isArray(cur) && Object.hasOwn(cur, String(seg))) cur = (cur as Record<string, unknown>)[String(seg)];
    else return { found: false, missing: shown };
  }
  return { found: true, value: cur };
}
