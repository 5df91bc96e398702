import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './support.js';

/** The compiled CLI as a user runs it: exit codes, and stdout holding nothing but the JSON. */
const tmp = tempDir();
const juror = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/juror.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.build.json` first');
});
afterAll(() => tmp.cleanup());

describe('spawned juror run', () => {
  it('--json: stdout is exactly one JSON document, exit 1 (the example fails one case on purpose)', () => {
    const r = juror(['run', 'suites/rag-faq.yaml', '--db', join(tmp.dir, 'a.db'), '--json']);
    expect(r.status).toBe(1); // one case of the example fails on purpose (a contradicted claim)
    const doc = JSON.parse(r.stdout); // throws if anything else reached stdout
    expect(doc).toMatchObject({ status: 'finished', suite: 'rag-faq', summary: { total: 12, passed: 11, failed: 1 } });
    expect(r.stderr).toContain('Running rag-faq');
  });

  it('bad input: exit 2 and one line on stderr, no stack', () => {
    const r = juror(['run', 'suites/nope.yaml', '--db', join(tmp.dir, 'a.db')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: .*nope\.yaml/);
  });

  it('missing key: exit 2 naming the variable', () => {
    const r = juror(['run', 'suites/rag-faq.yaml', '--db', join(tmp.dir, 'a.db'), '--provider', 'anthropic:claude-sonnet-4-5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('set ANTHROPIC_API_KEY');
  });
});
