import { Agent, request } from 'node:http';
import { percentile } from '../../support/stats';
import type { Endpoint, LoadRun } from './load';

/**
 * An open-loop load generator: request i is sent at start + i / rate whether or not earlier
 * ones have been answered, over a pool of keep-alive connections, and its latency runs from
 * that scheduled instant to the end of its response, so a stall in the service shows in the
 * percentiles instead of slowing the load down (no coordinated omission). autocannon's rate
 * option sends each connection's quota in a burst at the start of every second, which measures
 * queueing behind the burst rather than latency at a steady rate.
 */
export async function openLoopAtRate(baseUrl: string, token: string, endpoint: Endpoint, rate: number, seconds: number): Promise<LoadRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(baseUrl);
  const total = Math.round(rate * seconds);
  const times: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  for (let sent = 0; sent < total;) {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - started) / 1000) * rate) + 1);
    for (; sent < due; sent++) {
      const scheduled = started + (sent * 1000) / rate;
      inFlight.push(
        send(agent, url, token, endpoint)
          .then(
            (status) => (status >= 200 && status < 300 ? times.push(performance.now() - scheduled) : errors++),
            () => errors++,
          )
          .then(() => undefined),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  // An overloaded service may never catch up: what is still unanswered after the grace is an error.
  const grace = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), (seconds + 5) * 1000).unref());
  const settled = await Promise.race([Promise.all(inFlight).then(() => 'done' as const), grace]);
  if (settled === 'late') errors = total - times.length;
  agent.destroy();
  return { p50: percentile(times, 50), p99: percentile(times, 99), throughput: times.length / seconds, errors };
}

function send(agent: Agent, url: URL, token: string, endpoint: Endpoint): Promise<number> {
  const { path, body } = endpoint.next();
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  return new Promise((resolve, reject) => {
    const outgoing = request({ agent, host: url.hostname, port: url.port, method: endpoint.method, path, headers }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
