/** What a test or benchmark produced, and where it must end (design.md §6). */
export type ExpectedFate = 'appended' | 'duplicate' | 'invalid' | 'rejected' | 'unreadable';

export interface PlannedMessage {
  /** Position in the produced stream; also sent as the `test-seq` header, which a dead letter keeps. */
  readonly seq: number;
  readonly customerId: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly expected: ExpectedFate;
  /** For `appended`: the event's source message id (CloudEvents source + id), as stored in metadata. */
  readonly sourceMessage?: string;
  readonly rule?: string;
  readonly fields?: readonly string[];
}

export const SEQ_HEADER = 'test-seq';

export { SeededRandom } from '@rapport/kernel';
