import { describe, expect, it } from 'vitest';
import { isRetryableStatus, retryAfterMsFrom, safeToolName } from '../../src/providers/http-errors.js';

describe('http error facts', () => {
  it('retries 408, 409, 429 and 5xx only', () => {
    expect([400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 529].filter(isRetryableStatus)).toEqual([408, 409, 429, 500, 502, 503, 529]);
  });
  it('reads retry-after-ms, then retry-after seconds or date', () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(retryAfterMsFrom(h({ 'retry-after-ms': '1500.4', 'retry-after': '9' }))).toBe(1500);
    expect(retryAfterMsFrom(h({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMsFrom(h({ 'retry-after': 'Wed, 01 Jan 2025 00:00:10 GMT' }), Date.parse('2025-01-01T00:00:00Z'))).toBe(10_000);
    expect(retryAfterMsFrom(h({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterMsFrom(h({}))).toBeUndefined();
  });
  it('makes names valid for tools and schemas', () => {
    expect(safeToolName('rubric verdict (v2)')).toBe('rubric_verdict__v2_');
    expect(safeToolName('')).toBe('answer');
  });
});
