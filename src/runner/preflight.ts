import type { Case } from '../core/case.js';
import { ConfigError } from '../core/errors.js';
import type { RunPlan } from './types.js';

/**
 * Before the first provider call: render every case's prompt and ask every scorer whether the
 * case has what it needs (e.g. `expected` for exact / numeric). A mistake here would otherwise
 * error every case one call at a time; instead the run refuses to start (exit 2) with the first
 * problem — which names the file, the case and the variable — and how many cases share it.
 */
export function preflight(plan: Pick<RunPlan, 'render' | 'scorers'>, cases: Iterable<Case>): void {
  const check = new Preflight(plan);
  for (const c of cases) check.add(c);
  check.finish();
}

/** preflight case by case, for cases streamed from their files. */
export class Preflight {
  private first: ConfigError | undefined;
  private affected = 0;

  constructor(private readonly plan: Pick<RunPlan, 'render' | 'scorers'>) {}

  add(c: Case): void {
    const problem = checkCase(this.plan, c);
    if (!problem) return;
    this.affected++;
    this.first ??= problem;
  }

  /** Throws the first problem, and how many more share the run's mistakes. */
  finish(): void {
    const { first, affected } = this;
    if (!first) return;
    const more = affected > 1 ? ` (and ${affected - 1} more case${affected > 2 ? 's' : ''})` : '';
    throw new ConfigError(`${first.message}${more}; nothing was sent to the provider`, undefined, { cause: first });
  }
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
