import type { EachBatchPayload } from 'kafkajs';
import type { IngestionLogger } from '../../ingestion.port';
import type { CommitWork } from './batch-ledger';
import { CommitterClosed, type PartitionCommitter } from './partition-committer';

const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 10_000;
/** After stop() is asked, how long a failing final commit is retried before leaving the rest to redelivery. */
const STOPPING_COMMIT_BUDGET_MS = 10_000;

export interface CommitAttempt {
  readonly committer: Pick<PartitionCommitter, 'commit'>;
  readonly payload: Pick<EachBatchPayload, 'batch' | 'isRunning' | 'isStale'>;
  readonly logger: IngestionLogger;
}

/**
 * Commits `work`, retrying while the consumer runs. False when it gave up: another instance owns
 * the partition, the committer was closed, or the stop budget ran out; the work is then redelivered
 * to whoever owns the partition next.
 */
export async function commitWithRetry(work: CommitWork, { committer, payload, logger }: CommitAttempt): Promise<boolean> {
  let giveUpAt: number | undefined;
  for (let backoff = FIRST_BACKOFF_MS; ; backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)) {
    try {
      await committer.commit(work.deadLetters, work.nextOffset);
      return true;
    } catch (error: unknown) {
      const { topic, partition } = payload.batch;
      const where = { topic, partition, lastOffset: work.lastOffset, error: describeError(error) };
      // Another instance owns the partition now (its producer fenced ours): retrying would fence it back.
      if (isFenced(error)) {
        logger.warn('ingestion lost the partition to another instance; its work is left to the new owner', where);
        return false;
      }
      if (error instanceof CommitterClosed) return false;
      logger.warn('ingestion commit failed, will retry', where);
      if (!payload.isRunning() || payload.isStale()) giveUpAt ??= Date.now() + STOPPING_COMMIT_BUDGET_MS;
      if (giveUpAt !== undefined && Date.now() >= giveUpAt) return false;
      await sleep(backoff);
    }
  }
}

function isFenced(error: unknown): boolean {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  return type === 'INVALID_PRODUCER_EPOCH' || type === 'PRODUCER_FENCED';
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, milliseconds)));
}
