import type { ErrorGroup } from '../storage/store.js';
import type { CaseOutcome } from './types.js';

/** Distinct messages kept; more would only grow memory on a run whose every error differs. */
const MAX_GROUPS = 20;
const MAX_EXAMPLES = 3;

/**
 * Errors of a run grouped by message, so a summary can say "300 × authentication failed (check
 * OPENAI_API_KEY)" instead of just "errored 300". Bounded memory: at most MAX_GROUPS messages;
 * the rest are counted under one "other" group.
 */
export class ErrorGroups {
  private groups = new Map<string, ErrorGroup>();

  add(o: Pick<CaseOutcome, 'caseId' | 'repeat' | 'status' | 'error' | 'scores'>): void {
    const example = o.repeat > 0 ? `${o.caseId} #${o.repeat + 1}` : o.caseId;
    if (o.status === 'errored') {
      this.push('errored', o.error ?? 'unknown error', example);
      return;
    }
    // One entry per distinct reason per case: a judge failure leaves every criterion unscored with the same reason.
    const reasons = new Set<string>();
    for (const s of o.scores) {
      // A panel member without a verdict is named by its spec, even when the others scored the criterion.
      const missing = s.panel?.filter((v) => v.value === null) ?? [];
      for (const v of missing) reasons.add(`${v.judge}: ${v.reason ?? 'no verdict'}`);
      if (s.value === null && missing.length === 0) reasons.add(s.reason ?? 'no score');
    }
    for (const r of reasons) this.push('unscored', r, example);
  }

  build(): ErrorGroup[] {
    return [...this.groups.values()]
      .map((g) => ({ ...g, examples: [...g.examples] }))
      .sort((a, b) => b.count - a.count || a.message.localeCompare(b.message));
  }

  private push(kind: ErrorGroup['kind'], message: string, example: string): void {
    const key = `${kind}\u0000${message}`;
    let g = this.groups.get(key);
    if (!g) {
      if (this.groups.size >= MAX_GROUPS) {
        const otherKey = `${kind}\u0000other`;
        g = this.groups.get(otherKey);
        if (!g) this.groups.set(otherKey, (g = { kind, message: `other ${kind === 'errored' ? 'errors' : 'reasons'}`, count: 0, examples: [] }));
      } else {
        this.groups.set(key, (g = { kind, message, count: 0, examples: [] }));
      }
    }
    g.count++;
    if (g.examples.length < MAX_EXAMPLES) g.examples.push(example);
  }
}
