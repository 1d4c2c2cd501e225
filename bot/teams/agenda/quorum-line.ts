import { safeTextBlock, type CardElement } from '../cards/card-kit';
import { cardText, type CardLocale } from '../cards/card-strings';

export interface QuorumModel {
  /** Ledamöter present, counting serving ersättare. */
  present: number;
  /** Seats (ledamöter) in the body. */
  total: number;
}

/** More than half of the ledamöter present (serving ersättare counted) makes the body quorate. */
export function isQuorate(q: QuorumModel): boolean {
  return q.total > 0 && q.present * 2 > q.total;
}

/** "Beslutsfört: 9 av 15 ledamöter närvarande", for item and decision cards. */
export function quorumLine(locale: CardLocale, q: QuorumModel): CardElement {
  const ok = isQuorate(q);
  return safeTextBlock(cardText(locale, ok ? 'quorumYes' : 'quorumNo', { present: q.present, total: q.total }), {
    isSubtle: ok,
    color: ok ? undefined : 'Attention',
    size: 'Small',
  });
}
