import { getJson } from '../api';
import { h } from '../dom';
import { t } from '../i18n/i18n';
import type { PageContext } from '../page';
import { auditHeading } from './audit-tabs';
import type { ChainVerdict } from './views';

/** `#/verify/<id>`: the hash chain's verdict, "intact" or "altered at revision N". */
export async function verifyPage({ key, params, main }: PageContext): Promise<void> {
  const customerId = params[0];
  main.replaceChildren(auditHeading('verify', 'nav.verify', customerId));
  if (!customerId) return;
  const verdict = await getJson<ChainVerdict>(key, `/v1/customers/${encodeURIComponent(customerId)}/history/verify`);
  const text =
    verdict.valid || verdict.brokenAt === undefined
      ? t('verify.intact', { count: verdict.events })
      : t('verify.altered', { revision: verdict.brokenAt.revision });
  main.append(
    h(
      'p',
      {
        class: verdict.valid ? 'verdict valid' : 'verdict invalid',
        'data-verify': verdict.valid ? 'valid' : 'invalid',
        'data-broken-at': verdict.brokenAt?.revision,
        role: 'status',
      },
      text,
    ),
  );
}
