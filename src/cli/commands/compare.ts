import type { Register } from './index.js';
import { writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { RunRecord, Store } from '../../storage/store.js';

interface CompareFlags {
  db?: string;
  json?: boolean;
  seed?: string;
  resamples?: string;
  alpha?: string;
  by: string[];
  failOnRegression?: boolean;
  failOnAnyFlip?: boolean;
  allowDifferentSuites?: boolean;
  html?: string;
  calibratedWith?: string;
}

const collect = (v: string, all: string[]) => [...all, v];

/**
 * `juror compare BASE CAND`: paired statistics, slices and the flipped cases.
 * Exit code (the gate): with --fail-on-regression, 1 only when the candidate is significantly worse
 * on the pass rate or a gating criterion. Without a flag, or with --fail-on-any-flip, 1 when any
 * case went from passed to not passed: that stays the default so a CI job written against the old
 * behaviour keeps failing on a regression, and small suites (where one flip can never be
 * significant) are not silently let through. Different suites are refused (exit 2).
 */
export const register: Register = (program, ctx, setExit) => {
  program
    .command('compare')
    .argument('<baseline>', 'baseline run id ("latest~1" = the run before the latest of its suite; RUN:N = column N of a matrix run)')
    .argument('<candidate>', 'candidate run id (or "latest", or RUN:N)')
    .description('compare two runs pair by pair: pass rate and each criterion with 95% CIs, paired tests, slices, flipped cases')
    .option('--db <file>', 'database file')
    .option('--json', 'print one JSON document')
    .option('--alpha <p>', 'significance level', '0.05')
    .option('--seed <n>', 'bootstrap seed', '1')
    .option('--resamples <n>', 'bootstrap resamples', '10000')
    .option('--by <field>', 'slice by "tag" or "vars.FIELD" (repeatable)', collect, [])
    .option('--fail-on-regression', 'exit 1 only when the candidate is significantly worse (pass rate or a gating criterion)')
    .option('--fail-on-any-flip', 'exit 1 when any case went from passed to not passed (the default)')
    .option('--html <file>', 'also write the comparison as a single-file HTML report')
    .option('--calibrated-with <review>', "also show each run's pass rate and criterion means corrected by this review's human labels (the run(s) it covers)")
    .option('--allow-different-suites', 'compare runs of different suites (refused by default)')
    .action(async (a: string, b: string, opts: CompareFlags) => {
      const { ConfigError } = await import('../../core/errors.js');
      const { intOption, withStore, loadComparable, gatingCriteria, decideFor } = await import('./run-common.js');
      const { compareReports } = await import('../../runner/compare.js');
      const { parseBy } = await import('../../runner/slices.js');
      if (opts.failOnRegression && opts.failOnAnyFlip) throw new ConfigError('choose one gate: --fail-on-regression or --fail-on-any-flip');
      const alpha = Number(opts.alpha);
      if (!(alpha > 0 && alpha < 1)) throw new ConfigError(`--alpha must be a number between 0 and 1, got "${opts.alpha}"`);
      const seed = intOption('--seed', opts.seed, 1, 0, 2 ** 32 - 1);
      const resamples = intOption('--resamples', opts.resamples, 10_000, 100, 1_000_000);
      const by = opts.by.map(parseBy);
      const gathered = await withStore(
        ctx,
        opts.db,
        async (store) => {
          const baseline = await loadComparable(store, a);
          const candidate = await loadComparable(store, b);
          const base = baseline.run;
          const cand = candidate.run;
          if (base.suiteName !== cand.suiteName && !opts.allowDifferentSuites) {
            throw new ConfigError(
              `${base.id} is a run of suite "${base.suiteName}" and ${cand.id} of "${cand.suiteName}": comparing different suites pairs unrelated cases (pass --allow-different-suites to do it anyway)`,
            );
          }
          const gating = [...new Set([...(await gatingCriteria(base)), ...(await gatingCriteria(cand))])];
          const decide = { baseline: await decideFor(base), candidate: await decideFor(cand) };
          const reports = { baseline: baseline.report, candidate: candidate.report };
          const calibrated = opts.calibratedWith ? await calibratedRuns(store, base, cand, opts.calibratedWith) : undefined;
          return { ...reports, calibrated, comparison: compareReports(reports.baseline, reports.candidate, { alpha, seed, resamples, gating, by, decide }) };
        },
        { mustExist: true },
      );
      const cmp = gathered.comparison;
      if (opts.html) {
        const { writeFileSync } = await import('node:fs');
        const { resolve } = await import('node:path');
        const { toCompareHtml } = await import('../../reporters/html-compare.js');
        const { correctedTable } = await import('../../reporters/html-judge-human.js');
        const c = gathered.calibrated;
        const extra = c
          ? `<section id="corrected">\n<h2>Judge-corrected estimates</h2>\n${(['baseline', 'candidate'] as const).map((w) => (c[w] ? correctedTable(c[w].json, `${w} ${c[w].json.run}`) : '')).join('\n')}\n</section>`
          : undefined;
        writeFileSync(resolve(ctx.cwd, opts.html), toCompareHtml({ ...gathered, extra }));
        ctx.stderr.write(`HTML report: ${opts.html}\n`);
      }
      const mode = opts.failOnRegression ? 'significant regression' : 'any flip';
      const failed = mode === 'any flip' ? cmp.flips.regressions.length > 0 : cmp.verdict === 'worse';
      const cal = gathered.calibrated;
      const calJson = cal ? { calibrated: { ...(cal.baseline ? { baseline: cal.baseline.json } : {}), ...(cal.candidate ? { candidate: cal.candidate.json } : {}) } } : {};
      if (opts.json) writeJson(ctx, { ...cmp, ...calJson, gate: { fail_on: mode, failed } });
      else {
        const { formatComparison } = await import('../../reporters/comparison.js');
        const { formatGate } = await import('../../reporters/compare-gate.js');
        const corrected = cal ? (['baseline', 'candidate'] as const).map((w) => (cal[w] ? `\n${w} ${cal[w].json.run}: ${cal[w].text}` : '')).join('') : '';
        ctx.stdout.write(formatComparison(cmp) + corrected + formatGate(cmp, mode, failed));
      }
      setExit(failed ? EXIT.failures : EXIT.ok);
    });
};

/**
 * `compare --calibrated-with REVIEW`: the corrected estimates of each run the review covers (a review
 * is over one run's outputs; a judge run shares its parent's). Neither: refused, saying which run it is over.
 */
async function calibratedRuns(store: Store, base: RunRecord, cand: RunRecord, reviewId: string) {
  const { NotFoundError, ConfigError } = await import('../../core/errors.js');
  const { calibratedWith } = await import('./calibrated-with.js');
  const review = store.getReview(reviewId);
  if (!review) throw new NotFoundError(`review ${reviewId} not found (see juror review list)`);
  const covers = (r: RunRecord) => (r.kind === 'judge' && r.parentRunId ? r.parentRunId : r.id) === review.runId;
  if (!covers(base) && !covers(cand)) {
    throw new ConfigError(`review ${reviewId} is over run ${review.runId}: it covers neither the baseline ${base.id} nor the candidate ${cand.id}`);
  }
  return {
    baseline: covers(base) ? await calibratedWith(store, base, reviewId) : undefined,
    candidate: covers(cand) ? await calibratedWith(store, cand, reviewId) : undefined,
  };
}
