import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { configFromEnvironment } from './config';
import { createHttpApp } from './http-app';

async function main(): Promise<void> {
  const config = configFromEnvironment();
  const app = await createHttpApp(config);
  await app.listen(config.port, config.host);
  const url = `http://localhost:${config.port}`;
  const store = config.eventStoreConnectionString ? 'EventStoreDB' : `SQLite under ${config.dataDir}`;
  Logger.log(`Rapport listening on ${url} (event store: ${store})`, 'main');
  Logger.log(`API docs at ${url}/docs`, 'main');
}

main().catch((error: unknown) => {
  Logger.error(error instanceof Error ? error.message : String(error), 'main');
  process.exit(1);
});
