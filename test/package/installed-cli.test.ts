import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The CLI as `npm install juror` lays it out: exactly the files `npm pack` would ship, copied (not
// linked) into node_modules/juror of another project, so the bundled CLI (dist/bundle/) must find
// package.json, prompts/ and rubrics/ from where it is installed, not from the repository.
const ROOT = resolve(import.meta.dirname, '../..');

describe('the packed CLI, installed in another project', () => {
  let dir: string;
  let pkg: string;
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/bundle/juror.js'))) throw new Error('dist/bundle/ is missing: run `npm run build` first');
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(pack.status).toBe(0);
    const files = (JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
    dir = mkdtempSync(join(tmpdir(), 'juror-installed-'));
    pkg = join(dir, 'node_modules/juror');
    for (const f of files) {
      mkdirSync(dirname(join(pkg, f)), { recursive: true });
      cpSync(join(ROOT, f), join(pkg, f));
    }
    // Its dependencies, where npm would nest them.
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'answer.hbs'), 'Question: {{question}}\nAnswer:');
    writeFileSync(join(dir, 'cases.jsonl'), JSON.stringify({ id: 'c1', vars: { question: 'Capital of France?' }, expected: 'Paris', context: ['Paris is the capital of France.'] }) + '\n');
    writeFileSync(join(dir, 'suite.yaml'), [
      'name: installed', 'prompt: answer.hbs', 'cases: cases.jsonl', 'provider: mock',
      'judge:', '  provider: mock', `  rubric: ${join(pkg, 'rubrics/faithfulness.yaml')}`,
      'scorers:', '  - contains: { value: "{{expected}}" }', '  - rubric: faithfulness', '  - faithfulness', '  - choice: factuality',
    ].join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const juror = (...args: string[]) =>
    spawnSync(process.execPath, [join(pkg, 'bin/juror.js'), ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', CI: '1' } });

  it('ships the bundle and runs it (not the tsc modules)', () => {
    expect(existsSync(join(pkg, 'dist/bundle/juror.js'))).toBe(true);
    const v = juror('--version');
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('runs a suite whose judges read the packaged prompts (rubric, RAG, choice)', () => {
    const r = juror('run', 'suite.yaml', '--db', join(dir, 'j.db'), '--json');
    expect(r.stderr).not.toMatch(/ENOENT|not found/);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { summary: { total: number; passed: number; unscored: number } };
    expect(report.summary).toMatchObject({ total: 1, passed: 1, unscored: 0 });
  });
});
