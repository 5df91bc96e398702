import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitCommit } from '../../src/runner/git.js';

const dirs: string[] = [];
const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'juror-git-')); dirs.push(d); return d; };
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function hasGit(): boolean {
  try { execFileSync('git', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}

describe('gitCommit', () => {
  it('is null outside a repository', () => {
    expect(gitCommit(tmp())).toBeNull();
  });

  it('matches `git rev-parse HEAD` from a subdirectory, also after packing refs', () => {
    if (!hasGit()) throw new Error('git is required for this test');
    const d = tmp();
    const git = (...a: string[]) => execFileSync('git', a, { cwd: d, encoding: 'utf8' }).trim();
    git('init', '-q');
    writeFileSync(join(d, 'f.txt'), 'x');
    git('add', 'f.txt');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'one');
    const head = git('rev-parse', 'HEAD');
    mkdirSync(join(d, 'sub'));
    expect(gitCommit(join(d, 'sub'))).toBe(head);
    git('pack-refs', '--all');
    expect(gitCommit(d)).toBe(head);
  });

  it('reads a detached HEAD', () => {
    const d = tmp();
    mkdirSync(join(d, '.git'));
    writeFileSync(join(d, '.git', 'HEAD'), 'a'.repeat(40) + '\n');
    expect(gitCommit(d)).toBe('a'.repeat(40));
  });
});
