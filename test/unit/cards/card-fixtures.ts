/**
 * View models for every card, in three flavours: realistic (from the seed minutes), stress (60 people,
 * 40 items, long titles and URLs) and hostile (names and texts that try Markdown, links and HTML).
 */
import type { AdaptiveCardJson } from '../../../bot/teams/cards/card-kit';
import type { CardLocale } from '../../../bot/teams/cards/card-strings';
import { welcomeCard } from '../../../bot/teams/binding/welcome-card';
import { bindingChooserCard } from '../../../bot/teams/binding/binding-chooser-card';
import { meetingLinkConfirmCard } from '../../../bot/teams/binding/meeting-link-confirm-card';
import { kallelseChannelCard } from '../../../bot/teams/kallelse/kallelse-channel-card';
import { kallelseRsvpCard } from '../../../bot/teams/kallelse/kallelse-rsvp-card';
import { absenceConfirmationCard } from '../../../bot/teams/absence/absence-confirmation-card';
import { absenceNoteCard } from '../../../bot/teams/absence/absence-note-card';
import { whichMeetingCard } from '../../../bot/teams/absence/which-meeting-card';
import { notUnderstoodCard } from '../../../bot/teams/absence/not-understood-card';
import { callInCard } from '../../../bot/teams/callin/callin-card';
import { callInChainCard } from '../../../bot/teams/callin/callin-chain-card';
import { secretaryNoticeCard } from '../../../bot/teams/cards/secretary-notice-card';
import { itemCard } from '../../../bot/teams/agenda/item-card';
import { decisionCard } from '../../../bot/teams/decisions/decision-card';
import { standardDecisionCard } from '../../../bot/teams/decisions/standard-decision-card';
import { taskCard } from '../../../bot/teams/agenda/task-card';
import { voteCard } from '../../../bot/teams/decisions/vote-card';
import { reservationCard } from '../../../bot/teams/decisions/reservation-card';
import { recusalCard } from '../../../bot/teams/decisions/recusal-card';
import { checkinCard } from '../../../bot/teams/attendance/checkin-card';
import { evaluationCard } from '../../../bot/teams/agenda/evaluation-card';
import { justeringCard } from '../../../bot/teams/justering/justering-card';
import { justeringChannelCard } from '../../../bot/teams/justering/justering-channel-card';
import { chairHandoverCard } from '../../../bot/teams/agenda/chair-handover-card';
import { errorCard } from '../../../bot/teams/cards/error-card';
import { matchConfirmCard } from '../../../bot/teams/binding/match-confirm-card';

export type Flavour = 'realistic' | 'stress' | 'hostile';

export const HOSTILE = {
  link: '[klicka](https://evil.example/steal)',
  script: '<script>alert(1)</script>',
  bold: '**fet** och _kursiv_ och ~~struken~~ och `kod`',
  heading: '# Rubrik\n- punkt\n> citat\n1. numrerad',
  dateFn: '{{DATE(2017-02-14T06:08:00Z, SHORT)}}',
};
const HOSTILE_NAME = `Karin ${HOSTILE.link} Haster`;

const REAL_NAMES = [
  'Ingmar Ångman',
  'Anna Jakobsson',
  'Katrin Larsson',
  'Cecilia Ljung',
  'Margareta Johansson',
  'Emma Lado',
  'Ida Broman',
  'Linnea Hedkvist',
  'Camilla Pettersson',
  'Maria Lindborg',
  'Siw Lunander',
  'Erik König',
];

interface Data {
  names: string[];
  people: Array<{ personId: string; name: string }>;
  items: Array<{ number: number; title: string; presenters: string[]; attachments: Array<{ title: string; url: string }>; plannedMinutes: number }>;
  decisionText: string;
  title: string;
  bodyName: string;
  freeText: string;
}

const LONG_URL =
  'https://regionorebrolan.sharepoint.com/sites/samverkansrad-folkhalsa/Delade%20dokument/Forms/AllItems.aspx?id=%2Fsites%2Fsamverkansrad%2Ffolkhalsa%2F2024%2F';

function data(flavour: Flavour): Data {
  if (flavour === 'realistic') {
    return {
      names: REAL_NAMES,
      people: REAL_NAMES.map((name, i) => ({ personId: `p${i + 1}`, name })),
      items: [
        { number: 1, title: 'Mötet öppnas', presenters: ['Ingmar Ångman'], attachments: [], plannedMinutes: 2 },
        { number: 2, title: 'Fastställande av dagordning', presenters: [], attachments: [], plannedMinutes: 2 },
        { number: 3, title: 'Val av justerare', presenters: [], attachments: [], plannedMinutes: 2 },
        {
          number: 4,
          title: 'Uppföljning workshop 2021-12-08',
          presenters: ['Camilla Pettersson', 'Linnea Hedkvist'],
          attachments: [{ title: 'Sammanställning workshop.pdf', url: `${LONG_URL}workshop.pdf` }],
          plannedMinutes: 30,
        },
        { number: 5, title: 'Uppföljningsdag 2021', presenters: ['Linnea Hedkvist'], attachments: [], plannedMinutes: 20 },
        { number: 6, title: 'Övriga frågor', presenters: [], attachments: [], plannedMinutes: 10 },
      ],
      decisionText: 'Samverkansrådet beslutar att anta handlingsplanen för folkhälsa 2025 med de ändringar som framkom vid mötet.',
      title: 'Uppföljning workshop 2021-12-08',
      bodyName: 'Specifika samverkansrådet för folkhälsa',
      freeText: 'förhinder mötet i maj',
    };
  }
  if (flavour === 'stress') {
    const names = Array.from({ length: 60 }, (_, i) => `${REAL_NAMES[i % REAL_NAMES.length]} ${'Långnamnsson-'.repeat(2)}${i}`);
    return {
      names,
      people: names.map((name, i) => ({ personId: `person-${String(i).padStart(4, '0')}-abcdef`, name })),
      items: Array.from({ length: 40 }, (_, i) => ({
        number: i + 1,
        title: `Punkt ${i + 1}: ${'Regional utveckling och samverkan kring folkhälsa i länets kommuner '.repeat(4)}`,
        presenters: names.slice(i % 50, (i % 50) + 6),
        attachments: Array.from({ length: 6 }, (_, j) => ({ title: `Bilaga ${j + 1} till punkt ${i + 1} – underlag.pdf`, url: `${LONG_URL}${i}-${j}.pdf` })),
        plannedMinutes: 15,
      })),
      decisionText: 'Samverkansrådet beslutar att '.concat('anta planen, '.repeat(300)),
      title: 'Regional utveckling och samverkan kring folkhälsa i länets kommuner '.repeat(5),
      bodyName: 'Specifika samverkansrådet för folkhälsa, trygghet och social hållbarhet i Örebro län',
      freeText: 'förhinder '.repeat(100),
    };
  }
  const names = [HOSTILE_NAME, HOSTILE.script, HOSTILE.bold, HOSTILE.heading, HOSTILE.dateFn];
  return {
    names,
    people: names.map((name, i) => ({ personId: `h${i}`, name })),
    items: [
      {
        number: 1,
        title: HOSTILE.link,
        presenters: [HOSTILE_NAME, HOSTILE.bold],
        attachments: [
          { title: HOSTILE.link, url: 'javascript:alert(1)' },
          { title: 'ok', url: 'https://example.org/a (b).pdf' },
        ],
        plannedMinutes: 5,
      },
      { number: 2, title: HOSTILE.heading, presenters: [HOSTILE.script], attachments: [], plannedMinutes: 5 },
    ],
    decisionText: `${HOSTILE.bold}\n${HOSTILE.heading}\n${HOSTILE.link}`,
    title: HOSTILE.link,
    bodyName: `Rådet ${HOSTILE.link}`,
    freeText: `${HOSTILE.script} ${HOSTILE.dateFn}`,
  };
}

const MEETING = { startsAt: '2025-05-16T07:00:00.000Z', endsAt: '2025-05-16T10:00:00.000Z', timeZone: 'Europe/Stockholm' };

/** Every card the product can emit, rendered for one locale and flavour (role views included). */
export function allCards(locale: CardLocale, flavour: Flavour): Array<{ name: string; card: AdaptiveCardJson }> {
  const d = data(flavour);
  const n0 = d.names[0]!;
  const aad = d.people.map((p) => `aad-${p.personId}`);
  const item = { ...d.items[d.items.length > 3 ? 3 : 0]!, id: 'item-4', version: 3 };
  const decision = {
    id: 'dec-1',
    version: 2,
    text: d.decisionText,
    postponed: false,
    proposedByName: n0,
    proposedAt: '2025-05-16T07:40:00.000Z',
    reservations: d.names.slice(0, 15).map((name) => ({ name, text: flavour === 'hostile' ? HOSTILE.link : 'Jag vill ha en annan prioritering.' })),
    hasVote: false,
  };
  const confirmed = { ...decision, status: 'confirmed' as const, confirmedByName: d.names[1]!, confirmedAt: '2025-05-16T07:45:00.000Z' };
  const quorum = { present: 9, total: 15 };
  const cards: Array<{ name: string; card: AdaptiveCardJson }> = [];
  const add = (name: string, card: AdaptiveCardJson) => cards.push({ name, card });

  add('welcome-team', welcomeCard({ locale, scope: 'team', name: d.bodyName }));
  add('welcome-personal', welcomeCard({ locale, scope: 'personal' }));
  add('welcome-meeting', welcomeCard({ locale, scope: 'meeting' }));
  add(
    'binding-chooser',
    bindingChooserCard({
      locale,
      cardId: 'bind-1',
      teamId: '19:team@thread.tacv2',
      channelId: '19:chan@thread.tacv2',
      teamName: d.bodyName,
      bodies: d.people.slice(0, 30).map((p) => ({ id: `body-${p.personId}`, name: `${d.bodyName} ${p.name}` })),
      suggestedBodyId: `body-${d.people[0]!.personId}`,
    }),
  );
  add(
    'meeting-link-confirm',
    meetingLinkConfirmCard({ locale, cardId: 'link-1', teamsMeetingId: 'MCMxOTptZWV0aW5n', meeting: { id: 'm1', version: 4, bodyName: d.bodyName, ...MEETING } }),
  );
  add(
    'kallelse-channel',
    kallelseChannelCard({
      locale,
      bodyName: d.bodyName,
      meeting: { ...MEETING, title: d.title, place: flavour === 'hostile' ? HOSTILE.link : 'Eklundavägen 1, Örebro, rum Vättern', joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0', status: 'planned' },
      agenda: d.items,
      absenceContact: flavour === 'hostile' ? HOSTILE.script : 'Linnea Hedkvist, linnea.hedkvist@regionorebrolan.se',
    }),
  );
  add(
    'kallelse-channel-moved',
    kallelseChannelCard({ locale, bodyName: d.bodyName, meeting: { ...MEETING, status: 'moved', movedFromStartsAt: '2025-05-09T07:00:00.000Z' }, agenda: d.items.slice(0, 3) }),
  );
  add('kallelse-rsvp', kallelseRsvpCard({ locale, cardId: 'rsvp-1', meeting: { id: 'm1', bodyName: d.bodyName, ...MEETING }, personId: 'p1', answerVersion: 0 }));
  add(
    'kallelse-rsvp-answered',
    kallelseRsvpCard({ locale, cardId: 'rsvp-1', meeting: { id: 'm1', bodyName: d.bodyName, ...MEETING }, personId: 'p1', answerVersion: 2, current: { answer: 'delvis', note: flavour === 'hostile' ? HOSTILE.bold : 'punkt 1–5' } }),
  );
  add(
    'absence-confirmation',
    absenceConfirmationCard({
      locale,
      cardId: 'abs-1',
      personName: n0,
      meeting: { bodyName: d.bodyName, ...MEETING },
      attendance: { id: 'att-1', version: 1 },
      partialDetail: flavour === 'hostile' ? HOSTILE.heading : 'ansluter kl. 10.30',
      namedSubstituteName: d.names[1]!,
    }),
  );
  add('absence-withdrawn', absenceConfirmationCard({ locale, cardId: 'abs-1', personName: n0, meeting: { bodyName: d.bodyName, ...MEETING }, attendance: { id: 'att-1', version: 2 }, withdrawn: true }));
  add(
    'which-meeting',
    whichMeetingCard({
      locale,
      cardId: 'which-1',
      requestId: 'req-1',
      question: { template: 'Vilket möte gäller förhindret?', params: [] },
      originalText: d.freeText,
      offerAll: true,
      choices: [
        { meetingId: 'm1', bodyName: d.bodyName, ...MEETING },
        { meetingId: 'm2', bodyName: 'Chefsgrupp folkhälsa', startsAt: '2025-05-20T12:00:00.000Z', timeZone: 'Europe/Stockholm' },
      ],
    }),
  );
  add(
    'which-meeting-confirm',
    whichMeetingCard({
      locale,
      cardId: 'which-2',
      requestId: 'req-2',
      question: { template: 'Vill du anmäla förhinder för {0}, fredag 16 maj 2025 kl. 09.00?', params: [d.bodyName] },
      originalText: d.freeText,
      confirm: 'absence',
      choices: [{ meetingId: 'm1', bodyName: d.bodyName, ...MEETING }],
    }),
  );
  add('absence-note', absenceNoteCard({ locale, phrase: { template: 'Okej, du kommer till {0}. Inget förhinder är noterat.', params: [d.bodyName] } }));
  add('not-understood', notUnderstoodCard({ locale, originalText: d.freeText }));
  add('callin', callInCard({ locale, cardId: 'ci-1', callIn: { id: 'ci-1', version: 1 }, absentName: n0, meeting: { bodyName: d.bodyName, ...MEETING } }));
  add('callin-answered', callInCard({ locale, cardId: 'ci-1', callIn: { id: 'ci-1', version: 2 }, absentName: n0, meeting: { bodyName: d.bodyName, ...MEETING }, answered: 'ja' }));
  add(
    'callin-chain',
    callInChainCard({
      locale,
      absentName: n0,
      meeting: { bodyName: d.bodyName, ...MEETING },
      steps: d.names.map((name, i) => ({ name, organisation: i % 2 ? 'Kumla kommun' : 'Region Örebro län', state: (['declined', 'timed_out', 'absent', 'asked', 'waiting'] as const)[i % 5]! })),
      exhausted: flavour !== 'realistic',
    }),
  );
  add('secretary-notice', secretaryNoticeCard({ locale, headline: `${n0}: förhinder 16/5`, lines: d.names.map((n) => `${n} kunde inte nås i Teams`) }));
  add('secretary-notice-phrase', secretaryNoticeCard({ locale, headline: { template: '{0}: Förhinder noterat för {1}, fredag 16 maj 2025 kl. 09.00. En ersättare kallas in.', params: [n0, d.bodyName] }, lines: [d.freeText] }));
  for (const viewer of ['secretary', 'chair', 'member', 'observer'] as const) {
    add(`item-${viewer}`, itemCard({ locale, cardId: 'item-card-4', meetingId: 'm1', item: { ...item, status: 'active' }, quorum, viewer, refreshUserIds: aad }));
    add(`decision-proposed-${viewer}`, decisionCard({ locale, cardId: 'dec-card-1', timeZone: MEETING.timeZone, item, decision: { ...decision, status: 'proposed' }, quorum, viewer, refreshUserIds: aad }));
    add(`decision-confirmed-${viewer}`, decisionCard({ locale, cardId: 'dec-card-1', timeZone: MEETING.timeZone, item, decision: confirmed, quorum, viewer, refreshUserIds: aad }));
    for (const serving of [true, false]) {
      add(
        `vote-open-${viewer}-${serving ? 'serving' : 'not-serving'}`,
        voteCard({ locale, cardId: 'vote-1', decision: { id: 'dec-1', version: 3 }, question: d.title, status: 'open', tally: { ja: 4, nej: 2, avstår: 1 }, eligibleCount: 15, viewer, viewerIsServing: serving, refreshUserIds: aad }),
      );
    }
  }
  add('item-pending-chair', itemCard({ locale, cardId: 'item-card-4', meetingId: 'm1', item: { ...item, status: 'pending' }, viewer: 'chair', refreshUserIds: aad }));
  add('vote-voted', voteCard({ locale, cardId: 'vote-1', decision: { id: 'dec-1', version: 3 }, question: d.title, status: 'open', tally: { ja: 4, nej: 2, avstår: 1 }, eligibleCount: 15, viewer: 'member', viewerIsServing: true, viewerVote: 'avstår', refreshUserIds: aad }));
  add('vote-closed', voteCard({ locale, cardId: 'vote-1', decision: { id: 'dec-1', version: 4 }, question: d.title, status: 'closed', tally: { ja: 8, nej: 6, avstår: 1 }, eligibleCount: 15, viewer: 'secretary', viewerIsServing: false, refreshUserIds: aad }));
  add('standard-decision', standardDecisionCard({ locale, cardId: 'std-1', meetingId: 'm1', item: { id: 'item-3', number: 3, title: d.title }, present: d.people }));
  add('task-form', taskCard({ mode: 'form', locale, cardId: 'task-1', meetingId: 'm1', itemId: 'item-4', people: d.people }));
  add('task-created', taskCard({ mode: 'created', locale, task: { text: flavour === 'hostile' ? HOSTILE.link : 'Linnea gör en doodle', ownerName: n0, dueDate: '2025-06-01' } }));
  add('reservation', reservationCard({ locale, cardId: 'res-1', item: { number: 4 }, decision: { id: 'dec-1', text: d.decisionText } }));
  add('recusal', recusalCard({ locale, cardId: 'rec-1', meetingId: 'm1', item: { id: 'item-4', number: 4, title: d.title }, people: d.people, recusedNames: d.names.slice(0, 3) }));
  add('checkin', checkinCard({ locale, cardId: 'chk-1', meeting: { id: 'm1', bodyName: d.bodyName, ...MEETING } }));
  add('checkin-done', checkinCard({ locale, cardId: 'chk-1', meeting: { id: 'm1', bodyName: d.bodyName, ...MEETING }, checkedIn: true }));
  add('checkin-everyone', checkinCard({ locale, cardId: 'chk-1', meeting: { id: 'm1', bodyName: d.bodyName, ...MEETING }, view: 'everyone', refreshUserIds: Array.from({ length: 70 }, (_, i) => `29:user-${i}`) }));
  add('checkin-not-expected', checkinCard({ locale, cardId: 'chk-1', meeting: { id: 'm1', bodyName: d.bodyName, ...MEETING }, view: 'notExpected', refreshUserIds: ['29:user-1'] }));
  add('checkin-cancelled', checkinCard({ locale, cardId: 'chk-1', meeting: { id: 'm1', bodyName: d.bodyName, ...MEETING }, view: 'cancelled' }));
  add('checkin-closed', checkinCard({ locale, cardId: 'chk-1', meeting: { id: 'm1', bodyName: d.bodyName, ...MEETING }, view: 'closed' }));
  add('evaluation', evaluationCard({ locale, cardId: 'eval-1', meetingId: 'm1' }));
  add('evaluation-done', evaluationCard({ locale, cardId: 'eval-1', meetingId: 'm1', submitted: true }));
  add(
    'justering',
    justeringCard({ locale, cardId: 'jus-1', meeting: { id: 'm1', bodyName: d.bodyName, ...MEETING }, minutes: { version: 7, url: `${LONG_URL}protokoll.pdf` }, signedNames: d.names.slice(0, 1), pendingNames: d.names.slice(1, 3), viewerMaySign: true }),
  );
  add(
    'justering-readonly',
    justeringCard({ locale, cardId: 'jus-1', meeting: { id: 'm1', bodyName: d.bodyName, ...MEETING }, minutes: { version: 7, url: `${LONG_URL}protokoll.pdf` }, signedNames: d.names, pendingNames: [], viewerMaySign: false }),
  );
  add(
    'justering-channel',
    justeringChannelCard({ locale, meeting: { id: 'm1', bodyName: d.bodyName, ...MEETING }, minutes: { version: 7, url: `${LONG_URL}protokoll.pdf` }, justerare: { aadObjectId: '00000000-0000-4000-8000-000000000001', name: n0 } }),
  );
  add('chair-handover', chairHandoverCard({ locale, cardId: 'ch-1', meeting: { id: 'm1', version: 5 }, currentChairName: n0, people: d.people, currentItemNumber: 11 }));
  add('error-forbidden', errorCard({ locale, code: 'FORBIDDEN', params: { action: 'bekräfta beslut' }, policyReason: 'not_secretary' }));
  add('error-validation', errorCard({ locale, code: 'VALIDATION_FAILED', params: { detail: d.freeText } }));
  add('match-self', matchConfirmCard({ kind: 'self', locale, cardId: 'mc-1', matchId: 'match-1', person: { id: 'p1', name: n0, organisation: 'Kumla kommun', role: 'ledamot', bodyName: d.bodyName } }));
  add('match-same', matchConfirmCard({ kind: 'same', locale, cardId: 'mc-2', matchId: 'match-2', teamsName: d.names[1]!, person: { id: 'p2', name: d.names[2] ?? n0 } }));
  return cards;
}
