import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import type { FieldError } from '@rapport/ingestion';
import type { SealedOriginal } from '../../../rapport/src/core';

/** One refused line, named by its number, with the reason a dead letter would carry (style.md §8). */
export type Reject =
  | { readonly line: number; readonly reason: 'unreadable'; readonly detail: string }
  | { readonly line: number; readonly reason: 'invalid'; readonly id?: string; readonly errors: readonly FieldError[] }
  | {
      readonly line: number;
      readonly reason: 'rejected';
      readonly id: string;
      readonly customerId: string;
      readonly rule: string;
      readonly message: string;
    };

/** A refused line before its text is sealed, with the customer whose key will seal it. */
export interface Refusal {
  readonly reject: Reject;
  readonly customerId?: string;
}

/** NDJSON of rejected lines, each with the line's text sealed (never in plaintext); removed again when nothing was rejected, so a stale one never misleads. */
export class RejectFile {
  private readonly fd: number;
  private count = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(reject: Reject & { readonly sealedLine: SealedOriginal }): void {
    writeSync(this.fd, `${JSON.stringify(reject)}\n`);
    this.count++;
  }

  get written(): number {
    return this.count;
  }

  close(): void {
    closeSync(this.fd);
    if (this.count === 0) rmSync(this.path, { force: true });
  }
}
