import {
  adaptiveCard,
  DEFAULT_CAPS,
  fitToSize,
  formatDateTime,
  moreBlock,
  safeTextBlock,
  truncateList,
  type AdaptiveCardJson,
  type CardElement,
} from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';
import { clampText, escapeCardText } from '../cards/escape-card-text';

/** A step's state as the card says it; `put_in`: serving because the secretary put them in, not by their own yes. */
export type CallInStepState = 'asked' | 'accepted' | 'put_in' | 'declined' | 'timed_out' | 'absent' | 'waiting' | 'withdrawn';

export interface CallInChainCardModel {
  locale: CardLocale;
  absentName: string;
  meeting: { bodyName: string; startsAt: string; timeZone: string };
  steps: Array<{ name: string; organisation?: string | null; state: CallInStepState }>;
  /** Nobody left to ask: the secretary must act. */
  exhausted: boolean;
}

/** The secretary's view of one call-in chain: who was asked, in order, and what they said. */
export function callInChainCard(vm: CallInChainCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const build = (cap: number): AdaptiveCardJson => {
    const body: CardElement[] = [
      safeTextBlock(
        cardText(l, 'callInChainTitle', { name: vm.absentName, body: vm.meeting.bodyName, when: formatDateTime(vm.meeting.startsAt, vm.meeting.timeZone, l) }),
        { weight: 'Bolder' },
      ),
    ];
    const { shown, more } = truncateList(vm.steps, cap);
    shown.forEach((s, i) => {
      const who = escapeCardText(clampText(s.organisation ? `${s.name}, ${s.organisation}` : s.name, 150));
      body.push(safeTextBlock(`${i + 1}\\. ${who}: ${escapeCardText(plainText(l, `callInState_${s.state}`))}`, { spacing: 'Small' }));
    });
    body.push(...moreBlock(l, more));
    if (vm.exhausted) body.push(safeTextBlock(cardText(l, 'callInNobody'), { color: 'Attention', weight: 'Bolder' }));
    return adaptiveCard(body);
  };
  return fitToSize(build, DEFAULT_CAPS);
}
