import type { Case } from '../core/case.js';
import type { OutputRecord, PairwiseSource, Store } from './store.js';

/** One pair of outputs of the same case (and repeat) from two sources. */
export interface OutputPair {
  a: number;
  b: number;
  outputA: OutputRecord;
  outputB: OutputRecord;
  case: Case;
}

/**
 * Pair the sources' outputs: every two sources (a < b, in the order given), every case and repeat
 * that both have an output for (errored outputs have nothing to compare). A source with a
 * `column` takes that matrix column's outputs alone; one without takes column 1's, which is all
 * of a one-column run (run-columns.ts `pairwiseSource` refuses a whole matrix run before this).
 */
export function pairOutputs(store: Store, sources: PairwiseSource[]): { pairs: OutputPair[]; sourceOf: Map<number, number> } {
  const sourceOf = new Map<number, number>();
  // Columns of one run are read once.
  const outputsOf = new Map<string, OutputRecord[]>();
  const bySource = sources.map((s, i) => {
    const map = new Map<string, OutputRecord>();
    let outputs = outputsOf.get(s.runId);
    if (!outputs) outputsOf.set(s.runId, (outputs = store.getOutputs(s.runId)));
    const col = (s.column ?? 1) - 1;
    for (const o of outputs) {
      if (o.output === null || o.col !== col) continue;
      map.set(`${o.caseId}\u0000${o.repeat}`, o);
      sourceOf.set(o.id, i);
    }
    return map;
  });
  const cases = new Map(store.getCases(sources[0]!.runId).map((c) => [c.id, c]));
  const pairs: OutputPair[] = [];
  for (let a = 0; a < sources.length; a++) {
    for (let b = a + 1; b < sources.length; b++) {
      for (const [key, outputA] of bySource[a]!) {
        const outputB = bySource[b]!.get(key);
        if (!outputB) continue;
        const c = cases.get(outputA.caseId) ?? { id: outputA.caseId, vars: {}, tags: [] };
        pairs.push({ a, b, outputA, outputB, case: c });
      }
    }
  }
  return { pairs, sourceOf };
}
