import { DEFAULT_REDUCER } from '../core/reducer.js';
import { ConfigError, TemplateError } from '../core/errors.js';
import { judgeSpecs } from '../core/judge-panel.js';
import type { Case } from '../core/case.js';
import { templateSyntaxError, type Template } from '../templates/render.js';
import type { PromptSpec } from '../templates/render-prompt.js';
import { caseFilesSource, loadCaseFiles, parseCaseList } from './load-cases.js';
import { loadPrompt } from './load-prompt.js';
import { loadRubric } from './load-rubric.js';
import { parsePassRules } from './pass-rules.js';
import { resolveNear } from './paths.js';
import { parseScorerSpecs, type JudgeRubric } from './scorer-specs.js';
import { RawSuiteSchema } from './suite-schema.js';
import type { CaseSource, Suite } from './suite.js';
import { readYamlFile, type YamlFile } from './yaml-file.js';
import { zodToConfigError } from './zod-error.js';
import { resolve } from 'node:path';

/**
 * Load a suite file (YAML): validate it, resolve paths (relative to the suite file, then its
 * ancestors, so `prompts/x.hbs` finds the project's prompts/), read templates, rubric and cases.
 * Every mistake is ONE ConfigError naming file:line. `streamCases`: case files are not read here
 * but become `caseSource`, read case by case when a run starts (their mistakes surface then,
 * before any call, with the same messages).
 */
export function loadSuite(path: string, opts: { streamCases?: boolean } = {}): Suite {
  const file = readYamlFile(resolve(path), 'suite file');
  if (!file.data || typeof file.data !== 'object' || Array.isArray(file.data)) {
    throw new ConfigError('a suite file is a YAML mapping (name, prompt, cases, ...)', file.where([]));
  }
  const parsed = RawSuiteSchema.safeParse(file.data);
  if (!parsed.success) {
    throw zodToConfigError(parsed.error, RawSuiteSchema, (p) => ({ where: file.where(p), line: file.lineOf(p) }));
  }
  const raw = parsed.data;
  const near = (p: string) => resolveNear(file.path, p);

  if (raw.prompt === undefined && raw.prompts === undefined) throw new ConfigError('prompt is required', file.where([]));
  if (raw.prompt !== undefined && raw.prompts !== undefined) throw new ConfigError('give either prompt or prompts, not both', file.where(['prompts']));
  if (raw.provider !== undefined && raw.providers !== undefined) throw new ConfigError('give either provider or providers, not both', file.where(['providers']));
  const prompts = raw.prompts?.map((p, i) => ({ label: promptLabel(p, i), prompt: loadPromptSpec(file, p, ['prompts', i]) }));
  const prompt = prompts ? prompts[0]!.prompt : loadPromptSpec(file, raw.prompt!, ['prompt']);

  let judgeRubric: JudgeRubric | undefined;
  if (raw.judge?.rubric) {
    const rubricPath = near(raw.judge.rubric);
    judgeRubric = { rubric: loadRubric(rubricPath, file.where(['judge', 'rubric'])), path: rubricPath };
  }
  if (raw.judge?.provider !== undefined && raw.judge.providers !== undefined) {
    throw new ConfigError('give either judge.provider or judge.providers (a panel), not both', file.where(['judge', 'providers']));
  }
  if (raw.judge?.aggregate !== undefined && raw.judge.providers === undefined) {
    throw new ConfigError('judge.aggregate combines a panel\'s verdicts: list the judges in judge.providers', file.where(['judge', 'aggregate']));
  }
  if (raw.judge?.providers) judgeSpecs(raw.judge.providers.join(','), 'judge.providers', file.where(['judge', 'providers']));
  const judge = raw.judge
    ? {
        provider: raw.judge.provider ?? raw.judge.providers?.join(','),
        ...(raw.judge.aggregate ? { aggregate: raw.judge.aggregate } : {}),
        rubric: judgeRubric?.rubric,
        rubricPath: judgeRubric?.path,
        prompt: raw.judge.prompt ? loadPrompt(near(raw.judge.prompt), file.where(['judge', 'prompt'])) : undefined,
        input: raw.judge.input ? inline(file, ['judge', 'input'], raw.judge.input, 'judge input') : undefined,
      }
    : undefined;

  let cases: Case[] = [];
  let caseSource: CaseSource | undefined;
  let casesPath: string | null = null;
  if (typeof raw.cases === 'string' || (raw.cases.length > 0 && raw.cases.every((c) => typeof c === 'string'))) {
    // A file, a glob, or a list of them (an inline case is a mapping, never a string).
    const spec = raw.cases as string | string[];
    let files: string[];
    if (opts.streamCases) ({ source: caseSource, files } = caseFilesSource(file, spec, ['cases']));
    else ({ cases, files } = loadCaseFiles(file, spec, ['cases']));
    if (files.length === 1) casesPath = files[0]!;
  } else {
    cases = parseCaseList(file, ['cases']);
  }
  // A streamed suite is checked for this on its first pass (runner/run-start.ts).
  if (!caseSource && cases.length === 0) throw new ConfigError('the suite has no cases', file.where(['cases']));

  const scorers = parseScorerSpecs(file, raw.scorers, judgeRubric);
  const pass = parsePassRules(file, raw.pass, scorers);

  return {
    name: raw.name,
    description: raw.description,
    path: file.path,
    prompt,
    ...(prompts ? { prompts } : {}),
    cases,
    ...(caseSource ? { caseSource } : {}),
    casesPath,
    provider: raw.provider ?? raw.providers?.[0],
    ...(raw.providers ? { providers: raw.providers } : {}),
    judge,
    scorers,
    pass,
    reduce: raw.reduce ?? DEFAULT_REDUCER,
    defaults: { temperature: raw.defaults?.temperature, maxTokens: raw.defaults?.max_tokens },
  };
}

/** `prompt: prompts/x.hbs` (one user message) or `prompt: { system, user }`, each a path or inline text. */
function loadPromptSpec(file: YamlFile, p: string | { system?: string; user: string }, at: PropertyKey[]): PromptSpec {
  if (typeof p === 'string') return { user: templateAt(file, at, p, 'prompt') };
  return {
    system: p.system !== undefined ? templateAt(file, [...at, 'system'], p.system, 'system prompt') : undefined,
    user: templateAt(file, [...at, 'user'], p.user, 'user prompt'),
  };
}

/** What a matrix column calls its prompt: the file as written in the suite, else `prompt N`. */
function promptLabel(p: string | { system?: string; user: string }, i: number): string {
  const user = typeof p === 'string' ? p : p.user;
  return looksLikePath(user) ? user.trim() : `prompt ${i + 1}`;
}

/** A single-line value ending in a file extension, with no `{{`, is a path; anything else is inline. */
export function looksLikePath(s: string): boolean {
  return !s.includes('\n') && !s.includes('{{') && /\.[A-Za-z0-9]+$/.test(s.trim());
}

function templateAt(file: YamlFile, at: PropertyKey[], value: string, what: string): Template {
  if (looksLikePath(value)) return loadPrompt(resolveNear(file.path, value.trim()), file.where(at));
  return inline(file, at, value, what);
}

function inline(file: YamlFile, at: PropertyKey[], source: string, what: string): Template {
  const valueLine = file.lineOf(at);
  const problem = templateSyntaxError(source);
  if (problem) {
    // Point at the line of the suite file: a block scalar (`user: |`) starts on the next line.
    const header = file.text.split('\n')[valueLine - 1] ?? '';
    const block = /[|>][-+0-9]*\s*(#.*)?$/.test(header);
    const line = problem.line === undefined ? valueLine : valueLine + problem.line - (block ? 0 : 1);
    throw new TemplateError(`invalid ${what} template: ${problem.message}`, `${file.shown}:${line}`);
  }
  return { name: `${file.where(at)} (inline ${what})`, source };
}
