import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { CancelledError, JurorError, ProviderError } from '../../core/errors.js';
import { httpStatusError, oneLine, otherProviderError, rootCauseMessage } from '../http-errors.js';

/** Error types Anthropic may send inside a stream that are worth another try. */
const RETRYABLE_TYPES = new Set(['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error']);

/** Any error out of the Anthropic SDK → the one typed error juror's runner and CLI understand. */
export function toProviderError(err: unknown, id: string, credentialHint?: string, endpointHint?: string): JurorError {
  if (err instanceof JurorError) return err;
  if (err instanceof APIUserAbortError) return new CancelledError(`${id}: request cancelled`, { cause: err });
  if (err instanceof APIConnectionTimeoutError) {
    return new ProviderError(`${id}: request timed out`, { retryable: true, provider: id, cause: err });
  }
  if (err instanceof APIConnectionError) {
    return new ProviderError(`${id}: connection failed: ${oneLine(rootCauseMessage(err))}${endpointHint ? ` (${endpointHint})` : ''}`, { retryable: true, provider: id, cause: err });
  }
  if (err instanceof APIError) {
    const status = err.status;
    const detail = oneLine(err.apiMessage ?? err.message);
    if (status === undefined) {
      // An `event: error` inside a stream: the request was accepted, the server failed later.
      const retryable = err.type === null || RETRYABLE_TYPES.has(err.type);
      return new ProviderError(`${id}: error in the response stream: ${detail}`, { retryable, provider: id, cause: err });
    }
    return httpStatusError(id, status, detail, err.headers, credentialHint, err, endpointHint);
  }
  return otherProviderError(id, err);
}
