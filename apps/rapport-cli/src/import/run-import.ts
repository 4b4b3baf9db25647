import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { decodeStructured } from '@rapport/ingestion';
import type { CloudEventIngestor, IngestOutcome } from '../../../rapport/src/core';
import { ProgressBar } from '../progress-bar';
import type { Reject, RejectFile } from './reject-file';

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
 * the reject file. A store failure is retried a few times, then thrown (the CLI exits non-zero).
 */
export async function runImport(file: string, ingestor: CloudEventIngestor, rejects: RejectFile, totalLines: number): Promise<ImportReport> {
  const started = Date.now();
  const tally = { lines: 0, appended: 0, duplicates: 0, rejected: { invalid: 0, rejected: 0, unreadable: 0 } };
  const progress = new ProgressBar('import', totalLines, 'lines');
  let number = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    number++;
    if (text.trim() === '') continue;
    tally.lines++;
    const reject = await importLine(number, text, ingestor, tally);
    if (reject) {
      rejects.write(reject);
      tally.rejected[reject.reason]++;
    }
    progress.tick(1, `${rejects.written} rejected`);
  }
  const seconds = (Date.now() - started) / 1000;
  progress.finish(`${tally.lines} lines: ${tally.appended} appended, ${tally.duplicates} duplicates, ${rejects.written} rejected in ${seconds.toFixed(1)} s`);
  return { ...tally, ...(rejects.written > 0 ? { rejectFile: rejects.path } : {}), seconds };
}

async function importLine(line: number, text: string, ingestor: CloudEventIngestor, tally: { appended: number; duplicates: number }): Promise<Reject | undefined> {
  const parsed = decodeStructured(text);
  if (parsed.kind === 'unreadable') return { line, reason: 'unreadable', detail: parsed.detail };
  if (parsed.kind === 'invalid') return { line, reason: 'invalid', errors: parsed.errors };
  const { event } = parsed;
  const outcome = await withRetries(() => ingestor.ingest(event));
  switch (outcome.kind) {
    case 'appended':
      tally.appended++;
      return undefined;
    case 'duplicate':
      tally.duplicates++;
      return undefined;
    case 'invalid':
      return { line, reason: 'invalid', id: event.id, errors: outcome.errors };
    case 'rejected':
      return { line, reason: 'rejected', id: event.id, customerId: outcome.customerId, rule: outcome.rule, message: outcome.message };
  }
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
