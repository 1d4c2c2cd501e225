import { adaptiveCard, execute, formatDateTime, safeTextBlock, type AdaptiveCardJson, type CardElement } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';

export interface AbsenceConfirmationCardModel {
  locale: CardLocale;
  cardId: string;
  personName: string;
  meeting: { bodyName: string; startsAt: string; timeZone: string };
  attendance: { id: string; version: number };
  /** "punkt 1–5", "ansluter kl 10.30" as understood, for partial attendance. */
  partialDetail?: string | null;
  namedSubstituteName?: string | null;
  /** After "Ångra" or "jag kan ändå komma": the card shows the withdrawal and no button. */
  withdrawn?: boolean;
}

/** Confirms a förhinder understood from chat, with "Ångra". */
export function absenceConfirmationCard(vm: AbsenceConfirmationCardModel): AdaptiveCardJson {
  const l = vm.locale;
  if (vm.withdrawn) return adaptiveCard([safeTextBlock(cardText(l, 'absenceWithdrawn'), { color: 'Good' })]);
  const body: CardElement[] = [
    safeTextBlock(
      cardText(l, 'absenceRecorded', {
        name: vm.personName,
        body: vm.meeting.bodyName,
        when: formatDateTime(vm.meeting.startsAt, vm.meeting.timeZone, l),
      }),
      { weight: 'Bolder' },
    ),
  ];
  if (vm.partialDetail) body.push(safeTextBlock(cardText(l, 'absencePartial', { detail: vm.partialDetail })));
  if (vm.namedSubstituteName) body.push(safeTextBlock(cardText(l, 'absenceSubstitute', { name: vm.namedSubstituteName })));
  return adaptiveCard(body, {
    actions: [execute(plainText(l, 'undo'), 'absence.undo', { cardId: vm.cardId, attendanceId: vm.attendance.id, version: vm.attendance.version })],
  });
}
