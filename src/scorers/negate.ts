import type { Score } from '../core/score.js';
import type { ScorerDef } from './scorer.js';

/**
 * `not-<name>` for a deterministic scorer: passes exactly when the original fails. The value is
 * 1 − value (so a similarity of 0.2 is a "not-" score of 0.8 and `>=` rules keep their sense);
 * unscored stays unscored (a check that could not be made is not a pass either way).
 */
export function negated<O>(def: ScorerDef<O>): ScorerDef<O> {
  const name = `not-${def.name}`;
  return {
    name,
    summary: `passes when ${def.name} fails`,
    options: def.options,
    bounds: def.bounds,
    prepare: def.prepare?.bind(def),
    defaultCriterion: undefined,
    create(options, criterion, suite, deps) {
      const inner = def.create(options, criterion, suite, deps);
      return {
        name,
        criteria: inner.criteria,
        async score(output, c, ctx) {
          return (await inner.score(output, c, ctx)).map((s) => flip(s, name));
        },
      };
    },
  };
}

function flip(s: Score, scorer: string): Score {
  if (s.value === null) return { ...s, scorer };
  const passed = s.passed === undefined ? undefined : !s.passed;
  const reason = s.reason === undefined ? undefined : `${passed ? 'as required, not: ' : 'must not hold: '}${s.reason}`;
  return { ...s, scorer, value: 1 - s.value, passed, reason };
}
