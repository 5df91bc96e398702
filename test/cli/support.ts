import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { afterEach } from 'vitest';
import { startMockServer, type MockServer, type MockServerOptions } from '../../src/providers/mock/mock-server.js';

export const ROOT = resolve(import.meta.dirname, '../..');

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured streams (no TTY, so no progress bar). */
export async function cli(argv: string[], opts: { cwd: string; env?: Record<string, string | undefined>; signal?: AbortSignal }): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(argv, {
    stdout,
    stderr,
    cwd: opts.cwd,
    env: { ...opts.env },
    signal: opts.signal ?? new AbortController().signal,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export function tempDir(prefix = 'juror-cli-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface SuiteSpec {
  name?: string;
  cases: Array<Record<string, unknown>>;
  /** YAML lines under `scorers:` (each starting with "- "). */
  scorers?: string[];
  pass?: string[];
  provider?: string;
  judge?: string | null;
}

/** Write a RAG suite (prompt, cases, rubric from the repo) into `dir`; returns the suite path. */
export function writeSuite(dir: string, spec: SuiteSpec, file = 'suite.yaml'): string {
  writeFileSync(join(dir, 'answer.hbs'), 'Context:\n{{numbered context}}\n\nQuestion: {{question}}\nAnswer:');
  writeFileSync(join(dir, `${file}.cases.jsonl`), spec.cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  const judge = spec.judge === undefined ? 'mock' : spec.judge;
  const lines = [
    `name: ${spec.name ?? 'fixture'}`,
    'prompt: answer.hbs',
    `cases: ${file}.cases.jsonl`,
    `provider: ${spec.provider ?? 'mock'}`,
    ...(judge ? ['judge:', `  provider: ${judge}`, `  rubric: ${join(ROOT, 'rubrics/faithfulness.yaml')}`] : []),
    'scorers:',
    ...(spec.scorers ?? ['- contains: { value: "{{expected}}" }', '- rubric: faithfulness']).map((s) => `  ${s}`),
    ...(spec.pass ? ['pass:', ...spec.pass.map((p) => `  ${p}`)] : []),
  ];
  const path = join(dir, file);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** n RAG cases whose golden answer is in the context (the mock answers with it: all pass). */
export function ragCases(n: number): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => ({
    id: `q${i}`,
    vars: { question: `Where is setting number ${i}?` },
    context: [`Setting number ${i} is under Preferences > Panel ${i}.`, `Panel ${i} also has a reset button.`],
    expected: `under Preferences > Panel ${i}`,
    tags: [i % 2 ? 'odd' : 'even'],
  }));
}

/**
 * One cleanup registry per test file: temp dirs and mock servers made through it are removed after
 * each test, newest first. Call at module level (it registers the file's afterEach).
 */
export function useCleanups(): {
  tmp(): string;
  server(opts?: MockServerOptions): Promise<MockServer>;
  defer(cleanup: () => unknown): void;
} {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return {
    tmp() {
      const t = tempDir();
      cleanups.push(t.cleanup);
      return t.dir;
    },
    async server(opts = {}) {
      const s = await startMockServer(opts);
      cleanups.push(() => s.close());
      return s;
    },
    defer(cleanup) {
      cleanups.push(cleanup);
    },
  };
}
