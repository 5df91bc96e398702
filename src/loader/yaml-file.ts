import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Document, type Node } from 'yaml';
import { ConfigError } from '../core/errors.js';
import { displayPath } from './paths.js';

/** A parsed YAML file that can say which line any value came from (for one-line errors). */
export interface YamlFile {
  /** Absolute path. */
  path: string;
  /** Path as shown to the user. */
  shown: string;
  data: unknown;
  /** The file's text (to map lines inside block scalars, e.g. inline templates). */
  text: string;
  /** 1-based line of the node at `path` (or of its nearest existing ancestor). */
  lineOf(path: ReadonlyArray<PropertyKey>): number;
  /** `file:line` for a value path, ready for ConfigError's `where`. */
  where(path: ReadonlyArray<PropertyKey>): string;
}

export function readTextFile(path: string, shown: string, what: string, where?: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : String(code ?? err);
    throw new ConfigError(`${what} ${shown}: ${why}`, where, { cause: err });
  }
}

/** Parse YAML text; a syntax error becomes ConfigError `file:line: message`. */
export function parseYaml(text: string, path: string, shown = displayPath(path)): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    const msg = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`invalid YAML: ${msg}`, `${shown}:${line}`);
  }
  const data = doc.toJS({ maxAliasCount: 1000 });
  const lineOf = (p: ReadonlyArray<PropertyKey>) => {
    const node = nearestNode(doc, p);
    const offset = node?.range?.[0] ?? 0;
    return lineCounter.linePos(offset).line;
  };
  return { path, shown, data, text, lineOf, where: (p) => `${shown}:${lineOf(p)}` };
}

export function readYamlFile(path: string, what: string, where?: string): YamlFile {
  const shown = displayPath(path);
  return parseYaml(readTextFile(path, shown, what, where), path, shown);
}

/**
 * Walk the YAML AST along a value path. Keys compare as strings, so the zod path ["anchors", "1"]
 * finds the YAML key `1:` (a number). Stops at the deepest node that exists.
 */
function nearestNode(doc: Document, path: ReadonlyArray<PropertyKey>): Node | undefined {
  let node: unknown = doc.contents;
  let found = node as Node | undefined;
  for (const seg of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && keyText(it.key) === String(seg));
      // A key with an empty value (`rubric:`) has no value node; point at the key instead.
      next = pair ? (pair.value ?? pair.key) : undefined;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    if (!next) break;
    node = next;
    found = next as Node;
  }
  return found;
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}
