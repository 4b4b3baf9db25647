import './styles.css';
import { ApiError, getJson } from './api';
import { disposeCharts, resizeCharts } from './charts';
import { clear, h } from './dom';
import { LOCALE_NAMES, LOCALES, setLocale, t, type Locale } from './i18n/i18n';
import { errorBox } from './page';
import { ROUTES, routeOf, type Route } from './routes';
import { session, signIn, signOut, storedKey, storedLocale, storeLocale, type Role, type Session } from './session';

const app = document.getElementById('app') as HTMLElement;

async function start(): Promise<void> {
  setLocale(storedLocale() ?? (navigator.language.startsWith('zh') ? 'zh-CN' : 'en'));
  window.addEventListener('hashchange', () => void render());
  window.addEventListener('resize', resizeCharts);
  const key = storedKey();
  if (key !== undefined) await authenticate(key).catch(() => signOut());
  await render();
}

/** Asks the API who the key belongs to (GET /v1/me); the role decides the pages offered. */
async function authenticate(key: string): Promise<Session> {
  const me = await getJson<{ name: string; role: Role }>(key, '/v1/me');
  const next = { key, name: me.name, role: me.role };
  signIn(next);
  return next;
}

async function render(): Promise<void> {
  disposeCharts();
  const current = session();
  if (current === undefined) return renderSignIn();
  const offered = ROUTES.filter((route) => route.isFor(current.role));
  const route = routeOf(location.hash) ?? offered[0];
  const main = h('main', { 'data-page': route?.name ?? 'none' });
  clear(app, header(current, offered, route), main);
  await show(main, current, route);
  main.dataset.ready = 'true';
}

/** The route's page, or a message saying why there is none: something readable either way. */
async function show(main: HTMLElement, current: Session, route: Route | undefined): Promise<void> {
  if (route === undefined) return clear(main, h('p', { class: 'notice', 'data-no-pages': current.role }, t('signIn.noPages')));
  if (!route.isFor(current.role))
    return clear(main, h('p', { class: 'error', role: 'alert', 'data-forbidden': route.name }, t('error.pageForbidden')));
  const params = location.hash.replace(/^#\/?/, '').split('/').slice(1).map(decodeURIComponent);
  const showError = (error: unknown) => clear(main, errorBox(error));
  try {
    await route.page({ key: current.key, params, main, showError });
  } catch (error: unknown) {
    if (!(error instanceof ApiError)) console.warn(error);
    showError(error);
  }
}

function header(current: Session, offered: readonly Route[], active: Route | undefined): HTMLElement {
  const nav = h(
    'nav',
    {},
    ...offered.map((route) =>
      h('a', { href: `#/${route.name}`, class: route === active ? 'active' : undefined, 'data-nav': route.name }, t(route.label)),
    ),
  );
  const onLogout = () => {
    signOut();
    location.hash = '';
    void render();
  };
  return h(
    'header',
    { class: 'top' },
    h('span', { class: 'brand' }, t('app.title')),
    nav,
    h(
      'span',
      { class: 'who', 'data-role': current.role },
      t('app.signedInAs', { name: current.name, role: t(`role.${current.role}` as const) }),
    ),
    localeSwitch(),
    h('button', { type: 'button', 'data-sign-out': true, onclick: onLogout }, t('app.signOut')),
  );
}

function localeSwitch(): HTMLElement {
  const onchange = (event: Event) => {
    const locale = (event.target as HTMLSelectElement).value as Locale;
    setLocale(locale);
    storeLocale(locale);
    void render();
  };
  const options = LOCALES.map((locale) =>
    h('option', { value: locale, selected: document.documentElement.lang === locale }, LOCALE_NAMES[locale]),
  );
  return h('select', { class: 'locale', 'data-locale-switch': true, 'aria-label': t('app.language'), onchange }, ...options);
}

function renderSignIn(): void {
  const input = h('input', { type: 'password', name: 'apiKey', autocomplete: 'off', required: true });
  const message = h('p', { class: 'error', role: 'alert', hidden: true });
  const onsubmit = async (event: Event) => {
    event.preventDefault();
    try {
      await authenticate(input.value.trim());
      await render();
    } catch (error: unknown) {
      message.hidden = false;
      message.textContent = error instanceof ApiError && error.status === 401 ? t('signIn.refused') : errorBox(error).textContent;
    }
  };
  const form = h(
    'form',
    { class: 'sign-in', 'data-sign-in': true, onsubmit },
    h('h1', {}, t('app.title')),
    h('label', { class: 'field' }, h('span', {}, t('signIn.key')), input),
    h('button', { type: 'submit' }, t('signIn.submit')),
    message,
    h('p', { class: 'hint' }, t('signIn.hint')),
  );
  clear(app, h('div', { class: 'top' }, localeSwitch()), form);
}

void start();
