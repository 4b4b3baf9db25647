/** One HTTP command of a scripted customer, with the one event it must append. */
export interface HttpCommand {
  readonly customerId: string;
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly idempotencyKey: string;
  readonly appends: string;
}

/** What the cluster finally answered to a command, after retries on other instances. */
export interface HttpAnswer {
  readonly command: HttpCommand;
  readonly status: number;
  /** Instances tried before the answer: more than one when an instance went away mid-request. */
  readonly attempts: number;
}

const FALLING_RUN = [5, 4, 2];
const STEADY_RUN = [4, 5, 4];

function hasFallingRun(n: number): boolean {
  return n % 3 === 0;
}

/**
 * The answer after which customer number `n` is due a retention alert: its last, which completes a
 * strictly falling run (every third customer); undefined for the others.
 */
export function retentionAlertDue(customerId: string, n: number): string | undefined {
  return hasFallingRun(n) ? `${customerId}-s${FALLING_RUN.length - 1}` : undefined;
}

/**
 * One customer's commands, each appending exactly one event: acquired, activated, transactions,
 * three survey answers (falling for every third customer), a complaint filed and resolved, a redemption.
 */
export function customerCommands(customerId: string, n: number): HttpCommand[] {
  const day = (d: number) => `2026-0${1 + Math.floor(d / 28)}-${String(1 + (d % 28)).padStart(2, '0')}T09:00:00Z`;
  const commands: Omit<HttpCommand, 'customerId' | 'idempotencyKey'>[] = [
    {
      path: '/v1/customers',
      appends: 'CustomerAcquired',
      body: {
        customerId,
        customerType: ['individual', 'corporate', 'institutional'][n % 3],
        channel: 'branch',
        assets: { amount: `${(n % 7) * 90_000 + 1_000}.00`, currency: 'CNY' },
        riskProfile: `C${1 + (n % 5)}`,
        occurredAt: day(0),
      },
    },
    { path: `/v1/customers/${customerId}/activation`, appends: 'CustomerActivated', body: { product: 'savings', occurredAt: day(1) } },
  ];
  for (let t = 0; t < 4; t++)
    commands.push({
      path: `/v1/customers/${customerId}/transactions`,
      appends: 'TransactionRecorded',
      body: {
        transactionId: `${customerId}-t${t}`,
        amount: { amount: `${1_000 * (t + 1) + n}.00`, currency: 'CNY' },
        productCategory: 'cards',
        revenue: { amount: `${1 + (n % 9)}.00`, currency: 'CNY' },
        occurredAt: day(2 + t),
      },
    });
  (hasFallingRun(n) ? FALLING_RUN : STEADY_RUN).forEach((csat, s) =>
    commands.push({
      path: `/v1/customers/${customerId}/surveys`,
      appends: 'SatisfactionRecorded',
      body: {
        surveyId: `${customerId}-s${s}`,
        csat,
        nps: csat * 2,
        touchpoint: 'service',
        channel: s ? 'app' : 'branch',
        occurredAt: day(10 + s),
      },
    }),
  );
  const complaintId = `${customerId}-c`;
  commands.push(
    {
      path: `/v1/customers/${customerId}/complaints`,
      appends: 'ComplaintFiled',
      body: { complaintId, category: 'fees', severity: 'low', channel: 'branch', occurredAt: day(14) },
    },
    {
      path: `/v1/customers/${customerId}/complaints/${complaintId}/resolution`,
      appends: 'ComplaintResolved',
      body: { resolution: 'fee refunded', occurredAt: day(15 + (n % 20)) },
    },
    {
      path: `/v1/customers/${customerId}/redemptions`,
      appends: 'PointsRedeemed',
      body: { redemptionId: `${customerId}-r`, points: 1, reward: 'coffee', occurredAt: day(40) },
    },
  );
  return commands.map((command, index) => ({ ...command, customerId, idempotencyKey: `${customerId}-${index}` }));
}

/**
 * Sends each customer's commands in order, customers `concurrency` at a time, spreading them over
 * the running instances in turn. A command whose instance went away (refused connection, reset,
 * 503 while stopping) is sent again to the next instance with the same Idempotency-Key, so it can
 * append at most once; any other answer is final and recorded.
 */
export async function sendCommands(
  customers: readonly (readonly HttpCommand[])[],
  runningUrls: () => readonly string[],
  concurrency: number,
): Promise<HttpAnswer[]> {
  const answers: HttpAnswer[] = [];
  const queue = [...customers];
  let turn = 0;
  const nextUrl = () => {
    const urls = runningUrls();
    if (urls.length === 0) throw new Error('no Rapport instance is running');
    return urls[turn++ % urls.length] as string;
  };
  const worker = async () => {
    for (let commands = queue.shift(); commands; commands = queue.shift())
      for (const command of commands) answers.push(await sendOnce(command, nextUrl));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}

const RETRY_FOR_MS = 120_000;

async function sendOnce(command: HttpCommand, nextUrl: () => string): Promise<HttpAnswer> {
  const deadline = Date.now() + RETRY_FOR_MS;
  for (let attempts = 1; ; attempts++) {
    const status = await post(nextUrl(), command);
    if (status !== 'gone' && status !== 503) return { command, status, attempts };
    if (Date.now() > deadline) return { command, status: status === 'gone' ? 0 : status, attempts };
    // Not a synchronisation: a short pause so a cluster with every instance restarting is not spun on.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function post(url: string, command: HttpCommand): Promise<number | 'gone'> {
  try {
    const response = await fetch(`${url}${command.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': command.idempotencyKey },
      body: JSON.stringify(command.body),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'gone';
  }
}
