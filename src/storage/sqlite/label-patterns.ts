import type { LabelPattern } from '../store.js';
import type { Sql } from './connection.js';

/**
 * Agreement input in two GROUP BYs over the `current_labels` primary key (a range scan, no sort
 * for the inner grouping): per item, the JSON arrays of annotator ids and labels in annotator
 * order; then identical patterns are counted. JSON keeps any label text intact, and ordering both
 * aggregates by annotator_id (unique per item) keeps the two arrays aligned.
 */
export function labelPatterns(sql: Sql, reviewId: string, criterion: string): LabelPattern[] {
  const rows = sql.stmt(
    `SELECT a, l, count(*) FROM (
       SELECT json_group_array(annotator_id ORDER BY annotator_id) AS a, json_group_array(label ORDER BY annotator_id) AS l
       FROM current_labels WHERE review_id = ? AND criterion = ? GROUP BY item_id)
     GROUP BY a, l`,
  ).raw().all(reviewId, criterion) as Array<[string, string, number]>;
  return rows.map(([a, l, items]) => ({ annotatorIds: JSON.parse(a) as string[], labels: JSON.parse(l) as string[], items }));
}
