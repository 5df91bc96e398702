import { recall, support } from './text-overlap.js';

/**
 * The mock judge for pairwise requests: per criterion, the output that covers more of the
 * <reference> (or, without one, whose words are more often found in the <context>) wins; within
 * 0.05 it is a tie. With neither to compare against, a hash of the two texts taken in sorted
 * order picks A, B or tie, so the answer is deterministic and the same whichever output is shown
 * first: this judge is never position-biased (tests script a biased one through Case.mock).
 */
export function pairwiseJudgeAnswer(schema: unknown, block: (tag: string) => string | undefined): Record<string, unknown> {
  const names = Object.keys((schema as { properties?: Record<string, unknown> })?.properties ?? {});
  const a = block('output_a') ?? '';
  const b = block('output_b') ?? '';
  const reference = block('reference');
  const context = block('context');
  const basis = reference?.trim() ? 'reference' : context?.trim() ? 'context' : 'none';
  let said: 'A' | 'B' | 'tie';
  let reasoning: string;
  if (basis === 'none') {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    const pick = fnv1a(`${lo}\u0000${hi}`) % 3;
    const winner = pick === 0 ? null : pick === 1 ? lo : hi;
    said = winner === null ? 'tie' : winner === a ? 'A' : 'B';
    reasoning = 'Mock judge: nothing to compare against, so a fixed pick from the two texts.';
  } else {
    const score = (x: string) => (basis === 'reference' ? recall(x, reference!) : support(x, context!));
    const ra = score(a);
    const rb = score(b);
    said = Math.abs(ra - rb) < 0.05 ? 'tie' : ra > rb ? 'A' : 'B';
    reasoning = `Mock judge: by the ${basis}, A scores ${ra.toFixed(2)} and B ${rb.toFixed(2)}.`;
  }
  return Object.fromEntries(names.map((n) => [n, { reasoning, verdict: said }]));
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
