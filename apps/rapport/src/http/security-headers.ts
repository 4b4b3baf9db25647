import type { NextFunction, Request, Response } from 'express';

const API_POLICY = "default-src 'none'; frame-ancestors 'none'";
/** The console's own scripts, styles, images and API calls only (charts draw on canvas; no inline code, no eval). */
const CONSOLE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const DOCS_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

/** Headers for a JSON API that carries personal data: no sniffing, no framing, no caching, no referrer. */
export function securityHeadersMiddleware(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('Content-Security-Policy', policyFor(request.path));
  if (request.path.startsWith('/v1')) response.setHeader('Cache-Control', 'no-store');
  next();
}

function policyFor(path: string): string {
  if (path.startsWith('/docs')) return DOCS_POLICY;
  return path === '/console' || path.startsWith('/console/') ? CONSOLE_POLICY : API_POLICY;
}
