import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseSchema, type Case } from '../../src/core/case.js';
import { loadSuite } from '../../src/loader/load-suite.js';
import type { Suite } from '../../src/loader/suite.js';
import { buildScorers } from '../../src/scorers/registry.js';
import type { Scorer, ScorerDeps } from '../../src/scorers/scorer.js';

export const kase = (o: Record<string, unknown>): Case => CaseSchema.parse(o);

/**
 * Build a real suite from a `scorers:` YAML snippet (through loadSuite, so option parsing and
 * load-time preparation are exercised too) and return its scorers.
 */
export function suiteWith(scorersYaml: string, extra = '', deps: ScorerDeps = {}): { suite: Suite; scorers: Scorer[] } {
  const dir = mkdtempSync(join(tmpdir(), 'juror-scorers-'));
  try {
    writeFileSync(join(dir, 'p.hbs'), '{{q}}');
    writeFileSync(join(dir, 's.yaml'), `name: t\nprompt: p.hbs\ncases: [{ id: 1 }]\nscorers:\n${scorersYaml}\n${extra}`);
    const suite = loadSuite(join(dir, 's.yaml'));
    return { suite, scorers: buildScorers(suite, deps) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function scorerFrom(yaml: string): Scorer {
  return suiteWith(yaml).scorers[0]!;
}
