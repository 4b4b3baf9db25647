import { ShutdownSignal } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { AppConfig } from './config';
import { correlationMiddleware } from './http/correlation';
import { httpMetricsMiddleware } from './http/http-metrics';
import { completeDocument } from './http/openapi';
import { OutcomeAdapter } from './http/outcome-adapter';
import { Metrics } from './operations/metrics';
import { rateLimitMiddleware } from './http/rate-limit';
import { bodyShapeGuard, requestLineGuard, routesOf } from './http/request-guards';
import { requireAnyKey } from './http/require-any-key';
import { securityHeadersMiddleware } from './http/security-headers';
import { serveConsole } from './http/console-assets';
import { API_KEYS } from './wiring/tokens';
import { createValidationPipe } from './http/validation';
import type { CoreOptions } from './wiring/core.module';

/** Builds the HTTP application; main.ts and the e2e tests both start it this way. */
export async function createHttpApp(config: AppConfig, options: CoreOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), new OutcomeAdapter(), {
    bodyParser: false,
    logger: ['error', 'warn', 'log'],
  });
  // Flat query strings only: `a[b]=1` stays one unknown key instead of becoming an object (operator injection).
  app.set('query parser', 'simple');
  app.set('x-powered-by', false);
  // Every API answer is Cache-Control: no-store, so no client could ever revalidate with an ETag, and
  // Express hashed each body for one (SHA-1 of every history page; the console's files keep theirs).
  app.set('etag', false);
  const { security } = config;
  const keys = app.get(API_KEYS);
  // The document is made first: the 405 check answers from the routes it lists.
  const document = completeDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Rapport')
        .setDescription('Customer-relationship record: commands, audit, read models')
        .setVersion('1')
        .build(),
    ),
    { isMetricsPublic: security.metricsPublic },
  );
  app.use(securityHeadersMiddleware);
  app.use(correlationMiddleware);
  app.use(httpMetricsMiddleware(app.get(Metrics)));
  app.use(
    rateLimitMiddleware(
      { perSecond: security.rateLimitPerSecond, burst: security.rateLimitBurst, failedAuthPerMinute: security.failedAuthPerMinute },
      keys,
    ),
  );
  if (security.corsOrigins.length > 0) app.enableCors({ origin: [...security.corsOrigins], methods: ['GET', 'POST', 'PATCH'] });
  if (!security.docsPublic) app.use(['/docs', '/docs-json'], requireAnyKey(keys));
  serveConsole(app);
  app.use(requestLineGuard(routesOf(document)));
  app.useBodyParser('json', { limit: '64kb', strict: true });
  app.use(bodyShapeGuard);
  app.useGlobalPipes(createValidationPipe());
  // SIGHUP reloads the API keys (wiring/api-keys.ts); every other signal Nest knows still shuts down gracefully.
  app.enableShutdownHooks(Object.values(ShutdownSignal).filter((signal) => signal !== ShutdownSignal.SIGHUP));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
