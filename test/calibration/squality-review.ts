import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rubric } from '../../src/core/rubric.js';
import type { Score } from '../../src/core/score.js';
import type { NewAnnotation, Store } from '../../src/storage/store.js';

/**
 * A review built from real human ratings (SQuALITY, CC BY 4.0, see test/fixtures/squality/README.md):
 * 150 summaries, each rated 0-100 by 3 of 4 reviewers on correctness and overall, binned to 1-5.
 * Three synthetic judges with a known order of quality:
 *   - `run`    (the review's own run): the rounded mean of the humans; 6 items unscored, 4 missing;
 *   - `noisy`  (a re-judging run): that value moved one level on about half the items;
 *   - `random` (a re-judging run): a level unrelated to the text.
 */

export const CRITERIA = ['correctness', 'overall'] as const;

export const RUBRIC: Rubric = {
  name: 'squality',
  criteria: CRITERIA.map((name) => ({
    name,
    question: `How good is the summary's ${name}?`,
    scale: { type: 'ordinal' as const, levels: [1, 2, 3, 4, 5] },
    anchors: {},
    pass: 4,
  })),
};

interface Row {
  id: string;
  ratings: Record<string, Record<(typeof CRITERIA)[number], number>>;
}

export function bin(rating: number): number {
  return Math.min(5, Math.floor(rating / 20) + 1);
}

/** The first 10 passages (150 responses) of the fixture: the review these tests were written against. */
export function loadRows(): Row[] {
  const text = readFileSync(join(import.meta.dirname, '../fixtures/squality/ratings.jsonl'), 'utf8');
  return text.trim().split('\n').slice(0, 150).map((l) => JSON.parse(l) as Row);
}

/** Deterministic pseudo-random stream (independent of the code under test). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

export function judgeValues(rows: Row[]) {
  const rand = lcg(42);
  const close = rows.map((r) =>
    Object.fromEntries(CRITERIA.map((c) => {
      const levels = Object.values(r.ratings).map((x) => bin(x[c]));
      return [c, Math.round(levels.reduce((a, b) => a + b, 0) / levels.length)];
    })) as Record<(typeof CRITERIA)[number], number>,
  );
  const noisy = close.map((v) =>
    Object.fromEntries(CRITERIA.map((c) => {
      const step = rand() < 0.5 ? 0 : rand() < 0.5 ? -1 : 1;
      return [c, Math.min(5, Math.max(1, v[c] + step))];
    })) as Record<(typeof CRITERIA)[number], number>,
  );
  const random = rows.map(() => Object.fromEntries(CRITERIA.map((c) => [c, 1 + Math.floor(rand() * 5)])) as Record<(typeof CRITERIA)[number], number>);
  return { close, noisy, random };
}

/** Indices of the items the review's own judge left unscored / never scored. */
export const UNSCORED = [3, 17, 40, 41, 99, 120];
export const MISSING = [5, 77, 78, 149];

function scores(v: Record<string, number> | null, unscored = false): Score[] {
  return CRITERIA.map((c) => ({
    scorer: 'rubric',
    criterion: `rubric.${c}`,
    value: unscored || !v ? null : v[c]!,
    label: unscored || !v ? undefined : String(v[c]),
    judge: 'mock',
    reason: unscored ? 'unparseable verdict' : undefined,
  }));
}

export function buildSqualityReview(store: Store, opts: { rows?: Row[] } = {}): { reviewId: string; rows: Row[] } {
  const rows = opts.rows ?? loadRows();
  const { close, noisy, random } = judgeValues(rows);
  const t = '2026-01-01T00:00:00.000Z';
  store.createRun({ id: 'run', kind: 'run', suiteName: 'squality', provider: 'mock', judge: 'mock:close', config: {}, startedAt: t });
  const outputs = store.saveResults(
    rows.map((r, i) => ({
      output: {
        runId: 'run', caseId: r.id, repeat: 0, prompt: 'summarise', output: `summary ${r.id}`, error: null,
        usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, costUsd: null, cached: false, attempts: 1,
      },
      scores: MISSING.includes(i) ? [] : scores(close[i]!, UNSCORED.includes(i)),
    })),
  );
  for (const [id, values] of [['noisy', noisy], ['random', random]] as const) {
    store.createRun({ id, kind: 'judge', suiteName: 'squality', provider: 'mock', judge: `mock:${id}`, config: {}, parentRunId: 'run', startedAt: t });
    outputs.forEach((o, i) => store.saveScores(id, o.id, scores(values[i]!)));
  }
  const workers = [...new Set(rows.flatMap((r) => Object.keys(r.ratings)))].sort();
  for (const w of workers) store.createAnnotator({ id: `w${w}`, name: `worker${w}`, role: 'annotator', tokenHash: `h${w}`, createdAt: t });
  store.createReview({
    id: 'rev', name: 'squality', runId: 'run', rubric: RUBRIC, overlap: 3, blind: true, showExpected: false, createdAt: t,
    outputIds: outputs.map((o) => o.id),
    assignments: rows.map((r) => Object.keys(r.ratings).map((w) => `w${w}`)),
  });
  const items = store.getReviewItems('rev');
  const labels: NewAnnotation[] = [];
  rows.forEach((r, i) => {
    for (const [w, x] of Object.entries(r.ratings)) {
      for (const c of CRITERIA) {
        labels.push({ reviewId: 'rev', itemId: items[i]!.id, annotatorId: `w${w}`, criterion: c, label: String(bin(x[c])), value: null });
      }
    }
  });
  store.addAnnotations(labels);
  return { reviewId: 'rev', rows };
}
