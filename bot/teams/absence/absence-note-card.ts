import type { Phrase } from '../../../shared/absence';
import { adaptiveCard, safeTextBlock, type AdaptiveCardJson } from '../cards/card-kit';
import type { CardLocale } from '../cards/card-strings';
import { phraseMarkdown } from '../cards/phrase-text';

export interface AbsenceNoteCardModel {
  locale: CardLocale;
  /** The bot's sentence ("Okej, inget är noterat."), with user words as parameters. */
  phrase: Phrase;
}

/** One sentence about a förhinder where nothing was recorded (a denial, a forward, "Nej, det stämmer inte"). */
export function absenceNoteCard(vm: AbsenceNoteCardModel): AdaptiveCardJson {
  return adaptiveCard([safeTextBlock(phraseMarkdown(vm.phrase))]);
}
