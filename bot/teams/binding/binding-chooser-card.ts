import { actionSet, adaptiveCard, execute, safeTextBlock, type AdaptiveCardJson, type CardElement } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';
import { clampText } from '../cards/escape-card-text';

export interface BindingChooserCardModel {
  locale: CardLocale;
  cardId: string;
  teamId: string;
  channelId?: string | null;
  teamName: string;
  /** Bodies the secretary may bind (those without a binding first). */
  bodies: Array<{ id: string; name: string }>;
  /** A body whose name matches the team, offered as one tap. */
  suggestedBodyId?: string | null;
}

/** "Which body does this channel belong to?": pick the suggestion, pick another, or create one. */
export function bindingChooserCard(vm: BindingChooserCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const channel = vm.channelId ? { channelId: vm.channelId } : {};
  const suggested = vm.bodies.find((b) => b.id === vm.suggestedBodyId);
  const body: CardElement[] = [
    safeTextBlock(cardText(l, 'bindingTitle'), { size: 'Medium', weight: 'Bolder' }),
    safeTextBlock(cardText(l, 'bindingContext', { team: clampText(vm.teamName, 120) }), { isSubtle: true }),
  ];
  if (suggested) {
    body.push(
      safeTextBlock(cardText(l, 'bindingSuggested', { body: clampText(suggested.name, 150) })),
      actionSet([
        execute(plainText(l, 'bindingConfirmSuggested'), 'binding.confirm', { cardId: vm.cardId, teamId: vm.teamId, ...channel, bodyId: suggested.id }, { style: 'positive', associatedInputs: 'none' }),
      ]),
    );
  }
  if (vm.bodies.length > 0) {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'bindingBodyId',
      label: plainText(l, 'bindingChooseLabel'),
      style: 'compact',
      choices: vm.bodies.slice(0, 100).map((b) => ({ title: clampText(b.name, 150), value: b.id })),
    });
  }
  body.push({ type: 'Input.Text', id: 'bindingNewBodyName', label: plainText(l, 'bindingNewLabel'), maxLength: 200 });
  return adaptiveCard(body, {
    actions: [execute(plainText(l, 'bindingSave'), 'binding.choose_body', { cardId: vm.cardId, teamId: vm.teamId, ...channel })],
  });
}
