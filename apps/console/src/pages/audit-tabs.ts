import { h } from '../dom';
import { t } from '../i18n/i18n';
import { heading } from '../page';
import type { MessageKey } from '../i18n/messages.en';
import { customerForm } from './customer.page';

const TABS: readonly (readonly [string, MessageKey])[] = [
  ['timeline', 'nav.timeline'],
  ['state', 'nav.state'],
  ['verify', 'nav.verify'],
  ['access-log', 'nav.accessLog'],
];

/** The heading of an auditor page: the customer picker and links to the other audit views of the same customer. */
export function auditHeading(page: string, title: MessageKey, customerId: string | undefined, ...rest: (Node | string)[]): HTMLElement {
  const tabs = customerId
    ? h(
        'nav',
        { class: 'tabs' },
        ...TABS.filter(([name]) => name !== page).map(([name, label]) =>
          h('a', { href: `#/${name}/${encodeURIComponent(customerId)}` }, t(label)),
        ),
      )
    : null;
  return h('div', {}, heading(title, customerForm(page, customerId), ...rest), tabs ?? '');
}
