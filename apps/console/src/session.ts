import type { Locale } from './i18n/i18n';

/** The API key lives in session storage only: it goes when the tab closes, and never into a cookie. */
const KEY = 'rapport.apiKey';
const LOCALE = 'rapport.locale';

export type Role = 'channel' | 'analyst' | 'auditor' | 'admin';

export interface Session {
  readonly key: string;
  readonly name: string;
  readonly role: Role;
}

let current: Session | undefined;

export function session(): Session | undefined {
  return current;
}

export function storedKey(): string | undefined {
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function signIn(next: Session): void {
  current = next;
  sessionStorage.setItem(KEY, next.key);
}

export function signOut(): void {
  current = undefined;
  sessionStorage.removeItem(KEY);
}

export function storedLocale(): Locale | undefined {
  const value = sessionStorage.getItem(LOCALE);
  return value === 'en' || value === 'zh-CN' ? value : undefined;
}

export function storeLocale(locale: Locale): void {
  sessionStorage.setItem(LOCALE, locale);
}

export const mayAnalyse = (role: Role): boolean => role === 'analyst' || role === 'admin';
export const mayAudit = (role: Role): boolean => role === 'auditor' || role === 'admin';
