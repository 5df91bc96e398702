import { describe, expect, it } from 'vitest';
import { corruptAnswer, goesWrong, noiseDraw, noiseRate, noisyVerdict } from '../../../src/providers/mock/noisy.js';
import { mockAnswer } from '../../../src/providers/mock/mock-model.js';
import { priceFor } from '../../../src/providers/pricing.js';

describe('mock:noisy', () => {
  it('reads its error rate from the model name', () => {
    expect(noiseRate('noisy')).toBe(0.3);
    expect(noiseRate('noisy-50')).toBe(0.5);
    expect(noiseRate('noisy-0')).toBe(0);
    expect(noiseRate('noisy-250')).toBe(1);
    expect(noiseRate('mock')).toBeUndefined();
    expect(noiseRate('noisyx')).toBeUndefined();
  });

  it('draws the same number for the same model and prompt, and a different one otherwise', () => {
    const a = noiseDraw('noisy', 'Ticket: I was charged twice.', 'answer');
    expect(noiseDraw('noisy', 'Ticket: I was charged twice.', 'answer')).toBe(a);
    expect(noiseDraw('noisy', 'Ticket: I was charged twice!', 'answer')).not.toBe(a);
    expect(noiseDraw('noisy', 'Ticket: I was charged twice.', 'judge')).not.toBe(a);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(1);
  });

  it('gets about its rate of answers wrong over many prompts', () => {
    const n = 2000;
    let wrong = 0;
    for (let i = 0; i < n; i++) if (goesWrong('noisy', `prompt ${i}`)) wrong++;
    // binomial(2000, 0.3): sd ≈ 20.5, so ±4 sd is 518–682
    expect(wrong).toBeGreaterThan(518);
    expect(wrong).toBeLessThan(682);
    expect([0, 1, 2].filter((i) => goesWrong('noisy-0', `prompt ${i}`))).toEqual([]);
    expect([0, 1, 2].filter((i) => goesWrong('noisy-100', `prompt ${i}`))).toEqual([0, 1, 2]);
  });

  it('makes the mistakes real models make', () => {
    expect(corruptAnswer('billing')).toBe('I think the answer is billing, but I am not sure.');
    expect(corruptAnswer('Refunds take 5 days. Write to billing@x.example.')).toBe('Refunds take 5 days.');
    expect(corruptAnswer('go to settings then pick export all')).toBe('go to settings then');
    expect(corruptAnswer({ label: 'billing', priority: 2 })).toBe('{"label":"billing"}');
    expect(corruptAnswer([1, 2, 3])).toBe('[1,2]');
    expect(corruptAnswer(41)).toBe('42');
  });

  it('moves a noisy judge two levels of five, and leaves the rest alone', () => {
    const prompts = Array.from({ length: 40 }, (_, i) => `judge prompt ${i}`);
    const moved = prompts.filter((p) => noisyVerdict('noisy', p, 1) !== 1);
    expect(moved.length).toBeGreaterThan(0);
    for (const p of moved) expect(noisyVerdict('noisy', p, 1)).toBe(0.6);
    for (const p of moved) expect(noisyVerdict('noisy', p, 0.2)).toBe(0.6);
    expect(noisyVerdict('mock', prompts[0]!, 0.8)).toBe(0.8);
  });

  it('answers through mockAnswer: the oracle for most prompts, a corrupted one for the drawn ones', () => {
    const asks = Array.from({ length: 30 }, (_, i) => ({ model: 'noisy', messages: [{ role: 'user', content: `Ticket ${i}: route me` }], expected: { value: 'billing' } }));
    const texts = asks.map((req) => (mockAnswer(req) as { text: string }).text);
    const wrong = asks.filter((req) => goesWrong('noisy', req.messages[0]!.content));
    expect(wrong.length).toBeGreaterThan(0);
    expect(texts.filter((t) => t !== 'billing').length).toBe(wrong.length);
    expect(mockAnswer({ ...asks[0]!, model: 'mock' })).toEqual({ kind: 'text', text: 'billing' });
    // a script is said verbatim even by a noisy mock: tests depend on it
    expect(mockAnswer({ ...wrong[0]!, script: { value: 'exactly this' } })).toEqual({ kind: 'text', text: 'exactly this' });
  });

  it('costs nothing, like the plain mock', () => {
    expect(priceFor('noisy')).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
    expect(priceFor('noisy-50')).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
  });
});
