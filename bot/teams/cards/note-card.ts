import { adaptiveCard, safeTextBlock, type AdaptiveCardJson } from './card-kit';
import { escapeCardText } from './escape-card-text';

/** A card with one line of text: the answer to an action that has nothing else to show. */
export function noteCard(text: string): AdaptiveCardJson {
  return adaptiveCard([safeTextBlock(escapeCardText(text))]);
}
