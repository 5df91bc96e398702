import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseSchema, type Case } from '../../src/core/case.js';
import { loadSuite } from '../../src/loader/load-suite.js';
import type { Suite } from '../../src/loader/suite.js';
import { buildScorers } from '../../src/scorers/registry.js';
import type { Scorer, ScorerDeps } from '../../src/scorers/scorer.js';
import type { CompletionRequest, Provider } from '../../src/providers/provider.js';

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

/** A judge we script: records requests and answers with the given text/structured value. */
export function scripted(answer: { text?: string; structured?: unknown } | Error): Provider & { requests: CompletionRequest[] } {
  const requests: CompletionRequest[] = [];
  return {
    id: 'scripted:judge',
    model: 'scripted',
    requests,
    async complete(req) {
      requests.push(req);
      if (answer instanceof Error) throw answer;
      return { text: answer.text ?? JSON.stringify(answer.structured), structured: answer.structured, usage: { inputTokens: 100, outputTokens: 20 }, latencyMs: 12, model: 'scripted-1' };
    },
  };
}
