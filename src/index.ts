/**
 * juror as a library: the same building blocks the CLI wires together (see docs/library.md).
 * Only re-exports; nothing here adds behaviour. `juror run` is, in order: loadSuite, resolveProvider,
 * wrapProvider, buildScorers, planFromSuite, runSuite, against a Store from openSqliteStore.
 */

// Suites, rubrics, cases, prompts.
export { loadSuite, loadRubric, parseRubric, loadCases, parseCaseList, loadPrompt } from './loader/index.js';
export type { Suite, SuiteJudge, ScorerSpec, PassRule, PassOp } from './loader/index.js';
export { loadPrices } from './loader/load-prices.js';

// Providers.
export type { Provider, ChatMessage, CompletionRequest, CompletionResult, CallOptions, Pricing } from './providers/provider.js';
export { resolveProvider, parseProviderSpec, type ProviderKind, type ResolveOptions } from './providers/resolve.js';
export { withRetry } from './providers/retry.js';
export { withRateLimit } from './providers/rate-limit.js';
export { priceFor, pricedBy, estimateCost } from './providers/pricing.js';

// Scorers and running a suite.
export { buildScorers, findScorer, SCORERS, SCORER_NAMES } from './scorers/registry.js';
export { planFromSuite } from './runner/plan-from-suite.js';
export { runSuite, type RunOptions, type RunDeps, type RunResult } from './runner/run-suite.js';
export { newCounters, wrapProvider, type CallCounters } from './runner/wrap-providers.js';
export { FatalStop } from './runner/fatal-stop.js';
export type { RunPlan, CaseOutcome, CaseStatus } from './runner/types.js';
export { loadRunReport, type RunReport, type CaseReport } from './runner/run-report.js';
export { compareReports, type Comparison, type CompareOptions } from './runner/compare.js';

// Storage.
export { openSqliteStore, type SqliteStoreOptions } from './storage/sqlite-store.js';
export type { Store, RunRecord, RunSummary, RunStatus, OutputRecord, ScoreRecord, ReviewRecord, AnnotationRecord } from './storage/store.js';

// Agreement between humans, and calibration of the judge against them.
export { computeReviewAgreement, computeLabelFileAgreement, type ComputeAgreementOptions } from './agreement/compute.js';
export { formatAgreement } from './agreement/format.js';
export type { AgreementReport, CriterionAgreement } from './agreement/report.js';
export { computeCalibration, type CalibrationOptions, type CalibrationReport } from './calibration/compute.js';
export { formatCalibration } from './calibration/format.js';

// The review server.
export { createApp, type AppOptions } from './server/app.js';
export { startServer, type RunningServer } from './server/listen.js';
export type { ServerConfig } from './server/config.js';

// Errors.
export {
  JurorError,
  ConfigError,
  TemplateError,
  MissingCredentialError,
  ProviderError,
  JudgeParseError,
  StorageError,
  DatabasePathError,
  NotFoundError,
  ConflictError,
  DatabaseBusyError,
  CancelledError,
  isJurorError,
  describeError,
} from './core/errors.js';

// Statistics (pure, synchronous).
export * from './stats/index.js';
