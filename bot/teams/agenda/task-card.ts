import { adaptiveCard, execute, formatCalendarDate, safeTextBlock, userTextBlock, type AdaptiveCardJson, type CardElement } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';
import { clampText } from '../cards/escape-card-text';

export type TaskCardModel =
  | {
      mode: 'form';
      locale: CardLocale;
      cardId: string;
      meetingId: string;
      itemId?: string | null;
      /** People who may own the task (roster and present). */
      people: Array<{ personId: string; name: string }>;
    }
  | {
      mode: 'created';
      locale: CardLocale;
      task: { text: string; ownerName?: string | null; dueDate?: string | null };
    };

/** A follow-up task (uppdrag): the form to add one, or the task with owner and date. */
export function taskCard(vm: TaskCardModel): AdaptiveCardJson {
  const l = vm.locale;
  if (vm.mode === 'created') {
    const t = vm.task;
    const body: CardElement[] = [
      safeTextBlock(cardText(l, 'taskTitle'), { isSubtle: true, size: 'Small' }),
      userTextBlock(t.text, 1000, { weight: 'Bolder', spacing: 'None' }),
      safeTextBlock(t.ownerName ? cardText(l, 'taskOwner', { name: t.ownerName }) : cardText(l, 'taskNoOwner')),
    ];
    if (t.dueDate) body.push(safeTextBlock(cardText(l, 'taskDue', { date: formatCalendarDate(t.dueDate, l) }), { spacing: 'None' }));
    return adaptiveCard(body);
  }
  const body: CardElement[] = [
    safeTextBlock(cardText(l, 'taskTitle'), { weight: 'Bolder' }),
    { type: 'Input.Text', id: 'taskText', label: plainText(l, 'taskTextLabel'), isMultiline: true, maxLength: 1000 },
    {
      type: 'Input.ChoiceSet',
      id: 'taskOwnerPersonId',
      label: plainText(l, 'taskOwnerLabel'),
      style: 'filtered',
      choices: vm.people.slice(0, 100).map((p) => ({ title: clampText(p.name, 100), value: p.personId })),
    },
    { type: 'Input.Text', id: 'taskOwnerName', label: plainText(l, 'taskOwnerNameLabel'), maxLength: 200 },
    { type: 'Input.Date', id: 'taskDueDate', label: plainText(l, 'taskDueLabel') },
  ];
  return adaptiveCard(body, {
    actions: [
      execute(plainText(l, 'taskCreate'), 'task.create', {
        cardId: vm.cardId,
        meetingId: vm.meetingId,
        ...(vm.itemId ? { itemId: vm.itemId } : {}),
      }),
    ],
  });
}
