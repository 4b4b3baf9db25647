import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { AppConfig } from './config';
import { correlationMiddleware } from './http/correlation';
import { httpMetricsMiddleware } from './http/http-metrics';
import { Metrics } from './operations/metrics';
import { rateLimitMiddleware } from './http/rate-limit';
import { requireAnyKey } from './http/require-any-key';
import { securityHeadersMiddleware } from './http/security-headers';
import { serveConsole } from './http/console-assets';
import { API_KEYS } from './wiring/tokens';
import { createValidationPipe } from './http/validation';
import type { CoreOptions } from './wiring/core.module';

/** Builds the HTTP application; main.ts and the e2e tests both start it this way. */
export async function createHttpApp(config: AppConfig, options: CoreOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bodyParser: false,
    logger: ['error', 'warn', 'log'],
  });
  // Flat query strings only: `a[b]=1` stays one unknown key instead of becoming an object (operator injection).
  app.set('query parser', 'simple');
  app.set('x-powered-by', false);
  app.useBodyParser('json', { limit: '64kb', strict: true });
  app.use(securityHeadersMiddleware);
  app.use(correlationMiddleware);
  app.use(httpMetricsMiddleware(app.get(Metrics)));
  const { security } = config;
  if (security.rateLimitPerSecond > 0) app.use(rateLimitMiddleware(security.rateLimitPerSecond, security.rateLimitBurst));
  if (security.corsOrigins.length > 0) app.enableCors({ origin: [...security.corsOrigins], methods: ['GET', 'POST', 'PATCH'] });
  if (!security.docsPublic) app.use(['/docs', '/docs-json'], requireAnyKey(app.get(API_KEYS)));
  serveConsole(app);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Rapport').setDescription('Customer-relationship record: commands, audit, read models').setVersion('1').build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
