import { readSideCaughtUp, type ProjectionsView } from './read-side-caught-up';
import type { ServiceProcess } from './service-process';

/** Messages this process has settled so far (any fate), from its /metrics; waits until at least `atLeast`. */
export async function waitForHandled(service: ServiceProcess, atLeast: number, timeoutMs = 180_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const handled = await handledBy(service);
    if (handled >= atLeast) return handled;
    if (Date.now() > deadline)
      throw new Error(`only ${handled} messages handled after ${timeoutMs / 1000} s:\n${service.output().slice(-2_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function handledBy(service: ServiceProcess): Promise<number> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  return [...text.matchAll(/^rapport_ingestion_messages_total\{[^}]*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** Resolves once this instance answers that every projection and the saga feed stand at the store's head. */
export function caughtUp(service: ServiceProcess, stalledMs = 120_000): Promise<number> {
  return readSideCaughtUp(async () => (await (await fetch(`${service.url}/v1/projections`)).json()) as ProjectionsView, stalledMs);
}
