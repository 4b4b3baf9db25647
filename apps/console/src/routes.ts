import type { MessageKey } from './i18n/messages.en';
import type { Page } from './page';
import { accessLogPage } from './pages/access-log.page';
import { complaintsPage } from './pages/complaints.page';
import { customerPage } from './pages/customer.page';
import { loyaltyPage } from './pages/loyalty.page';
import { overviewPage } from './pages/overview.page';
import { satisfactionPage } from './pages/satisfaction.page';
import { segmentsPage } from './pages/segments.page';
import { stateAsOfPage } from './pages/state-as-of.page';
import { timelinePage } from './pages/timeline.page';
import { verifyPage } from './pages/verify.page';
import { mayAnalyse, mayAudit, type Role } from './session';

export interface Route {
  readonly name: string;
  readonly label: MessageKey;
  readonly isFor: (role: Role) => boolean;
  readonly page: Page;
}

/** The README access table: read models for analysts, audit for auditors, both for admin. */
export const ROUTES: readonly Route[] = [
  { name: 'overview', label: 'nav.overview', isFor: mayAnalyse, page: overviewPage },
  { name: 'satisfaction', label: 'nav.satisfaction', isFor: mayAnalyse, page: satisfactionPage },
  { name: 'segments', label: 'nav.segments', isFor: mayAnalyse, page: segmentsPage },
  { name: 'loyalty', label: 'nav.loyalty', isFor: mayAnalyse, page: loyaltyPage },
  { name: 'complaints', label: 'nav.complaints', isFor: mayAnalyse, page: complaintsPage },
  { name: 'customer', label: 'nav.customer', isFor: mayAnalyse, page: customerPage },
  { name: 'timeline', label: 'nav.timeline', isFor: mayAudit, page: timelinePage },
  { name: 'state', label: 'nav.state', isFor: mayAudit, page: stateAsOfPage },
  { name: 'verify', label: 'nav.verify', isFor: mayAudit, page: verifyPage },
  { name: 'access-log', label: 'nav.accessLog', isFor: mayAudit, page: accessLogPage },
];

/** `#/segments/<key>` is the segments page with a parameter. */
export function routeOf(hash: string): Route | undefined {
  const name = hash.replace(/^#\/?/, '').split('/')[0];
  return ROUTES.find((route) => route.name === name);
}
