import { CancelledError, describeError } from '../../core/errors.js';
import type { CompletionRequest, CompletionResult, Provider } from '../../providers/provider.js';

/**
 * One judge call: the result, or why there is none (`judge call failed: ...`), which the caller
 * records as unscored. Cancellation is rethrown: stopping is the runner's business, not a verdict.
 * `step` names which of several calls failed (a RAG metric's `claims`, `verdicts`, ...).
 */
export async function callJudge(
  provider: Provider,
  request: CompletionRequest,
  signal: AbortSignal | undefined,
  step?: string,
): Promise<{ result: CompletionResult; failed?: undefined } | { failed: string; result?: undefined }> {
  try {
    return { result: await provider.complete(request, { signal }) };
  } catch (err) {
    if (signal?.aborted || err instanceof CancelledError) throw err;
    return { failed: `judge call failed${step === undefined ? '' : ` (${step})`}: ${describeError(err)}` };
  }
}
