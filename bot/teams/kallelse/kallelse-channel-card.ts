import {
  adaptiveCard,
  DEFAULT_CAPS,
  factSet,
  fitToSize,
  formatDateTime,
  formatTimeRange,
  markdownLink,
  moreBlock,
  safeTextBlock,
  truncateList,
  userTextBlock,
  type AdaptiveCardJson,
  type CardElement,
} from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';
import { agendaLine, type AgendaLineModel } from '../agenda/agenda-lines';

export interface KallelseChannelCardModel {
  locale: CardLocale;
  bodyName: string;
  meeting: {
    title?: string | null;
    startsAt: string;
    endsAt: string;
    timeZone: string;
    place?: string | null;
    joinUrl?: string | null;
    status: 'planned' | 'moved' | 'cancelled' | 'held';
    movedFromStartsAt?: string | null;
  };
  agenda: AgendaLineModel[];
  /** Body.absenceContact; when absent, people are told to write to the bot. */
  absenceContact?: string | null;
}

/** The kallelse posted in the body's channel: time, place, Teams link, agenda, where to report absence. */
export function kallelseChannelCard(vm: KallelseChannelCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const m = vm.meeting;
  const build = (cap: number): AdaptiveCardJson => {
    const body: CardElement[] = [safeTextBlock(cardText(l, 'kallelseTitle', { body: vm.bodyName }), { size: 'Medium', weight: 'Bolder' })];
    if (m.title) body.push(userTextBlock(m.title, 200, { spacing: 'None' }));
    if (m.status === 'cancelled') body.push(safeTextBlock(cardText(l, 'meetingCancelled'), { color: 'Attention', weight: 'Bolder' }));
    if (m.status === 'moved' && m.movedFromStartsAt)
      body.push(safeTextBlock(cardText(l, 'meetingMoved', { from: formatDateTime(m.movedFromStartsAt, m.timeZone, l) }), { color: 'Warning' }));
    const facts: Array<[string, string]> = [[plainText(l, 'when'), formatTimeRange(m.startsAt, m.endsAt, m.timeZone, l)]];
    if (m.place) facts.push([plainText(l, 'where'), m.place]);
    body.push(factSet(facts));
    if (m.joinUrl) body.push(safeTextBlock(markdownLink(plainText(l, 'teamsLink'), m.joinUrl)));
    if (vm.agenda.length > 0) {
      body.push(safeTextBlock(cardText(l, 'agenda'), { weight: 'Bolder', separator: true }));
      const { shown, more } = truncateList(vm.agenda, cap);
      for (const item of shown) body.push(...agendaLine(l, item));
      body.push(...moreBlock(l, more));
    }
    body.push(
      safeTextBlock(vm.absenceContact ? cardText(l, 'absenceTo', { contact: vm.absenceContact }) : cardText(l, 'absenceToBot'), {
        separator: true,
      }),
    );
    return adaptiveCard(body, { fullWidth: true });
  };
  return fitToSize(build, DEFAULT_CAPS);
}
