import type { Phrase } from '../../../shared/absence';
import { escapeCardText } from './escape-card-text';

/**
 * A Phrase from the services as card Markdown: the bot's own words as written, only the user's words (names of
 * people and bodies) escaped. Escaping the whole sentence would show "Hej\!" in some Teams clients.
 */
export function phraseMarkdown(p: Phrase): string {
  return p.template.replace(/\{(\d+)\}/g, (_w, n: string) => escapeCardText(p.params[Number(n)] ?? ''));
}

export function isPhrase(v: unknown): v is Phrase {
  return typeof v === 'object' && v !== null && typeof (v as Phrase).template === 'string' && Array.isArray((v as Phrase).params);
}
