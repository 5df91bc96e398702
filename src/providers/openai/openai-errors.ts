import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { CancelledError, JurorError, ProviderError } from '../../core/errors.js';
import { httpStatusError, oneLine, otherProviderError, rootCauseMessage } from '../http-errors.js';

/** Any error out of the OpenAI SDK → the one typed error juror's runner and CLI understand. */
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
    const body = err.error as { message?: unknown } | undefined;
    const detail = oneLine(typeof body?.message === 'string' ? body.message : err.message);
    if (status === undefined) {
      // An error event inside a stream: the request was accepted, the server failed later.
      const retryable = !/invalid_request|invalid_api_key/.test(String(err.type ?? err.code ?? ''));
      return new ProviderError(`${id}: error in the response stream: ${detail}`, { retryable, provider: id, cause: err });
    }
    return httpStatusError(id, status, detail, err.headers, credentialHint, err, endpointHint);
  }
  return otherProviderError(id, err);
}
