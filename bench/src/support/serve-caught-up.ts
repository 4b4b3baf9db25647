import { createHttpApp } from '../../../apps/rapport/src/http-app';
import type { AppConfig } from '../../../apps/rapport/src/config';
import { EventBusFeed } from '../../../apps/rapport/src/projections/event-bus-feed';
import { ProjectorHost } from '../../../apps/rapport/src/projections/projector-host';

/**
 * Serves the real HTTP app on 127.0.0.1 in this process until SIGTERM, once its projections and
 * saga feed have applied the stored events (a scenario measures serving, not the first catch-up).
 * Returns its URL and how long that catch-up took.
 */
export async function serveCaughtUp(config: AppConfig, timeoutMs: number): Promise<{ readonly url: string; readonly caughtUpMs: number }> {
  const app = await createHttpApp(config);
  app.useLogger(['error']);
  await app.listen(0, '127.0.0.1');
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const started = Date.now();
  const statuses = () => [...app.get(ProjectorHost).status(), ...app.get(EventBusFeed).status()];
  const deadline = started + timeoutMs;
  while (!statuses().every((status) => status.lag === 0 && status.state === 'live')) {
    if (Date.now() > deadline) throw new Error(`read side not caught up within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, caughtUpMs: Date.now() - started };
}
