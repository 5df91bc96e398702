import type { Case } from '../core/case.js';
import { ConfigError } from '../core/errors.js';
import type { RunPlan } from './types.js';

/**
 * Before the first provider call: render every case's prompt and ask every scorer whether the
 * case has what it needs (e.g. `expected` for exact / numeric). A mistake here would otherwise
 * error every case one call at a time; instead the run refuses to start (exit 2) with the first
 * problem — which names the file, the case and the variable — and how many cases share it.
 */
export function preflight(plan: Pick<RunPlan, 'render' | 'scorers'>, cases: readonly Case[]): void {
  let first: ConfigError | undefined;
  let affected = 0;
  for (const c of cases) {
    const problem = checkCase(plan, c);
    if (!problem) continue;
    affected++;
    first ??= problem;
  }
  if (!first) return;
  const more = affected > 1 ? ` (and ${affected - 1} more case${affected > 2 ? 's' : ''})` : '';
  throw new ConfigError(`${first.message}${more}; nothing was sent to the provider`, undefined, { cause: first });
}

function checkCase(plan: Pick<RunPlan, 'render' | 'scorers'>, c: Case): ConfigError | undefined {
  try {
    plan.render(c);
    for (const s of plan.scorers) s.check?.(c);
    return undefined;
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
}
