import type { HelperDelegate } from 'handlebars';

/**
 * Template helpers. Handlebars passes an `options` object as the last argument; each helper
 * strips it so `{{join tags}}` and `{{join tags " | "}}` both work.
 */
function args(all: unknown[]): { params: unknown[]; hash: Record<string, unknown> } {
  const options = all[all.length - 1] as { hash?: Record<string, unknown> } | undefined;
  return { params: all.slice(0, -1), hash: options?.hash ?? {} };
}

function asList(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** `{{json value}}` / `{{json value indent=2}}`: JSON text (strings are quoted). */
export const json: HelperDelegate = (...all: unknown[]) => {
  const { params, hash } = args(all);
  const indent = typeof hash.indent === 'number' ? hash.indent : undefined;
  return JSON.stringify(params[0] ?? null, null, indent);
};

/** `{{join list}}` / `{{join list "; "}}`: items joined (default ", "). */
export const join: HelperDelegate = (...all: unknown[]) => {
  const { params } = args(all);
  const sep = typeof params[1] === 'string' ? params[1] : ', ';
  return asList(params[0]).map(text).join(sep);
};

/**
 * `{{numbered context}}`: "[1] first passage\n[2] second passage" (a single string is one item).
 * Numbered so a model (and a reviewer) can cite passages.
 */
export const numbered: HelperDelegate = (...all: unknown[]) => {
  const { params, hash } = args(all);
  const sep = typeof hash.sep === 'string' ? hash.sep : '\n';
  return asList(params[0])
    .map((item, i) => `[${i + 1}] ${text(item)}`)
    .join(sep);
};

export const helpers: Record<string, HelperDelegate> = { json, join, numbered };
