import { CancelledError, ProviderError } from '../core/errors.js';
import { isRepeatableFailure } from '../providers/http-errors.js';
import type { CallOptions, CompletionRequest, CompletionResult, Provider } from '../providers/provider.js';

/**
 * The run-wide latch for errors that will repeat for every case (bad key, unknown model, nothing
 * listening at the base URL). The first one trips it; from then on no provider of the run makes
 * another call, and the runner cancels what is in flight and records the rest as not run.
 */
export class FatalStop {
  private first: ProviderError | null = null;
  private listeners: Array<(err: ProviderError) => void> = [];

  get error(): ProviderError | null {
    return this.first;
  }

  trip(err: ProviderError): void {
    if (this.first) return;
    this.first = err;
    for (const l of this.listeners.splice(0)) l(err);
  }

  onTrip(listener: (err: ProviderError) => void): void {
    if (this.first) listener(this.first);
    else this.listeners.push(listener);
  }
}

/**
 * Wrap a provider (innermost, under the retry wrapper): a repeatable failure trips `stop` and is
 * passed on as not retryable, so even a refused connection is tried once, not four times; once
 * tripped, calls are cancelled before reaching the provider.
 */
export function withFatalStop(provider: Provider, stop: FatalStop): Provider {
  return {
    id: provider.id,
    model: provider.model,
    answersByCase: provider.answersByCase,
    async complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResult> {
      // Not an error of this case: it was never sent (the runner records it as not run).
      if (stop.error) throw new CancelledError(`${provider.id}: not run: the run stopped on an earlier error`);
      try {
        return await provider.complete(request, options);
      } catch (err) {
        if (!isRepeatableFailure(err)) throw err;
        const fatal = notRetryable(err as ProviderError);
        stop.trip(fatal);
        throw fatal;
      }
    },
    close: provider.close ? () => provider.close!() : undefined,
  };
}

function notRetryable(err: ProviderError): ProviderError {
  if (!err.retryable) return err;
  return new ProviderError(err.message, { status: err.status, retryable: false, provider: err.provider, cause: err });
}
