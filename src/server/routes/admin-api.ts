import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import { RubricSchema } from '../../core/rubric.js';
import { createReviewFromRun } from '../../review/create-review.js';
import { exportReview } from '../../review/export.js';
import { parseRubricText } from '../../review/rubric-text.js';
import { findDisagreements, findFlagged } from '../../review/summary.js';
import { runColumns } from '../../storage/run-columns.js';
import type { Store } from '../../storage/store.js';
import { loadAgreement } from '../agreement-slot.js';
import type { ServerConfig } from '../config.js';
import { notFound } from '../http-error.js';
import { freeText } from '../text-schema.js';
import type { ReviewCache } from '../review-cache.js';
import { adminAuth } from '../session.js';

const IdParams = z.object({ id: z.string().min(1).max(100) });
const ExportParams = IdParams.extend({ format: z.enum(['csv', 'jsonl']) });
const ExportQuery = z.object({ history: z.enum(['0', '1', 'true', 'false']).optional() });

const Column = z.number().int().min(1).max(10_000);

const CreateReviewSchema = z
  .object({
    runId: z.string().min(1).max(100),
    /** A matrix column of runId (1-based); absent: the whole run. */
    column: Column.optional(),
    /** A pairwise queue: B's run and (for a matrix run) its column. */
    pairWith: z.string().min(1).max(100).optional(),
    pairWithColumn: Column.optional(),
    rubric: RubricSchema.optional(),
    rubricYaml: z.string().max(60_000).optional(),
    overlap: z.number().int().min(1).max(50),
    sample: z.number().int().min(1).optional(),
    seed: z.number().int().min(0).max(2 ** 31).optional(),
    annotators: z.array(z.string().min(1).max(64)).max(500).optional(),
    blind: z.boolean().default(true),
    showExpected: z.boolean().default(false),
    name: freeText('name', 200).optional(),
  })
  .strict()
  .refine((b) => (b.rubric === undefined) !== (b.rubricYaml === undefined), { message: 'give exactly one of rubric or rubricYaml' })
  .refine((b) => b.pairWithColumn === undefined || b.pairWith !== undefined, { message: 'pairWithColumn needs pairWith', path: ['pairWithColumn'] });

/** Admin role only: progress, disagreements, flags, exports, queue creation, agreement. */
export function adminApi(store: Store, config: ServerConfig, reviews: ReviewCache): Router {
  const r = Router();
  r.use(['/api/admin', '/admin'], (_req, res, next) => {
    adminAuth(res);
    res.set('Cache-Control', 'no-store');
    next();
  });

  const names = () => new Map(store.listAnnotators().map((a) => [a.id, a.name]));

  r.get('/api/admin/reviews', (_req, res) => {
    res.json({
      reviews: store.listReviews().map((rv) => ({
        id: rv.id,
        name: rv.name,
        kind: rv.kind,
        runId: rv.runId,
        pair: rv.pair,
        rubric: rv.rubric.name,
        overlap: rv.overlap,
        blind: rv.blind,
        createdAt: rv.createdAt,
        items: reviews.get(rv.id)?.items.size ?? 0,
        progress: store.getReviewProgress(rv.id),
      })),
    });
  });

  r.get('/api/admin/reviews/:id', (req, res) => {
    const { id } = IdParams.parse(req.params);
    const cached = reviews.get(id);
    if (!cached) throw notFound('no such review');
    const history = store.getAnnotationHistory(id);
    const who = names();
    const caseOf = caseIds(store, cached.review.runId);
    const itemCase = (itemId: number) => caseOf.get(cached.items.get(itemId) ?? -1) ?? null;
    res.json({
      review: { ...cached.review, items: cached.items.size },
      progress: store.getReviewProgress(id),
      disagreements: findDisagreements(history).map((d) => ({
        itemId: d.itemId,
        caseId: itemCase(d.itemId),
        criterion: d.criterion,
        labels: d.labels.map((l) => ({ annotator: who.get(l.annotatorId) ?? l.annotatorId, label: l.label })),
      })),
      flagged: findFlagged(history).map((f) => ({
        itemId: f.itemId,
        caseId: itemCase(f.itemId),
        annotator: who.get(f.annotatorId) ?? f.annotatorId,
        comment: f.comment,
        createdAt: f.createdAt,
      })),
    });
  });

  r.post('/api/admin/reviews', (req, res) => {
    const body = CreateReviewSchema.parse(req.body ?? {});
    const rubric = body.rubric ?? parseRubricText(body.rubricYaml!, 'rubricYaml');
    const created = createReviewFromRun(store, { ...body, rubric });
    const { review } = created;
    res.status(201).json({ review: { id: review.id, name: review.name, kind: review.kind, pair: review.pair }, items: created.items, seed: created.seed, annotators: created.annotators });
  });

  r.get('/api/admin/runs', (_req, res) => {
    // a matrix run's columns (1-based, as `RUN:N`), so the form can offer each as a side of a queue
    res.json({
      runs: store.listRuns({ limit: 200 }).filter((r) => r.kind === 'run').map((r) => ({
        id: r.id, suiteName: r.suiteName, provider: r.provider, status: r.status, startedAt: r.startedAt, total: r.summary?.total ?? null,
        columns: runColumns(r)?.map((c, i) => ({ column: i + 1, ...c })) ?? null,
      })),
    });
  });

  r.get('/api/admin/annotators', (_req, res) => {
    res.json({ annotators: store.listAnnotators().map((a) => ({ name: a.name, role: a.role, disabled: a.disabled })) });
  });

  r.get('/api/admin/rubrics', (_req, res) => {
    res.json({ rubrics: listRubricFiles(config.rubricsDir) });
  });

  r.get('/admin/reviews/:id/export.:format', (req, res) => {
    const { id, format } = ExportParams.parse(req.params);
    const history = ['1', 'true'].includes(ExportQuery.parse(req.query).history ?? '');
    if (!reviews.get(id)) throw notFound('no such review');
    const text = exportReview(store, id, format, { history });
    res
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .attachment(`${id}${history ? '-history' : ''}.${format}`)
      .send(text);
  });

  r.get('/admin/reviews/:id/agreement', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    if (!reviews.get(id)) throw notFound('no such review');
    const compute = await loadAgreement();
    res.json(compute(store, id));
  });
  return r;
}

function caseIds(store: Store, runId: string): Map<number, string> {
  return new Map(store.getOutputs(runId).map((o) => [o.id, o.caseId]));
}

/** *.yaml files of the rubrics directory with their text, for the create form. */
function listRubricFiles(dir: string | undefined): Array<{ file: string; text: string }> {
  if (!dir) return [];
  try {
    return readdirSync(dir)
      .filter((f) => /\.ya?ml$/i.test(f))
      .sort()
      .slice(0, 100)
      .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8').slice(0, 60_000) }));
  } catch {
    return [];
  }
}
