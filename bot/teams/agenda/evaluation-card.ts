import { adaptiveCard, execute, safeTextBlock, type AdaptiveCardJson } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';

export interface EvaluationCardModel {
  locale: CardLocale;
  cardId: string;
  meetingId: string;
  /** After the person has sent theirs. */
  submitted?: boolean;
}

/** "Driv och hinder": what worked, what hindered, an optional score 1–5. */
export function evaluationCard(vm: EvaluationCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const title = safeTextBlock(cardText(l, 'evalTitle'), { weight: 'Bolder' });
  if (vm.submitted) return adaptiveCard([title, safeTextBlock(cardText(l, 'evalThanks'), { color: 'Good' })]);
  return adaptiveCard(
    [
      title,
      { type: 'Input.Text', id: 'evalWorked', label: plainText(l, 'evalWorked'), isMultiline: true, maxLength: 2000 },
      { type: 'Input.Text', id: 'evalHindered', label: plainText(l, 'evalHindered'), isMultiline: true, maxLength: 2000 },
      {
        type: 'Input.ChoiceSet',
        id: 'evalScore',
        label: plainText(l, 'evalScore'),
        style: 'expanded',
        choices: ['1', '2', '3', '4', '5'].map((v) => ({ title: v, value: v })),
      },
    ],
    { actions: [execute(plainText(l, 'evalSubmit'), 'evaluation.submit', { cardId: vm.cardId, meetingId: vm.meetingId })] },
  );
}
