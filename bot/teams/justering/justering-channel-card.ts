/**
 * The justering request posted in the council's channel when Teams will not open a 1:1 chat with a justerare
 * (the app is not installed for them). It names them with an @mention so Teams notifies them, and links to the
 * minutes in the tab, where they sign. It carries no buttons: everyone in the channel sees it, and only the
 * justerare may sign, so nobody is offered an action the server would refuse.
 */
import { adaptiveCard, formatDateTime, markdownLink, safeTextBlock, type AdaptiveCardJson } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';
import { clampText, escapeCardText } from '../cards/escape-card-text';

export interface JusteringChannelCardModel {
  locale: CardLocale;
  meeting: { id: string; bodyName: string; startsAt: string; timeZone: string };
  minutes: { version: number; url: string };
  /** The justerare: their Entra object id (Teams accepts it in a mention) and name. */
  justerare: { aadObjectId: string; name: string };
}

export function justeringChannelCard(vm: JusteringChannelCardModel): AdaptiveCardJson {
  const l = vm.locale;
  // The mention's text must appear verbatim in the TextBlock; the name inside is escaped like any user text.
  const mention = `<at>${escapeCardText(clampText(vm.justerare.name, 100))}</at>`;
  const card = adaptiveCard([
    safeTextBlock(cardText(l, 'justeringTitle', { body: vm.meeting.bodyName, when: formatDateTime(vm.meeting.startsAt, vm.meeting.timeZone, l) }), { weight: 'Bolder' }),
    safeTextBlock(plainText(l, 'justeringChannelAsk', { mention })),
    safeTextBlock(markdownLink(plainText(l, 'justeringChannelOpen'), vm.minutes.url)),
  ]);
  return { ...card, msteams: { entities: [{ type: 'mention', text: mention, mentioned: { id: vm.justerare.aadObjectId, name: vm.justerare.name } }] } };
}
