import { createContext, useContext, type ReactNode } from 'react';
import { translate, type Locale, type StringKey } from './strings';

const LocaleContext = createContext<Locale>('sv');

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** t('startItem', {n: 3}) in the user's language. */
export function useT(): (key: StringKey, params?: Record<string, string | number>) => string {
  const locale = useLocale();
  return (key, params) => translate(locale, key, params);
}

/** Teams gives 'sv-se', 'en-us', 'en-gb', …: English for any English locale, Swedish otherwise. */
export function localeFromTag(tag: string | null | undefined): Locale {
  return tag && /^en\b/i.test(tag) ? 'en' : 'sv';
}

export function formatTime(iso: string | null | undefined, locale: Locale, timeZone = 'Europe/Stockholm'): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, locale: Locale, timeZone = 'Europe/Stockholm'): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(new Date(iso));
}
