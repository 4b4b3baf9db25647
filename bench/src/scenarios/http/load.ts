import autocannon from 'autocannon';
import { percentile } from '../../support/stats';

export interface Endpoint {
  readonly name: string;
  readonly kind: 'command' | 'query';
  readonly method: 'GET' | 'POST';
  /** A new request each call: path and, for a command, its body. */
  readonly next: () => { readonly path: string; readonly body?: string };
}

export interface LoadRun {
  readonly p50: number;
  readonly p99: number;
  /** Responses with a 2xx status per second. */
  readonly throughput: number;
  readonly errors: number;
}

/**
 * The most the service answers: autocannon's closed loop, `connections` requests always
 * outstanding, for `seconds`. Latency is each response's own time at full precision
 * (autocannon's histogram rounds to whole milliseconds). Non-2xx answers and errors are counted.
 */
export async function saturate(baseUrl: string, token: string, endpoint: Endpoint, connections: number, seconds: number): Promise<LoadRun> {
  const times: number[] = [];
  let errors = 0;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const options = {
    url: baseUrl,
    connections,
    duration: seconds,
    requests: [{ method: endpoint.method, headers, setupRequest: (request: autocannon.Request) => ({ ...request, ...endpoint.next() }) }],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
      else errors++;
    });
  });
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    throughput: times.length / seconds,
    errors: errors + result.errors + result.timeouts,
  };
}
