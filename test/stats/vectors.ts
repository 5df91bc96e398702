/**
 * Loads the published reference vectors from test/fixtures/agreement-vectors/ and the SQuALITY
 * human ratings from test/fixtures/squality/ (sources and licences in each folder's README).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { itemCategoryCounts } from '../../src/stats/item-counts.js';

export const VECTOR_DIR = fileURLToPath(new URL('../fixtures/agreement-vectors/', import.meta.url));
const SQUALITY_RATINGS = fileURLToPath(new URL('../fixtures/squality/ratings.jsonl', import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadVector(name: string): any {
  return JSON.parse(readFileSync(VECTOR_DIR + name, 'utf8'));
}

type SqualityRow = { ratings: Record<string, Record<string, number>> };

/**
 * The SQuALITY human evaluation as items x reviewers matrices: 300 responses, the 4 reviewers in
 * sorted order, null where a reviewer did not rate the response.
 */
export function squalityMatrices(): { workers: string[]; matrix: (criterion: string) => (number | null)[][] } {
  const rows: SqualityRow[] = readFileSync(SQUALITY_RATINGS, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const workers = [...new Set(rows.flatMap((r) => Object.keys(r.ratings)))].sort();
  const matrix = (criterion: string) => rows.map((r) => workers.map((w) => r.ratings[w]?.[criterion] ?? null));
  return { workers, matrix };
}

/** Transpose a rectangular matrix. */
export function transpose<T>(m: readonly (readonly T[])[]): T[][] {
  return m[0]!.map((_, j) => m.map((row) => row[j]!));
}

/** |a - b| < 1.5 * 10^-decimal, numpy's assert_almost_equal rule. */
export function almost(decimal: number): (a: number, b: number) => boolean {
  return (a, b) => Math.abs(a - b) < 1.5 * 10 ** -decimal;
}

/** items x raters of raw_4raters as category indices 0..4 (null = missing). */
export function raw4ratersRatings(): (number | null)[][] {
  const v = loadVector('irrcac_raw4raters_gwet_fleiss_bp_alpha.json');
  return (v.data.ratings_subject_by_rater as (number | null)[][]).map((row) => row.map((x) => (x === null ? null : x - 1)));
}

/** Raw 4-rater data (Gwet 2014 = Krippendorff 2011, transposed) mapped to category indices 0..4. */
export function raw4ratersCounts(): number[][] {
  return itemCategoryCounts(raw4ratersRatings(), 5);
}

/** Narrows a result to its defined branch, failing the test with the reason otherwise. */
export function defined<T extends { value: number | null }>(r: T): Exclude<T, { value: null }> {
  if (r.value === null) throw new Error(`expected a value, got null: ${(r as unknown as { reason: string }).reason}`);
  return r as Exclude<T, { value: null }>;
}

/** The reason of an undefined result ('' when the result is defined, so matchers fail visibly). */
export function reasonOf(r: { value: number | null }): string {
  return r.value === null ? (r as unknown as { reason: string }).reason : '';
}
