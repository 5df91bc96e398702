/**
 * `juror runs | head -1` and friends: when the reader of stdout goes away, the compiled CLI ends
 * quietly with exit 0 (no EPIPE stack trace). Spawned through a real shell pipe.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { ROOT, tempDir } from './support.js';

const tmp = tempDir();
const db = join(tmp.dir, 'many.db');

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.build.json` first');
  // Enough runs that the listing is far bigger than a pipe's buffer (64 KiB): the writer must hit EPIPE.
  const store = openSqliteStore(db);
  for (let i = 0; i < 1500; i++) {
    store.createRun({
      id: `r_${String(i).padStart(5, '0')}`,
      kind: 'run',
      suiteName: `suite-with-a-long-name-${i}`,
      suitePath: `/somewhere/suites/suite-${i}.yaml`,
      provider: 'openai:gpt-4o-mini',
      judge: 'anthropic:claude-sonnet-4-5',
      config: {},
      gitCommit: null,
      parentRunId: null,
      startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    });
  }
  store.close();
});
afterAll(() => tmp.cleanup());

/** Run `juror ARGS | head -1` in bash; juror's own exit status (PIPESTATUS[0]) and stderr. */
function piped(args: string): { status: number; head: string; stderr: string } {
  const script = `node ${JSON.stringify(join(ROOT, 'bin/juror.js'))} ${args} 2>"$ERR" | head -1; echo "status=\${PIPESTATUS[0]}"`;
  const errFile = join(tmp.dir, 'stderr.txt');
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ERR: errFile, NO_COLOR: '1' } });
  const lines = r.stdout.trim().split('\n');
  return { status: Number(/status=(\d+)/.exec(lines.at(-1)!)?.[1]), head: lines[0]!, stderr: readFileSync(errFile, 'utf8') };
}

describe('juror … | head -1', () => {
  it('juror runs: exit 0, nothing on stderr', () => {
    const r = piped(`runs --limit 1500 --db ${JSON.stringify(db)}`);
    expect(r.head).not.toBe('');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('juror runs --json: exit 0, nothing on stderr', () => {
    const r = piped(`runs --limit 1500 --json --db ${JSON.stringify(db)}`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
