import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ProviderError } from '../../../src/core/errors.js';
import { createReplayProvider } from '../../../src/providers/replay/replay-provider.js';
import { rejection } from '../support.js';

const ask = (caseId?: string, repeat?: number, structured = false) => ({
  messages: [{ role: 'user' as const, content: 'ignored' }],
  meta: { caseId, repeat },
  ...(structured ? { structured: { name: 'v', schema: {} } } : {}),
});

describe('replay provider', () => {
  let dir: string;
  const file = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'juror-replay-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers by case id, per repeat when given, with zero usage', async () => {
    const path = await file(
      'ok.jsonl',
      '{"id":"a","output":"alpha"}\n\n{"id":"b","output":"b0","repeat":0}\n{"id":"b","output":"b1","repeat":1}\n{"id":"j","output":"{\\"score\\":4}"}\n',
    );
    const p = await createReplayProvider(path, 'ok.jsonl');
    expect(p.id).toBe('replay:ok.jsonl');
    const a = await p.complete(ask('a', 3));
    expect([a.text, a.usage]).toEqual(['alpha', { inputTokens: 0, outputTokens: 0 }]);
    expect((await p.complete(ask('b', 1))).text).toBe('b1');
    expect((await p.complete(ask('b'))).text).toBe('b0');
    expect((await p.complete(ask('j', 0, true))).structured).toEqual({ score: 4 });
  });

  it('a missing id is a non-retryable ProviderError naming the file and the id', async () => {
    const p = await createReplayProvider(await file('few.jsonl', '{"id":"a","output":"x"}\n'), 'few.jsonl');
    const err = await rejection(() => p.complete(ask('zzz')));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.retryable).toBe(false);
    expect(err.message).toBe('few.jsonl: no output for case "zzz"');
    const noRepeat = await createReplayProvider(await file('rep.jsonl', '{"id":"a","output":"x","repeat":0}\n'), 'rep.jsonl');
    expect((await rejection(() => noRepeat.complete(ask('a', 2)))).message).toBe('rep.jsonl: no output for case "a" repeat 2');
  });

  const bad: Array<[string, string]> = [
    ['{"id":"a","output":"x"}\n{"id":"b", "output": }\n', 'bad.jsonl:2: invalid JSON'],
    ['{"output":"x"}\n', 'bad.jsonl:1: missing "id" (the case id, a string)'],
    ['{"id":"a","output":5}\n', 'bad.jsonl:1: "output" must be a string (case "a")'],
    ['["a","b"]\n', 'bad.jsonl:1: expected a JSON object { "id", "output" }'],
    ['{"id":"a","output":"x","repeat":-1}\n', 'bad.jsonl:1: "repeat" must be a non-negative integer (case "a")'],
    ['{"id":"a","output":"x"}\n\n{"id":"a","output":"y"}\n', 'bad.jsonl:3: duplicate output for case "a" (first on line 1)'],
  ];
  for (const [text, message] of bad) {
    it(`malformed file → ConfigError "${message}"`, async () => {
      const err = await rejection(async () => createReplayProvider(await file('bad.jsonl', text), 'bad.jsonl'));
      expect(err).toBeInstanceOf(ConfigError);
      expect(err.message.startsWith(message)).toBe(true);
      expect(err.where).toBe(message.split(': ')[0]);
    });
  }

  it('a missing file is a ConfigError', async () => {
    const err = await rejection(() => createReplayProvider(join(dir, 'nope.jsonl'), 'nope.jsonl'));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe('replay file not found: nope.jsonl');
  });
});
