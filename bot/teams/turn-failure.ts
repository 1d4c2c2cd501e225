import { detectLanguage } from '../../shared/absence/language';
import { formatMessage, isRadslagError } from '../../shared/errors/catalog';
import { isStoreUnavailable } from '../store/connection-errors';

/**
 * What a member is told when their message could not be handled. While the store is
 * down, nothing of the message is stored — a förhinder among them — and the reply must say so plainly:
 * "Något gick fel. Försök igen." left members believing their förhinder was noted. Swedish or English as
 * the member wrote (the same choice as the förhinder replies; the client's locale breaks a tie).
 */
export function turnFailureReply(text: string | undefined, clientLocale: string | undefined, error: unknown): string {
  const fallback = /^en/i.test(clientLocale ?? '') ? 'en' : 'sv';
  const lang = detectLanguage(text ?? '', fallback);
  if (isStoreUnavailable(error)) {
    return lang === 'en'
      ? 'Your message was NOT recorded: Rådslag cannot reach its storage right now. A notice of absence (förhinder) in it has not been registered. Please send it again in a few minutes.'
      : 'Ditt meddelande är INTE registrerat: Rådslag når inte sin lagring just nu. Ett förhinder i meddelandet är alltså inte anmält. Skicka det igen om några minuter.';
  }
  // A refusal the member can act on (e.g. the meeting's minutes are already justerade and locked) says what
  // it is, in the catalog's words; only a fault nobody foresaw gets the generic line.
  if (isRadslagError(error) && error.status < 500) return formatMessage(error.code, lang, error.params);
  return lang === 'en' ? 'Sorry, something went wrong. Please try again.' : 'Något gick fel. Försök igen.';
}

/**
 * Whether the bot endpoint answers the turn with an error status, so that Teams may deliver the activity
 * again: yes when the store is down. Teams documents redelivery when the bot does not answer within 15 s
 * and redelivers on some 5xx answers too (not documented in full, MicrosoftDocs/msteams-docs#8998), so the
 * reply above is what a member can rely on; a redelivery that succeeds is recorded once (the activity id is
 * the idempotency key) and confirmed as usual.
 */
export function failsTheRequest(error: unknown): boolean {
  return isStoreUnavailable(error);
}
