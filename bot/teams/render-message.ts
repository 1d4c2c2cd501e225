/** Turns a service's OutboundMessage (a card name and its view model) into a Bot Framework activity. */
import type { OutboundMessage } from '../../shared/services/outbox';
import { absenceConfirmationCard } from './cards/absence-confirmation-card';
import { absenceNoteCard } from './cards/absence-note-card';
import { bindingChooserCard } from './cards/binding-chooser-card';
import { callInCard } from './cards/callin-card';
import { callInChainCard } from './cards/callin-chain-card';
import type { AdaptiveCardJson } from './cards/card-kit';
import { checkinCard } from './cards/checkin-card';
import { errorCard } from './cards/error-card';
import { kallelseChannelCard } from './cards/kallelse-channel-card';
import { kallelseRsvpCard } from './cards/kallelse-rsvp-card';
import { matchConfirmCard } from './cards/match-confirm-card';
import { meetingLinkConfirmCard } from './cards/meeting-link-confirm-card';
import { notUnderstoodCard } from './cards/not-understood-card';
import { secretaryNoticeCard } from './cards/secretary-notice-card';
import { welcomeCard } from './cards/welcome-card';
import { justeringCard } from './cards/justering-card';
import { whichMeetingCard } from './cards/which-meeting-card';

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
};

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function renderCard(message: Extract<OutboundMessage, { card: string }>): AdaptiveCardJson {
  const render = RENDERERS[message.card];
  if (!render) throw new Error(`no renderer for card ${message.card}`);
  return render(message.model);
}

export function renderActivity(message: OutboundMessage): Record<string, unknown> {
  if ('text' in message) return { type: 'message', text: message.text, textFormat: 'plain' };
  return { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: renderCard(message) }] };
}
