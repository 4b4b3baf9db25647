import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStoreChoice } from './http-app.harness';

/** Every byte Rapport keeps: the data dir's files, and what the EventStoreDB emulator holds. */
export function storedBytes(dataDir: string, choice: EventStoreChoice): Buffer {
  const files = readdirSync(dataDir).map((file) => readFileSync(join(dataDir, file)));
  const events = choice === 'sqlite' ? [] : choice.esdb.all.flatMap((e) => [Buffer.from(e.data), Buffer.from(e.customMetadata)]);
  return Buffer.concat([...files, ...events]);
}

/**
 * Changes every stored copy of `text` to `replacement` (same length) behind Rapport's back: in the
 * SQLite file (the app must be closed) or in the emulator's stored event bytes. Returns the copies changed.
 */
export function tamperWith(dataDir: string, choice: EventStoreChoice, text: string, replacement: string): number {
  if (choice !== 'sqlite') return choice.esdb.all.reduce((changed, event) => changed + replaceAll(event.data, text, replacement), 0);
  const file = join(dataDir, 'events.sqlite');
  const bytes = readFileSync(file);
  const changed = replaceAll(bytes, text, replacement);
  writeFileSync(file, bytes);
  return changed;
}

function replaceAll(bytes: Uint8Array, text: string, replacement: string): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let changed = 0;
  for (let at = buffer.indexOf(text); at >= 0; at = buffer.indexOf(text, at + 1), changed++) buffer.write(replacement, at, 'utf8');
  return changed;
}
