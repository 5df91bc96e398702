import { describe, expect, it } from 'vitest';
import { percentAgreement } from '../../src/stats/percent-agreement.js';
import { loadVector, raw4ratersCounts } from './vectors.js';

describe('percentAgreement', () => {
  it('reproduces irrCAC pa on raw_4raters (0.81818): items with one rating are skipped', () => {
    const v = loadVector('irrcac_raw4raters_gwet_fleiss_bp_alpha.json');
    const r = percentAgreement(raw4ratersCounts());
    expect(r.value!.toFixed(5)).toBe(v.expected.gwet_ac1.doctest_5dp.pa.toFixed(5));
    // 11 pairable items: 8 unanimous, (1,2,3-of-4 agree) items 2 and 8 give 3/6 each, item 6 gives 0.
    expect(r.value).toBeCloseTo((8 + 0.5 + 0.5 + 0) / 11, 14);
  });

  it('reproduces Pbar of the Wikipedia Fleiss example', () => {
    const v = loadVector('fleiss_kappa_wikipedia_example.json');
    expect(percentAgreement(v.data.counts_subject_by_category).value).toBeCloseTo(v.expected.computed_only.Pbar, 14);
  });

  it('averages per-item pair shares, not pooled pairs', () => {
    // Item 1: 2 raters agree (1 of 1 pair). Item 2: 4 raters split 2/2 (2 of 6 pairs).
    expect(percentAgreement([[2, 0], [2, 2]]).value).toBeCloseTo((1 + 2 / 6) / 2, 14);
  });

  it('is undefined without an item rated twice', () => {
    const r = percentAgreement([[1, 0], [0, 1]]);
    expect(r.value).toBeNull();
    expect((r as { reason: string }).reason).toMatch(/two or more/);
  });
});
