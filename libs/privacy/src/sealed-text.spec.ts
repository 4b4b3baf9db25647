import { randomBytes } from 'node:crypto';
import { ERASED_TEXT, isErasedText, openText, sealedTextParts, sealText } from './sealed-text';

const key = { keyId: '6f1c2a3e-0000-4000-8000-000000000001', key: randomBytes(32) };

describe('sealed text', () => {
  it('stands in for the text, names its key, and opens with the customer key only', () => {
    const sealed = sealText('moved to another bank', key, 'c-1');
    expect(sealed).not.toContain('moved');
    const parts = sealedTextParts(sealed);
    expect(parts?.keyId).toBe(key.keyId);
    expect(openText(parts ?? fail('not sealed'), key, 'c-1')).toBe('moved to another bank');
    expect(() => openText(parts ?? fail('not sealed'), key, 'c-2')).toThrow();
    expect(() => openText(parts ?? fail('not sealed'), { ...key, key: randomBytes(32) }, 'c-1')).toThrow();
  });

  it('leaves plain text of events stored before sealing began as it is', () => {
    expect(sealedTextParts('fee refunded')).toBeUndefined();
    expect(sealedTextParts('sealed:v1:only:three')).toBeUndefined();
    expect(sealedTextParts(42)).toBeUndefined();
  });

  it('marks text that arrived after erasure', () => {
    expect(isErasedText(ERASED_TEXT)).toBe(true);
    expect(sealedTextParts(ERASED_TEXT)).toBeUndefined();
    expect(isErasedText('fee refunded')).toBe(false);
  });
});

function fail(message: string): never {
  throw new Error(message);
}
