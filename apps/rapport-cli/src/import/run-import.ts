import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { decodeStructured } from '@rapport/ingestion';
import type { CloudEventIngestor, IngestOutcome, OriginalSealer } from '../../../rapport/src/core';
import { ProgressBar } from '../progress-bar';
import type { Refusal, RejectFile } from './reject-file';

export interface ImportReport {
  readonly lines: number;
  readonly appended: number;
  readonly duplicates: number;
  readonly rejected: { readonly invalid: number; readonly rejected: number; readonly unreadable: number };
  readonly rejectFile?: string;
  readonly seconds: number;
}

const ATTEMPTS = 5;

/**
 * Imports an NDJSON file of structured CloudEvents, one per line, in file order (so each customer
 * keeps its order), through the same mapping as Kafka. Blank lines are skipped; refused lines go to
 * the reject file, each sealed under its customer's key (sealed-original.ts). A store failure is
 * retried a few times, then thrown (the CLI exits non-zero).
 */
export async function runImport(
  file: string,
  ingestor: CloudEventIngestor,
  rejects: RejectFile,
  totalLines: number,
  sealer: OriginalSealer,
): Promise<ImportReport> {
  const started = Date.now();
  const tally = { lines: 0, appended: 0, duplicates: 0, rejected: { invalid: 0, rejected: 0, unreadable: 0 } };
  const progress = new ProgressBar('import', totalLines, 'lines');
  let number = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    number++;
    if (text.trim() === '') continue;
    tally.lines++;
    const refused = await importLine(number, text, ingestor, tally);
    if (refused) {
      rejects.write({ ...refused.reject, sealedLine: await sealer.seal(text, refused.customerId) });
      tally.rejected[refused.reject.reason]++;
    }
    progress.tick(1, `${rejects.written} rejected`);
  }
  const seconds = (Date.now() - started) / 1000;
  progress.finish(
    `${tally.lines} lines: ${tally.appended} appended, ${tally.duplicates} duplicates, ${rejects.written} rejected in ${seconds.toFixed(1)} s`,
  );
  return { ...tally, ...(rejects.written > 0 ? { rejectFile: rejects.path } : {}), seconds };
}

async function importLine(
  line: number,
  text: string,
  ingestor: CloudEventIngestor,
  tally: { appended: number; duplicates: number },
): Promise<Refusal | undefined> {
  const parsed = decodeStructured(text);
  if (parsed.kind === 'unreadable') return { reject: { line, reason: 'unreadable', detail: parsed.detail } };
  if (parsed.kind === 'invalid') return { reject: { line, reason: 'invalid', errors: parsed.errors }, customerId: subjectOf(text) };
  const { event } = parsed;
  const customerId = event.subject;
  const outcome = await withRetries(() => ingestor.ingest(event));
  switch (outcome.kind) {
    case 'appended':
      tally.appended++;
      return undefined;
    case 'duplicate':
      tally.duplicates++;
      return undefined;
    case 'invalid':
      return { reject: { line, reason: 'invalid', id: event.id, errors: outcome.errors }, customerId };
    case 'rejected':
      return {
        reject: { line, reason: 'rejected', id: event.id, customerId: outcome.customerId, rule: outcome.rule, message: outcome.message },
        customerId,
      };
  }
}

/** The subject of a line that is JSON but not a valid CloudEvent: whose key seals it, if any. */
function subjectOf(text: string): string | undefined {
  const subject = (JSON.parse(text) as { subject?: unknown }).subject;
  return typeof subject === 'string' ? subject : undefined;
}

async function withRetries(operation: () => Promise<IngestOutcome>): Promise<IngestOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error: unknown) {
      if (attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}

/** Lines in the file, for the progress bar's total. */
export async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) if (text.trim() !== '') lines++;
  return lines;
}
