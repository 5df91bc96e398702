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
  const selector = new CaseSelector(sel);
  const selected = cases.filter((c) => selector.take(c));
  selector.finish(selected.length);
  return selected;
}

/**
 * selectCases one case at a time, for cases streamed from their files: take() each case in order,
 * then finish() with how many were selected, which throws what selectCases would have thrown. Keeps
 * the tags seen, and the ids only when `--case` asks for some (for its did-you-mean).
 */
export class CaseSelector {
  private readonly tags: string[];
  private readonly exclude: string[];
  private readonly ids: string[];
  private readonly knownTags = new Set<string>();
  private readonly allIds: string[] = [];

  constructor(sel: CaseSelection) {
    this.tags = splitList(sel.tags ?? null);
    this.exclude = splitList(sel.exclude ?? null);
    this.ids = splitList(sel.ids ?? null);
  }

  get selecting(): boolean {
    return this.tags.length > 0 || this.exclude.length > 0 || this.ids.length > 0;
  }

  /** Note the case (its tags, its id) and say whether it is selected. */
  take(c: Case): boolean {
    if (!this.selecting) return true;
    for (const t of c.tags) this.knownTags.add(t);
    if (this.ids.length > 0) this.allIds.push(c.id);
    return this.matches(c);
  }

  /** Whether the case is selected, noting nothing (a second pass over the same cases). */
  matches(c: Case): boolean {
    const { tags, exclude, ids } = this;
    return (tags.length === 0 || c.tags.some((t) => tags.includes(t))) && !c.tags.some((t) => exclude.includes(t)) && (ids.length === 0 || ids.includes(c.id));
  }

  finish(taken: number): void {
    if (!this.selecting) return;
    const known = [...this.knownTags].sort();
    for (const [flag, list] of [['--filter', this.tags], ['--exclude', this.exclude]] as const) {
      for (const t of list) {
        if (known.includes(t)) continue;
        const has = known.length ? `the suite's tags: ${known.join(', ')}` : 'no case in the suite has tags';
        throw new ConfigError(`${flag} ${t}: no case has the tag "${t}" (${has})${didYouMean(t, known)}`);
      }
    }
    const allIds = new Set(this.allIds);
    for (const id of this.ids) {
      if (!allIds.has(id)) throw new ConfigError(`--case ${id}: no case has the id "${id}"${didYouMean(id, this.allIds)}`);
    }
    if (taken === 0) throw new ConfigError('no case matches the selection (--filter / --exclude / --case)');
  }
}
