import type { Chunk } from '../core/case.js';

/** Small formatting helpers shared by the reporters. */

/** 12,345 — by hand: toLocaleString loads ICU data on first use (~40 ms of startup). */
export function fmtInt(n: number): string {
  const [int, frac] = String(n).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export function fmtCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return 'unknown';
  if (usd === 0) return '$0';
  return usd < 0.01 ? `$${usd.toFixed(5)}` : `$${usd.toFixed(2)}`;
}

export function fmtNum(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined) return 'unscored';
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

/**
 * A score as text: its label ("pass", "4"), but the value itself when the label only rounds it — a
 * panel's or --judge-repeat's mean of 3.67 has the nearest level "4" as its label, and "4 FAIL" under a
 * rule ">= 4" would contradict what is on screen; it shows as "3.67 (≈4)". null: "unscored".
 */
export function valueText(value: number | null, label: string | null | undefined): string {
  if (value === null || label === undefined || label === null) return fmtNum(value);
  const level = Number(label);
  return label.trim() !== '' && Number.isFinite(level) && level !== value ? `${fmtNum(value)} (≈${label})` : label;
}

/** A context chunk as reports print it: `[id] text (score 0.82)`, each part only when present. */
export function chunkLine(c: Chunk): string {
  const score = c.score === undefined ? '' : ` (score ${fmtNum(c.score)})`;
  return `${c.id === undefined ? '' : `[${c.id}] `}${c.text}${score}`;
}

export function fmtPct(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** Two aligned columns. */
export function table(rows: Array<[string, string]>, indent = '  '): string {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`).join('\n');
}

/** Output of a model on one line, shortened. */
export function oneLine(s: string | null | undefined, max = 100): string {
  if (s === null || s === undefined) return '';
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

/** A mean as the summary prints it: always two decimals (a mean of 1 beside a 0.92 reads as a count). */
export function fmtMeanValue(x: number | null | undefined): string {
  return x === null || x === undefined ? 'unscored' : x.toFixed(2);
}
