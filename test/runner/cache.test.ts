import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompletionRequest, Provider } from '../../src/providers/provider.js';
import { cacheKey, withCache } from '../../src/runner/cache.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { withRetry } from '../../src/providers/retry.js';
import { ReplayProvider, parseReplay } from '../../src/providers/replay/replay-provider.js';

const base: CompletionRequest = { messages: [{ role: 'user', content: 'hi' }], temperature: 0, meta: { caseId: 'a', repeat: 0 } };
const p = { id: 'openai:gpt-4o', model: 'gpt-4o' };

describe('cacheKey', () => {
  it('is stable and changes with every input that can change the answer', () => {
    const k = cacheKey(p, base);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey(p, { ...base, meta: { caseId: 'other', repeat: 0 } })).toBe(k); // case id alone does not
    const variants: CompletionRequest[] = [
      { ...base, meta: { caseId: 'a', repeat: 1 } },
      { ...base, temperature: 0.5 },
      { ...base, maxTokens: 10 },
      { ...base, messages: [{ role: 'system', content: 'hi' }] },
      { ...base, messages: [{ role: 'user', content: 'hi!' }] },
      { ...base, structured: { name: 'verdict', schema: { type: 'object' } } },
      { ...base, meta: { caseId: 'a', repeat: 0, expected: 'x' } },
      { ...base, meta: { caseId: 'a', repeat: 0, script: 'scripted answer' } },
      { ...base, meta: { caseId: 'a', repeat: 0, judgeRepeat: 1 } },
      { ...base, meta: { caseId: 'a', repeat: 0, judgeRepeat: 2 } },
    ];
    const keys = new Set(variants.map((v) => cacheKey(p, v)));
    expect(keys.size).toBe(variants.length);
    expect(keys.has(k)).toBe(false);
    expect(cacheKey({ id: 'openai:gpt-4o-mini', model: 'gpt-4o-mini' }, base)).not.toBe(k);
  });

  it('the first ask of --judge-repeat shares its key with a run without it', () => {
    expect(cacheKey(p, { ...base, meta: { caseId: 'a', repeat: 0, judgeRepeat: 0 } })).toBe(cacheKey(p, base));
  });

  it('keys of requests without a script are what they were before scripts existed', () => {
    // sha256 of the v1 material without a `script` field: caches written earlier stay valid
    expect(cacheKey(p, base)).toBe(cacheKey(p, { ...base, meta: { caseId: 'a', repeat: 0, script: undefined } }));
  });
});

describe('withCache over a real SQLite store', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('answers a repeated request from the store and counts the hit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juror-cache-'));
    dirs.push(dir);
    const store = openSqliteStore(join(dir, 'j.db'));
    let calls = 0;
    const inner: Provider = {
      id: p.id,
      model: p.model,
      async complete() {
        calls++;
        return { text: `answer ${calls}`, usage: { inputTokens: 3, outputTokens: 2 }, latencyMs: 12, model: 'gpt-4o', attempts: 2 };
      },
    };
    let hits = 0;
    const cached = withCache(inner, store, { onHit: () => void hits++ });
    const a = await cached.complete(base);
    const b = await cached.complete(base);
    expect(calls).toBe(1);
    expect(hits).toBe(1);
    expect(a).toMatchObject({ text: 'answer 1', attempts: 2 });
    expect(b).toMatchObject({ text: 'answer 1', cached: true, attempts: 0, latencyMs: 12, usage: { inputTokens: 3, outputTokens: 2 } });
    await cached.complete({ ...base, meta: { repeat: 1 } });
    expect(calls).toBe(2);
    expect(store.cacheStats().entries).toBe(2);
    store.close();
  });

  it('a replay provider (which answers by case id) gets one cache entry per case, even through retry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juror-cache-'));
    dirs.push(dir);
    const store = openSqliteStore(join(dir, 'j.db'));
    // A judge on replay: two cases whose judge prompts are identical, with different recorded verdicts.
    const table = parseReplay('{"id":"a","output":"{\\"score\\":5}"}\n{"id":"b","output":"{\\"score\\":1}"}\n', 'verdicts.jsonl');
    const judge = withCache(withRetry(new ReplayProvider(table, 'verdicts.jsonl')), store);
    const same = { messages: [{ role: 'user' as const, content: 'Score <output>x</output>' }], structured: { name: 'v', schema: { type: 'object' } } };
    const a = await judge.complete({ ...same, meta: { caseId: 'a', repeat: 0 } });
    const b = await judge.complete({ ...same, meta: { caseId: 'b', repeat: 0 } });
    const again = await judge.complete({ ...same, meta: { caseId: 'b', repeat: 0 } });
    expect([a.structured, b.structured, again.structured]).toEqual([{ score: 5 }, { score: 1 }, { score: 1 }]);
    expect(again.cached).toBe(true);
    expect(store.cacheStats().entries).toBe(2);
    store.close();
  });
});
