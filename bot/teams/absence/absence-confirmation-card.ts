import { adaptiveCard, execute, formatCalendarDate, formatDateTime, safeTextBlock, type AdaptiveCardJson, type CardElement } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';

export interface AbsenceConfirmationCardModel {
  locale: CardLocale;
  cardId: string;
  personName: string;
  meeting: { bodyName: string; startsAt: string; timeZone: string };
  attendance: { id: string; version: number };
  /** "deltar i punkt 1–5, ansluter kl. 10.30" as understood: the card then confirms partial attendance. */
  partialDetail?: string | null;
  namedSubstituteName?: string | null;
  /** After "Ångra" or "jag kan ändå komma": the card shows the withdrawal and no button. */
  withdrawn?: boolean;
  /** Dates the member also named on which they have no meeting (YYYY-MM-DD): said, not dropped. */
  unmatchedDates?: string[];
  /** The message was read after the meeting was held: noted, but nobody was called in. */
  alreadyHeld?: boolean;
}

/** Confirms a förhinder or a partial attendance understood from chat, with "Ångra". */
export function absenceConfirmationCard(vm: AbsenceConfirmationCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const params = { name: vm.personName, body: vm.meeting.bodyName, when: formatDateTime(vm.meeting.startsAt, vm.meeting.timeZone, l) };
  if (vm.withdrawn) return adaptiveCard([safeTextBlock(cardText(l, 'absenceWithdrawn', params), { color: 'Good' })]);
  const body: CardElement[] = [safeTextBlock(cardText(l, vm.partialDetail ? 'absencePartialRecorded' : 'absenceRecorded', params), { weight: 'Bolder' })];
  if (vm.partialDetail) body.push(safeTextBlock(cardText(l, 'absencePartial', { detail: vm.partialDetail })));
  if (vm.namedSubstituteName) body.push(safeTextBlock(cardText(l, 'absenceSubstitute', { name: vm.namedSubstituteName })));
  if (vm.alreadyHeld) body.push(safeTextBlock(cardText(l, 'absenceAlreadyHeld'), { isSubtle: true }));
  if (vm.unmatchedDates?.length)
    body.push(safeTextBlock(cardText(l, 'absenceNoMeetingOn', { dates: vm.unmatchedDates.map((d) => formatCalendarDate(d, l)).join(l === 'en' ? ' or ' : ' eller ') }), { isSubtle: true }));
  return adaptiveCard(body, {
    actions: [execute(plainText(l, 'undo'), 'absence.undo', { cardId: vm.cardId, attendanceId: vm.attendance.id, version: vm.attendance.version })],
  });
}
