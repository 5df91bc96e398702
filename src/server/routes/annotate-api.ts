import { Router, type Response } from 'express';
import { z } from 'zod';
import { contextTexts } from '../../core/case.js';
import { labelToValue, type Rubric } from '../../core/rubric.js';
import { outputToScreen, screenToOutput, shownOrder } from '../../review/pair-order.js';
import type { AssignmentView, NewAnnotation, ShownOrder, Store } from '../../storage/store.js';
import { AnnotationBodySchema, toAnnotations } from '../annotation-body.js';
import { AnnotationWriter } from '../annotation-writer.js';
import { HttpError, notFound } from '../http-error.js';
import type { ReviewCache } from '../review-cache.js';
import { sendJson } from '../send-json.js';
import { auth } from '../session.js';

const ReviewParams = z.object({ id: z.string().min(1).max(100) });
const ItemParams = ReviewParams.extend({ itemId: z.coerce.number().int().positive() });

/**
 * The annotator's API. Every access goes through the signed-in annotator's own assignments:
 * another annotator's item, a review they are not in, and a non-existent id all answer the same
 * 404, so ids cannot be probed. Nothing here ever returns anyone else's labels; the judge's scores
 * only when the review is not blind.
 */
export function annotateApi(store: Store, reviews: ReviewCache, writer = new AnnotationWriter(store)): Router {
  const r = Router();
  r.use('/api', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  r.get('/api/me', (_req, res) => {
    const { annotator } = auth(res);
    const mine = store
      .listReviews()
      .map((review) => ({ review, p: store.getReviewProgress(review.id, annotator.id)[0] }))
      .filter((x) => x.p && x.p.assigned > 0)
      .map(({ review, p }) => ({
        id: review.id,
        name: review.name,
        createdAt: review.createdAt,
        assigned: p!.assigned,
        done: p!.done,
        skipped: p!.skipped,
        flagged: p!.flagged,
      }));
    res.json({ name: annotator.name, role: annotator.role, reviews: mine });
  });

  r.get('/api/reviews/:id', (req, res) => {
    const { annotator } = auth(res);
    const { id } = ReviewParams.parse(req.params);
    const cached = reviews.get(id);
    const queue = cached ? store.getAssignments(id, annotator.id) : [];
    if (!cached || queue.length === 0) throw notFound('no such review in your queue');
    const { review } = cached;
    res.json({
      review: { id: review.id, name: review.name, kind: review.kind, rubric: review.rubric, blind: review.blind, showExpected: review.showExpected },
      items: queue.map((v) => ({ itemId: v.itemId, position: v.position, caseId: v.caseId, status: v.status })),
    });
  });

  r.get('/api/reviews/:id/items/:itemId', (req, res) => {
    const { annotator } = auth(res);
    const { id, itemId } = ItemParams.parse(req.params);
    const cached = reviews.get(id);
    const view = cached && store.getAssignment(id, itemId, annotator.id);
    if (!cached || !view) throw notFound('no such item in your queue');
    const { review } = cached;
    if (review.kind === 'pairwise') {
      // Blind by construction: the sides are "A" (left) and "B" (right) in this annotator's own
      // order; which run each came from, and any judge verdict, stay on the server.
      res.json({ item: pairJson(view, review.showExpected, shownOrder(review, annotator.id, itemId)) });
      return;
    }
    res.json({ item: itemJson(view, review.showExpected), judge: review.blind ? undefined : judgeScores(store, review.runId, cached.items.get(itemId)!) });
  });

  r.post('/api/reviews/:id/items/:itemId/annotations', async (req, res) => {
    const { annotator } = auth(res);
    const { id, itemId } = ItemParams.parse(req.params);
    const cached = reviews.get(id);
    // Authorization before validation: a stranger learns nothing about the item from a 400.
    if (!cached || !reviews.isAssigned(cached, itemId, annotator.id)) {
      throw notFound('no such item in your queue');
    }
    const body = AnnotationBodySchema.parse(req.body ?? {});
    const posted = toAnnotations(body, cached.review.rubric, { reviewId: id, itemId, annotatorId: annotator.id });
    if (typeof posted === 'string') throw new HttpError(400, posted, 'invalid');
    const rows = cached.review.kind === 'pairwise' ? toOutputTerms(posted, cached.review.rubric, shownOrder(cached.review, annotator.id, itemId)) : posted;
    const saved = await writer.save(rows);
    sendSaved(res, saved.map((a) => ({ id: a.id, criterion: a.criterion, label: a.label, supersedes: a.supersedes, clientKey: a.clientKey })));
  });
  return r;
}

function sendSaved(res: Response, rows: Array<{ id: number; criterion: string; label: string | null; supersedes: number | null; clientKey: string | null }>) {
  sendJson(res, 200, { saved: rows });
}

/**
 * The page posts screen sides (A = left, B = right); stored labels name the outputs. Each row
 * records the order shown, so the label can always be traced back to what the annotator saw.
 */
function toOutputTerms(rows: NewAnnotation[], rubric: Rubric, shown: ShownOrder): NewAnnotation[] {
  return rows.map((r) => {
    if (r.label === null) return { ...r, shown };
    const label = screenToOutput(r.label, shown);
    const scale = rubric.criteria.find((c) => c.name === r.criterion)!.scale;
    return { ...r, label, value: labelToValue(scale, label), shown };
  });
}

function pairJson(v: AssignmentView, showExpected: boolean, shown: ShownOrder) {
  const base = itemJson(v, showExpected);
  const mine: Record<string, string> = {};
  for (const [criterion, label] of Object.entries(base.mine)) mine[criterion] = outputToScreen(label, shown);
  const [left, right] = shown === 'AB' ? [v.output, v.outputB ?? null] : [v.outputB ?? null, v.output];
  const { output: _a, ...rest } = base;
  return { ...rest, kind: 'pairwise' as const, left, right, mine };
}

function itemJson(v: AssignmentView, showExpected: boolean) {
  const mine: Record<string, string> = {};
  let comment = '';
  let flagged = false;
  for (const a of v.mine) {
    if (a.label !== null) mine[a.criterion] = a.label;
    if (a.comment) comment = a.comment;
    flagged ||= a.flagged;
  }
  return {
    itemId: v.itemId,
    position: v.position,
    caseId: v.caseId,
    input: v.case.vars,
    context: contextTexts(v.case.context),
    prompt: v.prompt,
    output: v.output,
    expected: showExpected ? (v.case.expected ?? null) : undefined,
    mine,
    comment,
    flagged,
    status: v.status,
  };
}

/** Judge scores on this output from the review's run (non-blind reviews only). */
function judgeScores(store: Store, runId: string, outputId: number) {
  return store
    .getScoresForOutputs(runId, [outputId])
    .filter((s) => s.judge)
    .map((s, i, all) => ({
      criterion: s.criterion, label: s.label ?? null, value: s.value, reason: s.reason ?? null, judge: s.judge,
      // hallucination re-reads faithfulness's verdicts: the same claims are sent once
      claims: s.claims?.length && !all.slice(0, i).some((o) => sameClaims(o.claims, s.claims)) ? s.claims : [],
    }));
}

function sameClaims(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
