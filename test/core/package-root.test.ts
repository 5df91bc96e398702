import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePath, packageRoot } from '../../src/core/package-root.js';

describe('packageRoot', () => {
  it('is the directory of juror\'s package.json, found from src/ (the installed layout is test/package/installed-cli.test.ts)', () => {
    expect(packageRoot()).toBe(resolve(import.meta.dirname, '../..'));
    expect((JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { name: string }).name).toBe('juror');
    expect(existsSync(packagePath('prompts', 'judge-rubric.hbs'))).toBe(true);
  });
});
