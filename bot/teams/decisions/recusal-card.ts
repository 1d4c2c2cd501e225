import { adaptiveCard, execute, joinNames, safeTextBlock, type AdaptiveCardJson, type CardElement } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';
import { clampText } from '../cards/escape-card-text';

export interface RecusalCardModel {
  locale: CardLocale;
  cardId: string;
  meetingId: string;
  item: { id: string; number: number; title: string };
  /** Who may be recorded (those present). */
  people: Array<{ personId: string; name: string }>;
  /** Already recused in this item. */
  recusedNames: string[];
}

/** The jäv prompt: record that a person takes no part in this item. */
export function recusalCard(vm: RecusalCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const body: CardElement[] = [
    safeTextBlock(cardText(l, 'recusalTitle', { n: vm.item.number, title: clampText(vm.item.title, 200) }), { weight: 'Bolder' }),
    safeTextBlock(cardText(l, 'recusalHelp'), { isSubtle: true }),
  ];
  if (vm.recusedNames.length > 0)
    body.push(safeTextBlock(plainText(l, 'recusalExisting', { names: joinNames(l, vm.recusedNames, 10) })));
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: 'recusalPersonId',
      label: plainText(l, 'recusalPersonLabel'),
      style: 'filtered',
      choices: vm.people.slice(0, 100).map((p) => ({ title: clampText(p.name, 100), value: p.personId })),
    },
    { type: 'Input.Text', id: 'recusalNote', label: plainText(l, 'recusalNoteLabel'), maxLength: 500 },
  );
  return adaptiveCard(body, {
    actions: [execute(plainText(l, 'recusalAdd'), 'recusal.add', { cardId: vm.cardId, meetingId: vm.meetingId, itemId: vm.item.id })],
  });
}
