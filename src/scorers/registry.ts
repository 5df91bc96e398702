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
    try {
      return def.create(spec.options, spec.criteria[0]!, suite, deps);
    } catch (err) {
      if (err instanceof ConfigError && !err.where) throw new ConfigError(err.message, spec.where, { cause: err });
      throw err;
    }
  });
}
