import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from '../operations/metrics';

/** Counts requests and their latency by route pattern (not raw path, which would carry customer ids). */
export function httpMetricsMiddleware(metrics: Metrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const labels = { method: request.method, route, status: String(response.statusCode) };
      metrics.count('rapport_http_requests_total', 'HTTP requests by route and status', labels);
      metrics.observeSeconds(
        'rapport_http_request_seconds',
        'HTTP request latency',
        { method: request.method, route },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  };
}
