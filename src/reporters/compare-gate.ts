import type { Comparison } from '../runner/compare.js';
import { fmtP } from './comparison.js';

/** The last line of `juror compare`: what the exit code means, in words. */
export function formatGate(c: Comparison, mode: 'significant regression' | 'any flip', failed: boolean): string {
  const flips = c.flips.regressions.length;
  const { b, c: fixes, p_value } = c.pass_rate.mcnemar;
  if (mode === 'significant regression') {
    if (failed) return 'gate (--fail-on-regression): significantly worse → exit 1\n';
    if (b > fixes) return `gate (--fail-on-regression): the drop (${b} vs ${fixes} flips, p = ${fmtP(p_value)}) is not significant at alpha ${c.alpha} → exit 0\n`;
    return 'gate (--fail-on-regression): not worse → exit 0\n';
  }
  if (!failed) return 'gate (any flip): no case went from passed to not passed → exit 0\n';
  const note = c.verdict === 'worse' ? 'and the candidate is significantly worse' : `but the change is not significant (use --fail-on-regression to gate on significance)`;
  return `gate (any flip): ${flips} case${flips === 1 ? '' : 's'} went from passed to not passed, ${note} → exit 1\n`;
}
