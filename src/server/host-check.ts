import type { NextFunction, Request, Response } from 'express';
import type { ServerConfig } from './config.js';
import { HttpError } from './http-error.js';

/** 127.0.0.0/8, localhost, ::1, each with an optional port. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d{1,5})?$/i;

/**
 * DNS rebinding defence, before the Origin check: a page on evil.example whose name an attacker
 * points at 127.0.0.1 reaches this server as same-origin to itself, but its requests carry
 * `Host: evil.example`. Only the configured public URL's host and loopback names are served.
 */
export function hostCheck(config: ServerConfig) {
  const publicHost = config.publicUrl ? new URL(config.publicUrl).host.toLowerCase() : undefined;
  return (req: Request, _res: Response, next: NextFunction) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if ((publicHost !== undefined && host === publicHost) || LOOPBACK.test(host)) return next();
    next(
      new HttpError(
        421,
        publicHost
          ? `this server answers only for ${publicHost} (Host ${JSON.stringify(host)} refused)`
          : `this server answers only for loopback addresses; serving another name needs --public-url (Host ${JSON.stringify(host)} refused)`,
        'bad_host',
      ),
    );
  };
}
