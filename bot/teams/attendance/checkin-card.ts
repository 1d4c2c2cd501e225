import { adaptiveCard, execute, formatDateTime, refreshFor, safeTextBlock, type AdaptiveCardJson } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';

/**
 * Whose view the card is: `everyone` is the message in the chat (no button: the server refuses most people);
 * the others are a person's own view, fetched by Teams through the card's refresh (Universal Actions).
 */
export type CheckinView = 'everyone' | 'offer' | 'checkedIn' | 'notExpected' | 'closed' | 'cancelled';

export interface CheckinCardModel {
  locale: CardLocale;
  cardId: string;
  meeting: { id: string; bodyName: string; startsAt: string; timeZone: string };
  /** After the press: the card confirms and has no button (the press's answer). */
  checkedIn?: boolean;
  /** Defaults to `offer` (the card as it was before views), or `checkedIn` when `checkedIn` is set. */
  view?: CheckinView;
  /** Teams user ids of the people expected at the meeting: each gets their own view by refresh (at most 60). */
  refreshUserIds?: string[];
}

/** "Jag är på plats": people in the room record their presence; only those the server lets do it see the button. */
export function checkinCard(vm: CheckinCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const m = vm.meeting;
  const view: CheckinView = vm.view ?? (vm.checkedIn ? 'checkedIn' : 'offer');
  const when = formatDateTime(m.startsAt, m.timeZone, l);
  const refresh = refreshFor('checkin', m.id, vm.cardId, vm.refreshUserIds ?? []);
  const opts = refresh ? { refresh } : {};
  const title = safeTextBlock(cardText(l, 'checkinTitle'), { weight: 'Bolder' });
  if (view === 'offer')
    return adaptiveCard([title, safeTextBlock(cardText(l, 'checkinBody', { body: m.bodyName, when }))], {
      ...opts,
      actions: [execute(plainText(l, 'checkin'), 'checkin', { cardId: vm.cardId, meetingId: m.id }, { style: 'positive' })],
    });
  const status =
    view === 'checkedIn'
      ? safeTextBlock(cardText(l, 'checkedIn'), { color: 'Good' })
      : safeTextBlock(cardText(l, view === 'notExpected' ? 'checkinNotExpected' : view === 'closed' ? 'checkinClosed' : view === 'cancelled' ? 'checkinCancelled' : 'checkinForExpected'), { isSubtle: true });
  return adaptiveCard([title, safeTextBlock(cardText(l, 'checkinMeeting', { body: m.bodyName, when })), status], opts);
}
