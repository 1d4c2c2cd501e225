import { adaptiveCard, execute, safeTextBlock, type AdaptiveCardJson } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';

export type MatchConfirmCardModel =
  | {
      /** Asked of the Teams user: is this roster entry you? */
      kind: 'self';
      locale: CardLocale;
      cardId: string;
      matchId: string;
      person: { id: string; name: string; organisation: string; role: string; bodyName: string };
    }
  | {
      /** Asked of the secretary: is Teams user A the same as roster person B? */
      kind: 'same';
      locale: CardLocale;
      cardId: string;
      matchId: string;
      teamsName: string;
      person: { id: string; name: string };
    };

/** Confirms a roster match once, never silently. */
export function matchConfirmCard(vm: MatchConfirmCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const data = { cardId: vm.cardId, matchId: vm.matchId, personId: vm.person.id };
  const body =
    vm.kind === 'self'
      ? [
          safeTextBlock(cardText(l, 'matchSelfTitle'), { weight: 'Bolder' }),
          safeTextBlock(
            cardText(l, 'matchSelfBody', { name: vm.person.name, org: vm.person.organisation, role: vm.person.role, body: vm.person.bodyName }),
          ),
        ]
      : [
          safeTextBlock(cardText(l, 'matchSameTitle'), { weight: 'Bolder' }),
          safeTextBlock(cardText(l, 'matchSameBody', { a: vm.teamsName, b: vm.person.name })),
        ];
  return adaptiveCard(body, {
    actions: [
      execute(plainText(l, 'yes'), 'person.match_confirm', { ...data, answer: 'ja' }, { style: 'positive' }),
      execute(plainText(l, 'no'), 'person.match_confirm', { ...data, answer: 'nej' }),
    ],
  });
}
