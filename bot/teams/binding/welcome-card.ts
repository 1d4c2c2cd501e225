import { adaptiveCard, safeTextBlock, type AdaptiveCardJson } from '../cards/card-kit';
import { cardText, type CardLocale } from '../cards/card-strings';

export interface WelcomeCardModel {
  locale: CardLocale;
  /** Where the app was added: a team channel, a personal chat or a Teams meeting. */
  scope: 'team' | 'personal' | 'meeting';
  /** Team or body name, when known. */
  name?: string | null;
}

/** The greeting when the app is installed (no actions: binding is its own card). */
export function welcomeCard(vm: WelcomeCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const body =
    vm.scope === 'team'
      ? cardText(l, 'welcomeTeam', { body: vm.name ?? cardText(l, 'aGroup') })
      : vm.scope === 'personal'
        ? cardText(l, 'welcomePersonal')
        : cardText(l, 'welcomeMeeting');
  return adaptiveCard([safeTextBlock(cardText(l, 'welcomeTitle'), { size: 'Medium', weight: 'Bolder' }), safeTextBlock(body)]);
}
