import { getJson } from '../api';
import { h } from '../dom';
import { formatInstant, formatNumber, t } from '../i18n/i18n';
import { field, select, type PageContext } from '../page';
import { table } from '../table';
import { auditHeading } from './audit-tabs';
import type { StateAsOf } from './views';

const BASES = [
  ['occurred', 'basis.occurred'],
  ['recorded', 'basis.recorded'],
] as const;
type Basis = (typeof BASES)[number][0];

interface StateLine {
  readonly path: string;
  readonly then: string;
  readonly now: string;
}

/** `#/state/<id>/<instant>/<basis>`: the state as of the instant, beside the current state, differences marked. */
export async function stateAsOfPage({ key, params, main }: PageContext): Promise<void> {
  const [customerId, instant, basisParam] = params;
  const basis = (BASES.find(([b]) => b === basisParam)?.[0] ?? 'occurred') as Basis;
  const asOf = instant ?? new Date().toISOString();
  main.replaceChildren(auditHeading('state', 'nav.state', customerId));
  if (!customerId) return;
  main.append(instantForm(customerId, asOf, basis));
  const path = `/v1/customers/${encodeURIComponent(customerId)}/state`;
  const [then, now] = await Promise.all([
    getJson<StateAsOf>(key, path, { asOf, basis }),
    getJson<StateAsOf>(key, path, { asOf: new Date().toISOString(), basis }),
  ]);
  const lines = compared(flatten(then.state), flatten(now.state));
  const columns = [
    { label: 'state.field', cell: (l: StateLine) => h('code', {}, l.path), sortBy: (l: StateLine) => l.path },
    { label: 'state.then', cell: (l: StateLine) => l.then },
    { label: 'state.now', cell: (l: StateLine) => l.now },
  ] as const;
  const differing = lines.filter((line) => line.then !== line.now).length;
  main.append(
    h(
      'p',
      { 'data-events-applied': then.eventsApplied, 'data-as-of': then.asOf },
      t('state.summary', {
        asOf: formatInstant(then.asOf),
        events: formatNumber(then.eventsApplied, 0),
        now: formatNumber(now.eventsApplied, 0),
      }),
    ),
    h('p', { 'data-differences': differing }, differing === 0 ? t('state.same') : t('state.differences', { count: differing })),
    table(columns, lines, {
      name: 'state',
      rowAttributes: (l) => ({ 'data-field': l.path, ...(l.then !== l.now ? { 'data-differs': 'true', class: 'differs' } : {}) }),
    }),
  );
}

/** The instant is typed in UTC, to the second. */
function instantForm(customerId: string, asOf: string, basis: Basis): HTMLFormElement {
  const instant = h('input', { type: 'datetime-local', name: 'asOf', step: 1, value: asOf.slice(0, 19), required: true });
  const basisPicker = select('basis', basis, BASES);
  const onsubmit = (event: Event) => {
    event.preventDefault();
    const iso = new Date(`${instant.value.length === 16 ? `${instant.value}:00` : instant.value}Z`).toISOString();
    location.hash = `#/state/${encodeURIComponent(customerId)}/${iso}/${basisPicker.value}`;
  };
  return h(
    'form',
    { class: 'inline', 'data-as-of-form': true, onsubmit },
    field('state.instant', instant),
    field('state.basis', basisPicker),
    h('button', { type: 'submit' }, t('state.show')),
  );
}

function flatten(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isMoney(value)) {
    for (const [name, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${name}` : name, into);
  } else {
    into.set(prefix, isMoney(value) ? `${value.amount} ${value.currency}` : typeof value === 'string' ? value : JSON.stringify(value));
  }
  return into;
}

function compared(then: Map<string, string>, now: Map<string, string>): StateLine[] {
  const paths = [...new Set([...then.keys(), ...now.keys()])].sort();
  return paths.map((path) => ({ path, then: then.get(path) ?? '—', now: now.get(path) ?? '—' }));
}

function isMoney(value: unknown): value is { amount: string; currency: string } {
  return typeof value === 'object' && value !== null && 'amount' in value && 'currency' in value && Object.keys(value).length === 2;
}
