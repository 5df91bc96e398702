import { ConfigError, NotFoundError } from '../core/errors.js';
import { scaleValues, type Criterion, type Rubric } from '../core/rubric.js';
import { normaliseLabel } from '../core/label-spelling.js';
import { streamLabelFile, type LabelSink, type LabelWarning } from '../loader/labels.js';
import type { Store } from '../storage/store.js';
import { ItemIds, numericValues, RatingsBuilder, type CriterionRatings } from './ratings.js';

/**
 * Where ratings come from: a review in the store (counted in SQL) or a label file. Both end as
 * CriterionRatings, so the statistics and the report do not care which.
 */

export interface SourceOptions {
  /** `--order a,b,c`: category order (and the allowed labels). */
  order?: string[];
  /** `--levels 1,2,3`: the declared ordinal scale (order, allowed labels, and the positions weights use). */
  levels?: string[];
}

/** One CriterionRatings per rubric criterion, from the store's current labels. */
export function ratingsFromReview(store: Store, reviewId: string, opts: SourceOptions = {}): { rubric: Rubric; ratings: CriterionRatings[] } {
  const review = store.getReview(reviewId);
  if (!review) throw new NotFoundError(`review ${reviewId} not found (see juror review list)`);
  const names = new Map(store.listAnnotators().map((a) => [a.id, a.name]));
  const ratings = review.rubric.criteria.map((c) => criterionFromStore(store, reviewId, c, names, opts.order));
  return { rubric: review.rubric, ratings };
}

function criterionFromStore(
  store: Store,
  reviewId: string,
  criterion: Criterion,
  names: Map<string, string>,
  order: string[] | undefined,
): CriterionRatings {
  const categories = order ?? scaleValues(criterion.scale);
  const catIndex = new Map(categories.map((c, i) => [c, i]));
  const raters: string[] = [];
  const raterIndex = new Map<string, number>();
  const patterns = store.labelPatterns(reviewId, criterion.name).map((p) => ({
    items: p.items,
    ratings: p.annotatorIds.map((id, i): [number, number] => {
      let r = raterIndex.get(id);
      if (r === undefined) {
        r = raters.length;
        raters.push(names.get(id) ?? id);
        raterIndex.set(id, r);
      }
      const label = p.labels[i]!;
      const c = catIndex.get(label);
      if (c === undefined) {
        throw new ConfigError(`review ${reviewId}, criterion "${criterion.name}": stored label "${label}" is not in --order (${categories.join(', ')})`);
      }
      return [r, c];
    }),
  }));
  // SQL already grouped identical patterns, and annotator names are unique, so they are final.
  return { criterion: criterion.name, categories: [...categories], declared: true, numeric: numericValues(categories), raters, patterns };
}

/**
 * Ratings from a label file, read in chunks straight into per-criterion rating patterns. With a
 * rubric (`--review` given too), criteria and labels are checked against it and the rubric's scale
 * fixes the category order.
 */
export function ratingsFromLabelFile(
  path: string,
  opts: SourceOptions & { rubric?: Rubric; displayName?: string; onWarning?: (w: LabelWarning) => void } = {},
): CriterionRatings[] {
  const criteria = opts.rubric ? new Map(opts.rubric.criteria.map((c) => [c.name, scaleValues(c.scale)])) : undefined;
  const declared = (opts.levels ?? opts.order)?.map(normaliseLabel);
  // in the order criteria first appear in the file
  const builders = new Map<string, RatingsBuilder>();
  // rows of one criterion usually come together: the last one's builder saves a map lookup
  let last: RatingsBuilder | undefined;
  const items = new ItemIds();
  const sink: LabelSink = {
    add(row) {
      let b = last?.criterion === row.criterion ? last : builders.get(row.criterion);
      if (!b) {
        const scale = declared ?? criteria?.get(row.criterion)?.map(normaliseLabel);
        builders.set(row.criterion, (b = new RatingsBuilder(row.criterion, scale ?? [], scale !== undefined, items)));
      }
      last = b;
      return b.add(row.item, row.rater, row.label, row.line);
    },
  };
  const file = streamLabelFile(path, sink, { criteria, order: declared }, opts.displayName);
  for (const w of file.warnings) opts.onWarning?.(w);
  if (builders.size === 0) {
    throw new ConfigError('the label file has no labels', `${opts.displayName ?? path}:1`);
  }
  const out = [...builders.values()].map((b) => b.finish());
  // rubric order when there is one, else the order criteria first appear in the file
  if (opts.rubric) {
    const pos = new Map(opts.rubric.criteria.map((c, i) => [c.name, i]));
    out.sort((a, b) => pos.get(a.criterion)! - pos.get(b.criterion)!);
  }
  return out;
}
