import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SIGNAL_KINDS, SIGNALS_TOPIC } from './customer-signals';

const ROOT = join(__dirname, '..', '..', '..', '..');

interface Document {
  readonly channels: {
    readonly customerSignals: { readonly address: string; readonly messages: Record<string, { readonly $ref: string }> };
  };
  readonly components: { readonly messages: Record<string, { readonly name: string }> };
}

describe('the signals channel in docs/asyncapi.yaml', () => {
  const document = parse(readFileSync(join(ROOT, 'docs', 'asyncapi.yaml'), 'utf8')) as Document;

  it('is the topic the publisher writes to, with a message for every signal kind and none other', () => {
    const channel = document.channels.customerSignals;
    expect(channel.address).toBe(SIGNALS_TOPIC);
    const names = Object.values(channel.messages).map(({ $ref }) => document.components.messages[$ref.split('/').at(-1) ?? '']?.name);
    expect(names.sort()).toEqual(SIGNAL_KINDS.map((kind) => `rapport.customer.${kind}.v1`).sort());
  });
});
