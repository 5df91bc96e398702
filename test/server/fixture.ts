import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Rubric } from '../../src/core/rubric.js';
import { createReviewFromRun } from '../../src/review/create-review.js';
import { addAnnotator } from '../../src/review/tokens.js';
import type { ServerConfig } from '../../src/server/config.js';
import { startServer, type RunningServer } from '../../src/server/listen.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';

/**
 * A real review server over a real SQLite file in a temp dir: one run of `cases` outputs,
 * annotators ann/bob/cat (+ admin "lead"), one blind review with overlap 2.
 */
export const RUBRIC: Rubric = {
  name: 'rag',
  criteria: [
    {
      name: 'faithfulness',
      question: 'Is every claim supported by the context?',
      scale: { type: 'ordinal', levels: [1, 2, 3, 4, 5] },
      anchors: { '1': 'Contradicts the context.', '3': 'One unsupported detail.', '5': 'Fully supported.' },
      pass: 4,
    },
    {
      name: 'helpful',
      question: 'Does it answer the question?',
      scale: { type: 'nominal', choices: ['yes', 'no'] },
      anchors: { yes: 'Answers it.', no: 'Does not.' },
    },
  ],
};

export const XSS_OUTPUT = '<script>alert("xss")</script><img src=x onerror="alert(1)"> **bold** and\n```js\nconst x = 1 < 2;\n```\nend';

export interface Fixture {
  dir: string;
  dbFile: string;
  store: Store;
  server: RunningServer;
  url: string;
  tokens: Record<string, string>;
  ids: Record<string, string>;
  reviewId: string;
  close(): Promise<void>;
}

export async function makeFixture(
  opts: { cases?: number; overlap?: number; annotators?: string[]; blind?: boolean; config?: Partial<ServerConfig> } = {},
): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'juror-server-'));
  const dbFile = join(dir, 'juror.db');
  const store = openSqliteStore(dbFile);
  const n = opts.cases ?? 6;
  seedRun(store, 'run1', n);
  const names = opts.annotators ?? ['ann', 'bob', 'cat'];
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const name of names) {
    const { annotator, token } = addAnnotator(store, name, 'annotator');
    tokens[name] = token;
    ids[name] = annotator.id;
  }
  const lead = addAnnotator(store, 'lead', 'admin');
  tokens.lead = lead.token;
  ids.lead = lead.annotator.id;
  const { review } = createReviewFromRun(store, {
    runId: 'run1',
    rubric: RUBRIC,
    overlap: opts.overlap ?? 2,
    seed: 7,
    annotators: names,
    blind: opts.blind ?? true,
    showExpected: true,
    name: 'FAQ review',
  });
  const server = await startServer({ store, config: { log: () => {}, ...opts.config } });
  return {
    dir, dbFile, store, server, url: server.url, tokens, ids, reviewId: review.id,
    async close() {
      await server.close(100);
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function seedRun(store: Store, runId: string, n: number): void {
  store.createRun({ id: runId, kind: 'run', suiteName: 'rag-faq', provider: 'mock', judge: 'mock', config: {}, startedAt: new Date().toISOString() });
  const cases = Array.from({ length: n }, (_, i) => ({
    id: `c${i + 1}`,
    vars: { question: `Question ${i + 1}?` },
    expected: `Answer ${i + 1}`,
    tags: [],
    context: [{ text: `Passage A for ${i + 1}.` }, { text: `Passage B for ${i + 1}.` }],
  }));
  store.saveCases(runId, cases);
  const outputs = store.saveResults(
    cases.map((c, i) => ({
      output: {
        runId, caseId: c.id, repeat: 0, prompt: `Q: ${c.vars.question}`,
        output: i === 0 ? XSS_OUTPUT : `Output ${i + 1}`,
        error: null, usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, costUsd: null, cached: false, attempts: 1,
      },
      scores: [{ scorer: 'rubric', criterion: 'faithfulness', value: 4, label: '4', judge: 'mock', reason: 'judge says 4' }],
    })),
  );
  void outputs;
}

/** The columns of `seedMatrixRun`, in column order. */
export const MATRIX_COLUMNS = [
  { provider: 'openai:gpt-4o-mini', prompt: 'a.hbs' },
  { provider: 'anthropic:claude-sonnet-4-5', prompt: 'a.hbs' },
  { provider: 'openai:gpt-4o-mini', prompt: 'b.hbs' },
];

/**
 * A matrix run of the three MATRIX_COLUMNS over the cases c1..cn of `seedRun`: column K answers
 * `Column K on cI`; column 2 errored on c2 (no output to pair).
 */
export function seedMatrixRun(store: Store, runId: string, n: number): void {
  store.createRun({ id: runId, kind: 'run', suiteName: 'rag-faq', provider: MATRIX_COLUMNS.map((c) => c.provider).join(','), judge: 'mock', config: { columns: MATRIX_COLUMNS }, startedAt: new Date().toISOString() });
  const cases = Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, vars: { question: `Question ${i + 1}?` }, expected: `Answer ${i + 1}`, tags: [] }));
  store.saveCases(runId, cases);
  store.saveResults(MATRIX_COLUMNS.flatMap((col, k) => cases.map((c) => {
    const errored = k === 1 && c.id === 'c2';
    return {
      output: {
        runId, caseId: c.id, repeat: 0, col: k, provider: col.provider, promptLabel: col.prompt, prompt: `Q: ${c.vars.question}`,
        output: errored ? null : `Column ${k + 1} on ${c.id}`, error: errored ? 'boom' : null,
        usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, costUsd: null, cached: false, attempts: 1,
      },
      scores: [],
    };
  })));
}

/** A signed-in browser-like client: cookie jar of one, CSRF token from the page's meta tag. */
export interface Client {
  cookie: string;
  csrf: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, body: unknown, opts?: { csrf?: string | null; origin?: string | null; headers?: Record<string, string> }): Promise<Response>;
}

/**
 * What the sign-in page does: GET /login (login CSRF cookie + the same value in the page), then
 * POST the form with the token. Returns the session cookie, or the failed response.
 */
export async function signIn(url: string, token: string, opts: { origin?: string } = {}): Promise<{ res: Response; cookie?: string }> {
  const pageRes = await fetch(`${url}/login`);
  const loginCookie = (pageRes.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(await pageRes.text())?.[1] ?? '';
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: opts.origin ?? url, cookie: loginCookie },
    body: new URLSearchParams({ token, _csrf: csrf }).toString(),
  });
  const session = (res.headers.get('set-cookie') ?? '').split(/,(?=\s*\w+=)/).find((c) => /^\s*(__Host-)?juror_sid=/.test(c));
  return { res, cookie: session?.trim().split(';')[0] };
}

export async function login(url: string, token: string): Promise<Client> {
  const { res, cookie } = await signIn(url, token);
  if (res.status !== 200 || !cookie) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const home = await fetch(`${url}/`, { headers: { cookie } });
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(await home.text())?.[1];
  if (!csrf) throw new Error('no csrf token on the home page');
  return {
    cookie,
    csrf,
    get: (path, headers = {}) => fetch(`${url}${path}`, { headers: { cookie, accept: 'application/json', ...headers }, redirect: 'manual' }),
    post: (path, body, o = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie,
          'content-type': 'application/json',
          ...(o.csrf === null ? {} : { 'x-csrf-token': o.csrf ?? csrf }),
          ...(o.origin === null ? {} : { origin: o.origin ?? url }),
          ...o.headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}

/** Item ids assigned to one annotator (in queue order). */
export function itemsOf(f: Fixture, name: string): number[] {
  return f.store.getAssignments(f.reviewId, f.ids[name]!).map((v) => v.itemId);
}

/** An item of `owner`'s queue that `other` does not have. */
export function itemNotAssignedTo(f: Fixture, other: string): number {
  const theirs = new Set(itemsOf(f, other));
  const item = f.store.getReviewItems(f.reviewId).find((i) => !theirs.has(i.id));
  if (!item) throw new Error(`every item is assigned to ${other}`);
  return item.id;
}

let keyCounter = 0;
export function key(): string {
  keyCounter += 1;
  return `k${process.pid}x${Date.now().toString(36)}x${keyCounter}`;
}
