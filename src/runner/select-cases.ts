import type { Case } from '../core/case.js';
import { ConfigError } from '../core/errors.js';
import { didYouMean } from '../loader/closest.js';

/** Which cases of a suite to run: `--filter a,b` (any of), `--exclude TAG`, `--case ID` (repeatable). */
export interface CaseSelection {
  /** Keep cases carrying at least one of these tags. */
  tags?: string | readonly string[] | null;
  /** Drop cases carrying any of these tags. */
  exclude?: readonly string[] | null;
  /** Keep only these case ids. */
  ids?: readonly string[] | null;
}

/** "a,b" and ["a", "b,c"] → ["a", "b", "c"]: commas and repeats both work. */
export function splitList(values: string | readonly string[] | null | undefined): string[] {
  if (values === null || values === undefined) return [];
  const list = typeof values === 'string' ? [values] : values;
  return list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/**
 * The selected cases. A tag or id that no case has is a mistake (a CI typo would otherwise run
 * nothing and pass): ConfigError listing what the suite has, with a did-you-mean.
 */
export function selectCases(cases: readonly Case[], sel: CaseSelection): Case[] {
  const tags = splitList(sel.tags ?? null);
  const exclude = splitList(sel.exclude ?? null);
  const ids = splitList(sel.ids ?? null);
  if (tags.length === 0 && exclude.length === 0 && ids.length === 0) return [...cases];
  const known = [...new Set(cases.flatMap((c) => c.tags))].sort();
  for (const [flag, list] of [['--filter', tags], ['--exclude', exclude]] as const) {
    for (const t of list) {
      if (known.includes(t)) continue;
      const has = known.length ? `the suite's tags: ${known.join(', ')}` : 'no case in the suite has tags';
      throw new ConfigError(`${flag} ${t}: no case has the tag "${t}" (${has})${didYouMean(t, known)}`);
    }
  }
  const allIds = cases.map((c) => c.id);
  for (const id of ids) {
    if (!allIds.includes(id)) throw new ConfigError(`--case ${id}: no case has the id "${id}"${didYouMean(id, allIds)}`);
  }
  const selected = cases.filter(
    (c) => (tags.length === 0 || c.tags.some((t) => tags.includes(t))) && !c.tags.some((t) => exclude.includes(t)) && (ids.length === 0 || ids.includes(c.id)),
  );
  if (selected.length === 0) throw new ConfigError('no case matches the selection (--filter / --exclude / --case)');
  return selected;
}
