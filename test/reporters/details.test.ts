import { describe, expect, it } from 'vitest';
import { formatRunDetails } from '../../src/reporters/details.js';
import { valueText } from '../../src/reporters/format.js';
import { sampleReport } from './fixture.js';

describe('juror show as text', () => {
  it('a label that only rounds the value (a mean of several verdicts) shows the value beside it', () => {
    expect(valueText(3.6667, '4')).toBe('3.67 (≈4)');
    expect(valueText(4, '4')).toBe('4');
    // a choice label stands for its index: shown as it is
    expect(valueText(0, 'yes')).toBe('yes');
    expect(valueText(0.5, undefined)).toBe('0.50');
    expect(valueText(null, '4')).toBe('unscored');
  });

  it('prints each case with its scores, a panel mean as its value and each judge under it', () => {
    const report = sampleReport();
    report.cases[1]!.scores[1] = {
      scorer: 'rubric', criterion: 'rubric.tone', value: 3.6667, label: '4', passed: false, reason: 'mean of 3 judges',
      panel: [
        { judge: 'mock', value: 4, label: '4', reason: 'polite' },
        { judge: 'mock:noisy', value: 3, label: '3', reason: 'curt' },
        { judge: 'mock:noisy-50', value: 4, label: '4' },
      ],
    };
    const text = formatRunDetails(report, '/tmp/x.db');
    expect(text).toContain('  rubric.tone = 3.67 (≈4) FAIL\n');
    expect(text).toContain('        mock:noisy: 3 — curt\n');
    expect(text).toContain('  contains = 1 pass\n');
  });
});
