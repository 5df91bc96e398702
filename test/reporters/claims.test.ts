import { describe, expect, it } from 'vitest';
import type { Score } from '../../src/core/score.js';
import { claimsText } from '../../src/reporters/claims.js';

const faith: Score = {
  scorer: 'faithfulness', criterion: 'faithfulness', value: 0.5, passed: false,
  claims: [
    { kind: 'claim', text: 'Refunds take <b>30</b> days.', verdict: 'contradicted', reason: 'Chunk says "14" & <i>not</i> 30.', chunk: 'kb<1>' },
    { kind: 'claim', text: 'Email billing.', verdict: 'supported', reason: '', chunk: null },
  ],
};

describe('claims display', () => {
  it('text: one line per claim with its mark and chunk, then the reason; identical claims of an earlier score are referred to', () => {
    expect(claimsText(faith)).toBe(
      'claims:\n  ✗ CONTRADICTED [kb<1>]: Refunds take <b>30</b> days.\n      Chunk says "14" & <i>not</i> 30.\n  ✓ supported: Email billing.',
    );
    const hall: Score = { ...faith, scorer: 'hallucination', criterion: 'hallucination' };
    expect(claimsText(hall, [faith, hall])).toBe('claims: as for faithfulness');
    expect(claimsText({ ...faith, claims: [] })).toBe('');
  });
});
