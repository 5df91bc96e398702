import { ProviderError } from '../core/errors.js';

/**
 * HTTP facts both SDK adapters need when they turn an SDK error into a ProviderError.
 * Kept SDK-free so each adapter folder stays the only importer of its SDK.
 */

/** 408 timeout, 409 conflict (lock contention), 429 rate limit, any 5xx: worth another try. */
export function isRetryableStatus(status: number | undefined): boolean {
  if (status === undefined) return true; // no status means the connection failed, not the request
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * Server-requested wait in ms: `retry-after-ms` (OpenAI's extension, float ms) first, then
 * `retry-after` as seconds or an HTTP date. Undefined when absent or unparseable.
 */
export function retryAfterMsFrom(headers: HeaderReader | undefined | null, now: number = Date.now()): number | undefined {
  if (!headers || typeof headers.get !== 'function') return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Tool and schema names must match ^[a-zA-Z0-9_-]{1,64}$ for both OpenAI and Anthropic. */
export function safeToolName(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return cleaned.length > 0 ? cleaned : 'answer';
}

/**
 * Low-level failures while reading a body (socket reset, truncated body, invalid JSON from a proxy)
 * are transient infrastructure faults: retry them. Anything else that is not an SDK error is most
 * likely a bug on our side and must not be retried into oblivion.
 */
export function isTransientTransportError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof SyntaxError) return true; // body was not the JSON the SDK expected
  const code = (err as { code?: unknown }).code ?? (err.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|UND_ERR_\w+)$/.test(code)) return true;
  return err.name === 'TypeError' && /terminated|fetch failed|other side closed/i.test(err.message);
}

/** First line of a server's error message, trimmed so one-line errors stay one line. */
export function oneLine(text: string | undefined | null, max = 300): string {
  const line = (text ?? '').split('\n')[0]!.trim();
  return line.length > max ? line.slice(0, max - 1) + '…' : line;
}

/** The innermost cause's message: "fetch failed" says little, "other side closed" says what happened. */
export function rootCauseMessage(err: unknown): string {
  let current: unknown = err;
  for (let depth = 0; depth < 5; depth++) {
    const next = current instanceof Error ? current.cause : undefined;
    if (!(next instanceof Error)) break;
    current = next;
  }
  const msg = current instanceof Error ? current.message : String(current);
  const code = (current as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && !msg.includes(code) ? `${msg} (${code})` : msg;
}

/** A proxy's HTML error page is not a stream; say so instead of "the stream ended early". */
export function assertEventStream(response: { headers: HeaderReader }, id: string): void {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream')) {
    throw new ProviderError(`${id}: the server did not answer with an event stream (content-type: ${type || 'none'})`, {
      retryable: true,
      provider: id,
    });
  }
}

/** An HTTP error status from a provider → ProviderError; 401/403 name the credential to fix, 404 the model and URL. */
export function httpStatusError(
  id: string,
  status: number,
  detail: string,
  headers: HeaderReader | undefined | null,
  credentialHint: string | undefined,
  cause: unknown,
  endpointHint?: string,
): ProviderError {
  const auth = status === 401 || status === 403;
  // A 404 is an unknown model or a base URL without the right path: say which setting to look at.
  const message = auth
    ? `${id}: authentication failed (HTTP ${status}): ${detail}${credentialHint ? ` (${credentialHint})` : ''}`
    : `${id}: HTTP ${status}: ${detail}${status === 404 ? ` (check the model name${endpointHint ? ` and ${endpointHint.replace(/^check /, '')}` : ''})` : ''}`;
  return new ProviderError(message, { status, retryable: isRetryableStatus(status), retryAfterMs: retryAfterMsFrom(headers), provider: id, cause });
}

/** What is left once the SDK's own error classes are handled: a broken transport (retryable) or anything else (not). */
export function otherProviderError(id: string, err: unknown): ProviderError {
  if (isTransientTransportError(err)) {
    return new ProviderError(`${id}: response broken off or malformed: ${oneLine(rootCauseMessage(err))}`, { retryable: true, provider: id, cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ProviderError(`${id}: ${oneLine(message)}`, { retryable: false, provider: id, cause: err });
}

/**
 * Failures that will be the same for every other call to this provider: a rejected key (401/403),
 * an unknown model or wrong URL path (404), a server that is not there (connection refused, unknown
 * host). A run stops at the first one instead of paying for (or waiting on) every case.
 */
export function isRepeatableFailure(err: unknown): boolean {
  if (!(err instanceof ProviderError)) return false;
  if (err.status === 401 || err.status === 403 || err.status === 404) return true;
  if (err.status !== undefined) return false;
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return true;
    current = current.cause;
  }
  return false;
}
