import { SEALED_PERSONAL_DATA } from '@rapport/testing';
import { richHistory } from '../contract/history.fixture';
import { project } from '../contract/projection-harness';
import { allProjections } from './catalog';

describe('read models hold no personal data (design.md §4, §7)', () => {
  it.each(allProjections().map((p) => [p.name, p] as const))(
    '%s keeps nothing of the sealed personal data, nor free text',
    async (_name, projection) => {
      const text = JSON.stringify(await project(projection, richHistory()));
      for (const secret of [
        SEALED_PERSONAL_DATA.ciphertext,
        SEALED_PERSONAL_DATA.iv,
        SEALED_PERSONAL_DATA.tag,
        SEALED_PERSONAL_DATA.keyId,
        '"personal"',
      ]) {
        expect(text).not.toContain(secret);
      }
      for (const freeText of [
        'fee refunded',
        'no answer within a week',
        'moved to another bank',
        'returned for a mortgage',
        'cinema-ticket',
      ])
        expect(text).not.toContain(freeText);
    },
  );
});
