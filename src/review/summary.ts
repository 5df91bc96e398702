import type { AnnotationRecord } from '../storage/store.js';
import { latestLabelled } from './export.js';

/**
 * What the admin page shows besides progress: items where annotators disagree (on their latest
 * labels) and items someone flagged as broken. Pure over the annotation history.
 */
export interface Disagreement {
  itemId: number;
  criterion: string;
  labels: Array<{ annotatorId: string; label: string }>;
}

export interface FlaggedItem {
  itemId: number;
  annotatorId: string;
  comment: string | null;
  createdAt: string;
}

export function findDisagreements(history: AnnotationRecord[]): Disagreement[] {
  const groups = new Map<string, Disagreement>();
  for (const a of latestLabelled(history)) {
    const key = `${a.itemId}\u0000${a.criterion}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { itemId: a.itemId, criterion: a.criterion, labels: [] }));
    g.labels.push({ annotatorId: a.annotatorId, label: a.label! });
  }
  return [...groups.values()]
    .filter((g) => g.labels.length > 1 && new Set(g.labels.map((l) => l.label)).size > 1)
    .sort((x, y) => x.itemId - y.itemId || (x.criterion < y.criterion ? -1 : 1));
}

/**
 * Items whose latest submission by an annotator is flagged. One submission writes one row per
 * criterion, so the latest row of the (item, annotator) pair speaks for the submission; an
 * un-flagged resubmission clears the flag.
 */
export function findFlagged(history: AnnotationRecord[]): FlaggedItem[] {
  const latest = new Map<string, AnnotationRecord>();
  for (const a of history) {
    const key = `${a.itemId}\u0000${a.annotatorId}`;
    const prev = latest.get(key);
    if (!prev || a.id > prev.id) latest.set(key, a);
  }
  return [...latest.values()]
    .filter((a) => a.flagged)
    .sort((x, y) => x.itemId - y.itemId)
    .map((a) => ({ itemId: a.itemId, annotatorId: a.annotatorId, comment: a.comment, createdAt: a.createdAt }));
}
