/** Turns a use case's OutboundMessage (text, a card name and its view model, or a rendered card) into a Bot Framework activity. */
import type { OutboundMessage } from '../../shared/services/outbox';
import { absenceConfirmationCard } from './absence/absence-confirmation-card';
import { absenceNoteCard } from './absence/absence-note-card';
import { bindingChooserCard } from './binding/binding-chooser-card';
import { callInCard } from './callin/callin-card';
import { callInChainCard } from './callin/callin-chain-card';
import type { AdaptiveCardJson } from './cards/card-kit';
import { checkinCard } from './attendance/checkin-card';
import { errorCard } from './cards/error-card';
import { kallelseChannelCard } from './kallelse/kallelse-channel-card';
import { kallelseRsvpCard } from './kallelse/kallelse-rsvp-card';
import { matchConfirmCard } from './binding/match-confirm-card';
import { meetingLinkConfirmCard } from './binding/meeting-link-confirm-card';
import { notUnderstoodCard } from './absence/not-understood-card';
import { secretaryNoticeCard } from './cards/secretary-notice-card';
import { welcomeCard } from './binding/welcome-card';
import { justeringCard } from './justering/justering-card';
import { justeringChannelCard } from './justering/justering-channel-card';
import { whichMeetingCard } from './absence/which-meeting-card';

// The models come from our own services (typed there); the job payload is JSON, hence the casts.
const RENDERERS: Record<string, (model: any) => AdaptiveCardJson> = {
  welcome: welcomeCard,
  bindingChooser: bindingChooserCard,
  meetingLinkConfirm: meetingLinkConfirmCard,
  matchConfirm: matchConfirmCard,
  kallelseChannel: kallelseChannelCard,
  kallelseRsvp: kallelseRsvpCard,
  absenceConfirmation: absenceConfirmationCard,
  absenceNote: absenceNoteCard,
  whichMeeting: whichMeetingCard,
  notUnderstood: notUnderstoodCard,
  callIn: callInCard,
  callInChain: callInChainCard,
  checkin: checkinCard,
  secretaryNotice: secretaryNoticeCard,
  error: errorCard,
  justering: justeringCard,
  justeringChannel: justeringChannelCard,
};

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function renderCard(message: Extract<OutboundMessage, { card: string }>): AdaptiveCardJson {
  const render = RENDERERS[message.card];
  if (!render) throw new Error(`no renderer for card ${message.card}`);
  return render(message.model);
}

export function renderActivity(message: OutboundMessage): Record<string, unknown> {
  if ('text' in message) return { type: 'message', text: message.text, textFormat: 'plain' };
  // A card rendered when the action ran (already validated and under 28 KB) goes out as it is.
  const content = 'adaptiveCard' in message ? message.adaptiveCard : renderCard(message);
  return { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content }] };
}
