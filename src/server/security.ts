import helmet from 'helmet';
import type { ServerConfig } from './config.js';

/**
 * helmet with a strict CSP: scripts and styles only from our own origin, no inline script, no
 * inline style, nothing embeddable. Model output is shown as text, so even a CSP bypass would
 * need an HTML injection first; the CSP is the second wall.
 */
export function securityHeaders(config: ServerConfig) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // HSTS over plain http (localhost) would only confuse; send it when served over HTTPS.
    strictTransportSecurity: config.secureCookies ? { maxAge: 15552000 } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
