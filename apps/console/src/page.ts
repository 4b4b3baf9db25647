import { ApiError } from './api';
import { h } from './dom';
import { t } from './i18n/i18n';
import type { MessageKey } from './i18n/messages.en';

/** What a page gets: the session's key, the route's parameters, and where to draw. */
export interface PageContext {
  readonly key: string;
  readonly params: readonly string[];
  readonly main: HTMLElement;
  /** A readable message in place of the page's content, never a blank page. */
  showError(error: unknown): void;
}

export type Page = (context: PageContext) => Promise<void>;

export function heading(title: MessageKey, ...rest: (Node | string)[]): HTMLElement {
  return h('header', { class: 'page-header' }, h('h1', {}, t(title)), ...rest);
}

export function errorBox(error: unknown): HTMLElement {
  const message = error instanceof ApiError ? error.message : t('error.unexpected');
  return h('p', { class: 'error', role: 'alert', 'data-error': error instanceof ApiError ? String(error.status) : 'client' }, message);
}

/** A labelled form control. */
export function field(label: MessageKey, control: HTMLElement): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', {}, t(label)), control);
}

export function select<V extends string>(name: string, value: V, options: readonly (readonly [V, MessageKey])[]): HTMLSelectElement {
  return h('select', { name }, ...options.map(([option, label]) => h('option', { value: option, selected: option === value }, t(label))));
}

export function link(href: string, text: string): HTMLAnchorElement {
  return h('a', { href }, text);
}

/** ISO day (UTC) `days` after `day`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
