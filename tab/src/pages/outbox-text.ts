import { translate, type Locale } from '../i18n/strings';

/**
 * What went wrong with a publication, as a secretary understands it: the stored error is Microsoft Graph's
 * own (English, codes such as "resourceDisabled"), shown as such only in the English UI, after the plain words.
 */
export function outboxError(locale: Locale, error: string | null): string {
  if (!error) return '';
  const t = (key: 'outboxError_channel' | 'outboxError_permission' | 'outboxError_other') => translate(locale, key);
  const plain = /Teams-kanal|Teams channel/i.test(error) ? t('outboxError_channel') : /\b40[13]\b|resourceDisabled|forbidden|unauthori[sz]ed|access ?denied/i.test(error) ? t('outboxError_permission') : t('outboxError_other');
  return locale === 'en' ? `${plain} (${error})` : plain;
}
