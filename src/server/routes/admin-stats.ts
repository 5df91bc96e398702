import { Router } from 'express';
import { z } from 'zod';
import type { CalibrationReport } from '../../calibration/compute.js';
import type { Store } from '../../storage/store.js';
import { loadAgreement } from '../agreement-slot.js';
import { notFound } from '../http-error.js';
import type { ReviewCache } from '../review-cache.js';
import { adminAuth } from '../session.js';
import { StatsCache } from './admin-stats-cache.js';

/**
 * The admin page's statistics: human-human agreement (`juror agreement --review ID --json`) and
 * judge calibration (`juror calibrate --review ID --json`, same seed and resamples, so the page and
 * the CLI print the same figures). Admin role only; results are cached per review until a new
 * annotation arrives; an outdated calibration (the costly one) is still served, marked `stale`, for
 * up to a minute so a busy review is not recomputed on every page load (StatsCache).
 * `?refresh=1` recomputes now.
 */

const IdParams = z.object({ id: z.string().min(1).max(100) });
const RunId = z.string().min(1).max(100).regex(/^[^,]+$/);
const StatsQuery = z
  .object({
    refresh: z.enum(['0', '1', 'true', 'false']).optional(),
    /** Comma-separated judge run ids; default the review's run and every re-judge of it. */
    judges: z
      .string()
      .max(2000)
      .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''))
      .pipe(z.array(RunId).min(1).max(20))
      .optional(),
  })
  .strict();

/** The CLI's defaults (src/cli/commands/calibrate.ts). */
const SEED = 1;
const RESAMPLES = 1000;

type ComputeCalibration = (store: Store, reviewId: string, opts: { judges?: string[]; seed?: number; resamples?: number }) => CalibrationReport;
let calibrationModule: Promise<ComputeCalibration> | undefined;
/** Loaded on first use: the statistics code stays off server start-up and the annotators' path. */
function loadCalibration(): Promise<ComputeCalibration> {
  calibrationModule ??= import('../../calibration/compute.js').then((m) => m.computeCalibration);
  return calibrationModule;
}

export function adminStats(store: Store, reviews: ReviewCache, cache = new StatsCache()): Router {
  const r = Router();

  // Registered before the annotate API. Saves commit in a group at the end of the event-loop turn
  // (AnnotationWriter) and answer only after COMMIT, so dropping the review's figures when a save
  // has answered successfully is enough; refused or unauthenticated requests change nothing.
  r.post('/api/reviews/:id/items/:itemId/annotations', (req, res, next) => {
    const id = req.params.id;
    if (typeof id === 'string') {
      res.once('finish', () => {
        if (res.statusCode < 300) cache.invalidate(id);
      });
    }
    next();
  });

  r.use('/api/admin/reviews/:id/stats', (_req, res, next) => {
    adminAuth(res);
    res.set('Cache-Control', 'no-store');
    next();
  });

  r.get('/api/admin/reviews/:id/stats/agreement', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const query = StatsQuery.omit({ judges: true }).parse(req.query);
    if (!reviews.get(id)) throw notFound('no such review');
    const compute = await loadAgreement();
    // agreement is cheap (counts grouped in SQL): never served outdated
    const result = cache.get(id, 'agreement', () => compute(store, id), { refresh: isTrue(query.refresh), staleForMs: 0 });
    res.json({ review: id, computedAt: result.computedAt, cached: result.cached, stale: result.stale, agreement: result.value });
  });

  r.get('/api/admin/reviews/:id/stats/calibration', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const query = StatsQuery.parse(req.query);
    const cached = reviews.get(id);
    if (!cached) throw notFound('no such review');
    const judges = query.judges ?? defaultJudges(store, cached.review.runId);
    const compute = await loadCalibration();
    const result = cache.get(id, `calibration:${judges.join(',')}`, () => compute(store, id, { judges, seed: SEED, resamples: RESAMPLES }), {
      refresh: isTrue(query.refresh),
    });
    res.json({ review: id, computedAt: result.computedAt, cached: result.cached, stale: result.stale, judges, calibration: result.value });
  });
  return r;
}

function isTrue(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}

/** The review's own run first, then every `juror judge` re-scoring of it, oldest first. */
export function defaultJudges(store: Store, runId: string): string[] {
  const rejudges = store
    .listRuns()
    .filter((run) => run.kind === 'judge' && run.parentRunId === runId)
    .sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0))
    .map((run) => run.id);
  return [runId, ...rejudges].slice(0, 20);
}
