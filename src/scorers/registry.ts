import { ConfigError } from '../core/errors.js';
import type { Suite } from '../loader/suite.js';
import type { Scorer, ScorerDeps } from './scorer.js';
import { findScorer } from './catalog.js';

export { SCORERS, SCORER_NAMES, findScorer } from './catalog.js';

/**
 * The suite's scorers, ready to call. `deps.judge` is required when the suite uses `rubric`
 * (the runner passes the judge already wrapped with retries and the cache).
 */
export function buildScorers(suite: Suite, deps: ScorerDeps = {}): Scorer[] {
  return suite.scorers.map((spec) => {
    const def = findScorer(spec.name);
    if (!def) throw new ConfigError(`unknown scorer "${spec.name}"`, spec.where);
    let scorer: Scorer;
    try {
      scorer = def.create(spec.options, spec.criteria[0]!, suite, deps);
    } catch (err) {
      throw located(err, spec.where);
    }
    // The kind's fixed range for every criterion, unless the scorer knows one per criterion.
    if (!scorer.bounds && def.bounds) scorer = { ...scorer, bounds: Object.fromEntries(scorer.criteria.map((c) => [c, def.bounds!])) };
    const check = scorer.check;
    if (!check) return scorer;
    return {
      ...scorer,
      check(c) {
        try {
          check.call(scorer, c);
        } catch (err) {
          throw located(err, spec.where);
        }
      },
    };
  });
}

/** A ConfigError without a place gets the suite line of its scorer entry. */
function located(err: unknown, where: string): unknown {
  return err instanceof ConfigError && !err.where ? new ConfigError(err.message, where, { cause: err }) : err;
}
