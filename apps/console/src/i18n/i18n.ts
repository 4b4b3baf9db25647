import { en, type MessageKey } from './messages.en';
import { zhCN } from './messages.zh-CN';

export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
/** Each language named in itself, as a language switch shows it; not translated, so not in the catalogues. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', 'zh-CN': '简体中文' };
export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, 'zh-CN': zhCN };

let locale: Locale = 'en';

export function currentLocale(): Locale {
  return locale;
}

export function setLocale(next: Locale): void {
  locale = next;
  document.documentElement.lang = next;
}

/** The message in the current locale, `{name}` placeholders filled in. */
export function t(key: MessageKey, values: Readonly<Record<string, string | number>> = {}): string {
  return CATALOGUES[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export function formatNumber(value: number | null | undefined, fractionDigits = 2): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits }).format(value);
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${formatNumber(value)}%`;
}

/** Money as the API gives it (a decimal string and a currency), the amount formatted for the locale. */
export function formatMoney(amount: string | null | undefined, currency: string): string {
  return amount === null || amount === undefined ? '—' : `${formatNumber(Number(amount))} ${currency}`;
}

/** Instants are shown in UTC, as the API's periods are UTC days. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';
}

export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** A duration in hours as days and hours, e.g. "3 d 4 h". */
export function formatHours(hours: number): string {
  const whole = Math.round(Math.abs(hours));
  return t('duration.daysHours', { days: formatNumber(Math.floor(whole / 24), 0), hours: formatNumber(whole % 24, 0) });
}
