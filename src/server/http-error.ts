/**
 * An error with an HTTP status, thrown by routes and middleware and turned into a response by
 * the one error handler (JSON under /api, an HTML page for the browser).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string = codeFor(status),
    /** Extra response headers, e.g. Retry-After on a 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

function codeFor(status: number): string {
  switch (status) {
    case 400: return 'bad_request';
    case 401: return 'unauthenticated';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 409: return 'conflict';
    case 413: return 'too_large';
    case 421: return 'bad_host';
    case 429: return 'rate_limited';
    case 503: return 'busy';
    default: return status >= 500 ? 'internal' : 'error';
  }
}

/** The same 404 for "does not exist" and "not yours", so ids cannot be probed. */
export const notFound = (what = 'not found') => new HttpError(404, what);
