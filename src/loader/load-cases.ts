import { dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ConfigError } from '../core/errors.js';
import type { Case } from '../core/case.js';
import type { CaseSource } from './suite.js';
import { CaseCollector, jsonlEntries, type Located } from './case-entries.js';
import { csvEntries } from './csv-cases.js';
import { displayPath, resolveNear } from './paths.js';
import { readYamlFile, type YamlFile } from './yaml-file.js';

/**
 * Read cases from one file, by extension: `.csv`/`.tsv` (header row → vars), `.yaml`/`.yml`/`.json`
 * (a list), anything else JSONL. CSV and JSONL are streamed; YAML/JSON lists are read whole (YAML
 * cannot be parsed in pieces). Every mistake names the file and line.
 */
export function loadCases(path: string, where?: string): Case[] {
  const collector = new CaseCollector();
  addFile(collector, path, where);
  return collector.cases;
}

/**
 * `cases:` as written in a suite: a file, a glob (`cases/*.csv`, `data/**\/*.jsonl`), or a list of
 * files/globs, relative to the suite file. Files of a glob load in sorted order; ids are unique
 * across all of them. Returns the files read, for the suite's record.
 */
export function loadCaseFiles(suite: YamlFile, cases: string | string[], at: PropertyKey[]): { cases: Case[]; files: string[] } {
  const { source, files } = caseFilesSource(suite, cases, at);
  return { cases: [...source.each()], files };
}

/**
 * `cases:` files as a source read again on every pass, never held whole: what `juror run` uses, so
 * a 100,000-case suite costs the memory of one case at a time (plus the ids seen, for duplicates).
 * Each pass validates as loadCaseFiles does, with the same file:line errors; `files` are checked
 * (globs expanded, each readable) here, the cases themselves on the first pass.
 */
export function caseFilesSource(suite: YamlFile, cases: string | string[], at: PropertyKey[]): { source: CaseSource; files: string[] } {
  const files: Array<{ file: string; where: string }> = [];
  const specs = typeof cases === 'string' ? [cases] : cases;
  specs.forEach((spec, i) => {
    const where = suite.where(typeof cases === 'string' ? at : [...at, i]);
    const matched = isGlob(spec) ? expandGlob(suite.path, spec, where) : [resolveNear(suite.path, spec)];
    for (const file of matched) {
      checkReadable(file, displayPath(file), where);
      files.push({ file, where });
    }
  });
  const source: CaseSource = {
    where: suite.where(at),
    *each() {
      const collector = new CaseCollector();
      for (const f of files) yield* collector.validate(fileEntries(f.file, f.where));
    },
  };
  return { source, files: files.map((f) => f.file) };
}

function addFile(collector: CaseCollector, path: string, where?: string): void {
  checkReadable(path, displayPath(path), where);
  collector.add(fileEntries(path, where));
}

function fileEntries(path: string, where?: string): Iterable<Located> {
  const shown = displayPath(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return csvEntries(path, shown);
  if (ext === '.yaml' || ext === '.yml' || ext === '.json') {
    const file = readYamlFile(path, 'cases file', where);
    if (!Array.isArray(file.data)) throw new ConfigError('expected a list of cases', file.where([]));
    return yamlEntries(file, []);
  }
  return jsonlEntries(path, shown);
}

/** Inline `cases:` in a suite (or any YAML list at `at`). */
export function parseCaseList(file: YamlFile, at: PropertyKey[]): Case[] {
  const collector = new CaseCollector();
  collector.add(yamlEntries(file, at));
  return collector.cases;
}

function yamlEntries(file: YamlFile, at: PropertyKey[]): Located[] {
  const list = at.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown>)?.[k as string], file.data);
  if (!Array.isArray(list)) throw new ConfigError('cases: expected a list of cases or a file path', file.where(at));
  return list.map((value, i): Located => {
    const locate = (p: PropertyKey[]) => ({ where: file.where([...at, i, ...p]), line: file.lineOf([...at, i, ...p]) });
    return { value, ...locate([]), locate };
  });
}

export function isGlob(s: string): boolean {
  return /[*?[\]{}]/.test(s);
}

function expandGlob(suitePath: string, pattern: string, where: string): string[] {
  const cwd = dirname(suitePath);
  // loaded on first use (its CommonJS build: loading is synchronous here), not at every start-up
  const { globSync } = createRequire(import.meta.url)('tinyglobby') as typeof import('tinyglobby');
  const files = globSync(pattern, { cwd, absolute: true, onlyFiles: true, expandDirectories: false });
  if (files.length === 0) {
    const base = isAbsolute(pattern) ? pattern : relative(process.cwd(), resolve(cwd, pattern)) || pattern;
    throw new ConfigError(`cases: no files match "${pattern}" (looked for ${base})`, where);
  }
  return files.sort();
}

function checkReadable(path: string, shown: string, where?: string): void {
  try {
    if (statSync(path).isDirectory()) throw new ConfigError(`cases file ${shown}: is a directory`, where);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`cases file ${shown}: ${code === 'ENOENT' ? 'not found' : String(code ?? err)}`, where, { cause: err });
  }
}
