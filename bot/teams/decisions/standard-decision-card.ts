import { actionSet, adaptiveCard, execute, safeTextBlock, type AdaptiveCardJson, type CardElement } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';
import { clampText } from '../cards/escape-card-text';
import type { StandardDecisionKey } from '../../../shared/domain/decision';

export interface StandardDecisionCardModel {
  locale: CardLocale;
  cardId: string;
  meetingId: string;
  item: { id: string; number: number; title: string };
  /** People present, for "Val av justerare". */
  present: Array<{ personId: string; name: string }>;
  /** Keys offered; all five by default. The item's standard key (e.g. justerare) may narrow it. */
  offered?: StandardDecisionKey[];
}

const ONE_TAP: StandardDecisionKey[] = ['agenda_approved', 'minutes_filed', 'information_noted', 'postponed'];
/** Teams lists at most 100 choices comfortably; a body never has that many present. */
const MAX_CHOICES = 100;

/** Standard decisions in one tap; "Val av justerare" picks among those present. */
export function standardDecisionCard(vm: StandardDecisionCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const offered = vm.offered ?? [...ONE_TAP, 'justerare_elected'];
  const base = { cardId: vm.cardId, meetingId: vm.meetingId, itemId: vm.item.id };
  const body: CardElement[] = [
    safeTextBlock(cardText(l, 'standardTitle', { n: vm.item.number, title: clampText(vm.item.title, 200) }), { weight: 'Bolder' }),
  ];
  const oneTap = ONE_TAP.filter((k) => offered.includes(k)).map((k) =>
    execute(plainText(l, `std_${k}`), 'decision.standard', { ...base, standardKey: k }, { associatedInputs: 'none' }),
  );
  if (oneTap.length > 0) body.push(actionSet(oneTap));
  if (offered.includes('justerare_elected') && vm.present.length > 0) {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'justerarePersonIds',
      label: plainText(l, 'justerareLabel'),
      isMultiSelect: true,
      style: 'expanded',
      choices: vm.present.slice(0, MAX_CHOICES).map((p) => ({ title: clampText(p.name, 100), value: p.personId })),
    });
    body.push(actionSet([execute(plainText(l, 'std_justerare_elected'), 'decision.standard', { ...base, standardKey: 'justerare_elected' })]));
  }
  return adaptiveCard(body);
}
