import { ConfigError } from '../core/errors.js';
import type { CliContext } from './context.js';

/**
 * The review server's public address from `--public-url`, else JUROR_PUBLIC_URL (the older
 * `--base-url` / JUROR_BASE_URL still work). An origin only (scheme, host, port): the server's
 * routes live at the root. Undefined when none is given.
 */
export function publicUrlFrom(ctx: CliContext, flag: string | undefined, legacyFlag?: string): string | undefined {
  const [raw, from] =
    flag !== undefined ? [flag, '--public-url']
    : legacyFlag !== undefined ? [legacyFlag, '--base-url']
    : ctx.env.JUROR_PUBLIC_URL ? [ctx.env.JUROR_PUBLIC_URL, 'JUROR_PUBLIC_URL']
    : ctx.env.JUROR_BASE_URL ? [ctx.env.JUROR_BASE_URL, 'JUROR_BASE_URL']
    : [undefined, ''];
  if (raw === undefined) return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(`${from} must be an http:// or https:// address, got "${raw}"`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new ConfigError(`${from} must be an address without a path (the server lives at its root), got "${raw}"`);
  }
  return url.origin;
}
