/**
 * Every fixed word on a card, Swedish first. `{name}` placeholders are filled by cardText, which escapes
 * the values (they are people's names, titles and dates: user data).
 */
import { escapeCardText } from './escape-card-text';

export type CardLocale = 'sv' | 'en';

export const CARD_STRINGS = {
  more: { sv: '+ {n} till', en: '+ {n} more' },
  // welcome
  welcomeTitle: { sv: 'Hej! Jag är Rådslag.', en: 'Hello! I am Rådslag.' },
  welcomeTeam: {
    sv: 'Jag hjälper {body} med kallelser, förhinder, beslut och protokoll. Sekreteraren kopplar den här kanalen till ett organ.',
    en: 'I help {body} with notices, absences, decisions and minutes. The secretary links this channel to a body.',
  },
  welcomePersonal: {
    sv: 'Skriv till mig om du har förhinder, till exempel "förhinder 16/5" eller "jag kan inte komma på fredag".',
    en: 'Write to me if you cannot attend, for example "absent 16/5" or "I cannot come on Friday".',
  },
  welcomeMeeting: {
    sv: 'Jag följer mötet: närvaro, dagordning, beslut och utvärdering. Ordföranden styr dagordningen, sekreteraren bekräftar besluten.',
    en: 'I follow the meeting: attendance, agenda, decisions and evaluation. The chair runs the agenda, the secretary confirms the decisions.',
  },
  aGroup: { sv: 'er grupp', en: 'your group' },
  // binding
  bindingTitle: { sv: 'Vilket organ hör den här kanalen till?', en: 'Which body does this channel belong to?' },
  bindingContext: { sv: 'Team: {team}', en: 'Team: {team}' },
  bindingSuggested: { sv: 'Förslag: {body}', en: 'Suggestion: {body}' },
  bindingConfirmSuggested: { sv: 'Ja, koppla till förslaget', en: 'Yes, link to the suggestion' },
  bindingChooseLabel: { sv: 'Välj ett befintligt organ', en: 'Choose an existing body' },
  bindingNewLabel: { sv: 'eller skapa ett nytt organ med namnet', en: 'or create a new body named' },
  bindingSave: { sv: 'Koppla kanalen', en: 'Link the channel' },
  // meeting link
  linkTitle: { sv: 'Är det här Teams-mötet samma som …', en: 'Is this Teams meeting the same as …' },
  linkQuestion: { sv: '{body}, {when}?', en: '{body}, {when}?' },
  yes: { sv: 'Ja', en: 'Yes' },
  no: { sv: 'Nej', en: 'No' },
  // kallelse
  kallelseTitle: { sv: 'Kallelse: {body}', en: 'Notice of meeting: {body}' },
  when: { sv: 'Tid', en: 'Time' },
  where: { sv: 'Plats', en: 'Place' },
  teamsLink: { sv: 'Anslut till Teams-mötet', en: 'Join the Teams meeting' },
  agenda: { sv: 'Dagordning', en: 'Agenda' },
  presenters: { sv: 'Föredragande: {names}', en: 'Presenters: {names}' },
  absenceTo: { sv: 'Förhinder meddelas till: {contact}', en: 'Report absence to: {contact}' },
  absenceToBot: { sv: 'Förhinder meddelas till: mig här i chatten', en: 'Report absence to: me here in the chat' },
  meetingMoved: { sv: 'Mötet är flyttat (var {from}).', en: 'The meeting has moved (was {from}).' },
  meetingCancelled: { sv: 'Mötet är inställt.', en: 'The meeting is cancelled.' },
  // rsvp
  rsvpTitle: { sv: 'Kommer du till {body} {when}?', en: 'Will you attend {body} on {when}?' },
  rsvpComing: { sv: 'Jag kommer', en: 'I will attend' },
  rsvpAbsent: { sv: 'Förhinder', en: 'Cannot attend' },
  rsvpPartial: { sv: 'Delvis', en: 'Partly' },
  rsvpNoteLabel: { sv: 'Delvis: vilka punkter eller tider? (t.ex. ”punkt 1–5” eller ”ansluter kl. 10.30”)', en: 'Partly: which items or times? (e.g. "items 1–5" or "joining at 10:30")' },
  rsvpCurrent: { sv: 'Ditt svar: {answer}', en: 'Your answer: {answer}' },
  // absence confirmation
  absenceRecorded: { sv: 'Förhinder noterat för {name}: {body}, {when}.', en: 'Absence recorded for {name}: {body}, {when}.' },
  absencePartialRecorded: { sv: 'Delvis närvaro noterad för {name}: {body}, {when}.', en: 'Partial attendance recorded for {name}: {body}, {when}.' },
  absencePartial: { sv: 'Delvis närvaro: {detail}', en: 'Partial attendance: {detail}' },
  absenceSubstitute: { sv: 'Ersättare som tillfrågas först: {name}', en: 'Substitute asked first: {name}' },
  absenceAlreadyHeld: { sv: 'Mötet har redan hållits, så ingen ersättare kallas in.', en: 'The meeting has already been held, so no substitute is called in.' },
  absenceNoMeetingOn: { sv: 'Den {dates} har du inget möte, så där är inget noterat.', en: 'You have no meeting on {dates}, so nothing is recorded there.' },
  absenceWithdrawn: { sv: 'Förhindret för {body}, {when} är borttaget. Du står som kallad igen.', en: 'The absence for {body}, {when} is withdrawn. You are expected to attend.' },
  undo: { sv: 'Ångra', en: 'Undo' },
  // which meeting
  youWrote: { sv: 'Du skrev: {text}', en: 'You wrote: {text}' },
  absenceNotRight: { sv: 'Nej, det stämmer inte', en: 'No, that is not right' },
  absenceYesReport: { sv: 'Ja, anmäl förhinder', en: 'Yes, report my absence' },
  absenceYesWithdraw: { sv: 'Ja, ta bort förhindret', en: 'Yes, withdraw the absence' },
  absenceBoth: { sv: 'Båda mötena', en: 'Both meetings' },
  absenceAll: { sv: 'Alla {n} möten', en: 'All {n} meetings' },
  // not understood
  notUnderstoodTitle: { sv: 'Jag förstod inte riktigt, så inget är noterat.', en: 'I did not quite understand, so nothing is recorded.' },
  notUnderstoodHelp: {
    sv: 'Prova till exempel: ”förhinder 16/5”, ”jag kan inte komma på fredag”, ”förhinder nästa möte, Erik König går in för mig”, ”ansluter kl. 10.30”, ”jag kan ändå komma”.',
    en: 'Try for example: “absent 16/5”, “I cannot come on Friday”, “absent next meeting, Erik König will stand in”, “joining at 10:30”, “I can come after all”.',
  },
  // call-in
  callInTitle: { sv: 'Du är inkallad att tjänstgöra som ersättare för {name}', en: 'You are called in to serve as substitute for {name}' },
  callInBody: { sv: '{body}, {when}. Kan du tjänstgöra?', en: '{body}, {when}. Can you serve?' },
  callInAnswered: { sv: 'Ditt svar: {answer}', en: 'Your answer: {answer}' },
  callInChainTitle: { sv: 'Inkallelse för {name}: {body}, {when}', en: 'Call-in for {name}: {body}, {when}' },
  callInState_asked: { sv: 'tillfrågad', en: 'asked' },
  callInState_accepted: { sv: 'tackat ja', en: 'accepted' },
  callInState_declined: { sv: 'tackat nej', en: 'declined' },
  callInState_timed_out: { sv: 'inget svar i tid', en: 'no answer in time' },
  callInState_absent: { sv: 'har själv förhinder', en: 'also absent' },
  callInState_waiting: { sv: 'står på tur', en: 'next in line' },
  callInState_withdrawn: { sv: 'platsen återlämnad', en: 'seat given back' },
  callInState_put_in: { sv: 'insatt av sekreteraren', en: 'put in by the secretary' },
  callInNobody: { sv: 'Ingen ersättare är tillgänglig.', en: 'No substitute is available.' },
  // secretary notice
  noticeFrom: { sv: 'Till sekreteraren', en: 'To the secretary' },
  // item
  itemTitle: { sv: 'Punkt {n}: {title}', en: 'Item {n}: {title}' },
  plannedMinutes: { sv: 'Planerad tid: {n} min', en: 'Planned time: {n} min' },
  attachments: { sv: 'Handlingar', en: 'Documents' },
  itemStart: { sv: 'Starta punkten', en: 'Start item' },
  itemFinish: { sv: 'Avsluta punkten', en: 'Finish item' },
  itemBack: { sv: 'Tillbaka', en: 'Back' },
  itemStatus_pending: { sv: 'Ej påbörjad', en: 'Not started' },
  itemStatus_active: { sv: 'Pågår', en: 'In progress' },
  itemStatus_done: { sv: 'Klar', en: 'Done' },
  itemStatus_postponed: { sv: 'Bordlagd', en: 'Postponed' },
  proposeLabel: { sv: 'Förslag till beslut', en: 'Proposed decision' },
  propose: { sv: 'Föreslå beslut', en: 'Propose decision' },
  // quorum
  quorumYes: { sv: 'Beslutsfört: {present} av {total} ledamöter närvarande', en: 'Quorate: {present} of {total} members present' },
  quorumNo: { sv: 'Inte beslutsfört: {present} av {total} ledamöter närvarande', en: 'Not quorate: {present} of {total} members present' },
  // decision
  decisionTitle: { sv: 'Beslut, punkt {n}: {title}', en: 'Decision, item {n}: {title}' },
  decisionProposed: { sv: 'Föreslaget av {name} {when}. Väntar på sekreterarens bekräftelse.', en: 'Proposed by {name} {when}. Waiting for the secretary to confirm.' },
  decisionConfirmed: { sv: 'Bekräftat av {name} {when}', en: 'Confirmed by {name} {when}' },
  decisionPostponed: { sv: 'Ärendet skjuts upp.', en: 'The matter is postponed.' },
  decisionEditLabel: { sv: 'Beslutstext (ändra vid behov)', en: 'Decision text (edit if needed)' },
  confirm: { sv: 'Bekräfta', en: 'Confirm' },
  edit: { sv: 'Ändra', en: 'Change' },
  reopen: { sv: 'Öppna igen', en: 'Reopen' },
  voteOpenLabel: { sv: 'Fråga för omröstning (valfritt)', en: 'Question put to the vote (optional)' },
  voteOpen: { sv: 'Begär omröstning', en: 'Call a vote' },
  reservations: { sv: 'Reservationer', en: 'Reservations' },
  reservationLine: { sv: '{name} reserverar sig', en: '{name} enters a reservation' },
  // standard decisions
  standardTitle: { sv: 'Standardbeslut, punkt {n}: {title}', en: 'Standard decision, item {n}: {title}' },
  std_agenda_approved: { sv: 'Dagordningen godkänns', en: 'The agenda is approved' },
  std_minutes_filed: { sv: 'Protokollet läggs till handlingarna', en: 'The minutes are placed on file' },
  std_justerare_elected: { sv: 'Val av justerare', en: 'Election of minutes verifiers' },
  std_information_noted: { sv: 'Informationen noteras', en: 'The information is noted' },
  std_postponed: { sv: 'Beslutet skjuts upp', en: 'The decision is postponed' },
  justerareLabel: { sv: 'Justerare (bland de närvarande)', en: 'Verifiers (among those present)' },
  // task
  taskTitle: { sv: 'Uppdrag', en: 'Follow-up task' },
  taskOwner: { sv: 'Ansvarig: {name}', en: 'Owner: {name}' },
  taskDue: { sv: 'Klart senast: {date}', en: 'Due: {date}' },
  taskNoOwner: { sv: 'Ansvarig: ej utsedd', en: 'Owner: not assigned' },
  taskTextLabel: { sv: 'Vad ska göras?', en: 'What is to be done?' },
  taskOwnerLabel: { sv: 'Ansvarig', en: 'Owner' },
  taskOwnerNameLabel: { sv: 'eller ansvarig som inte finns i listan', en: 'or an owner not in the list' },
  taskDueLabel: { sv: 'Datum (valfritt)', en: 'Date (optional)' },
  taskCreate: { sv: 'Lägg till uppdrag', en: 'Add task' },
  // vote
  voteTitle: { sv: 'Omröstning: {question}', en: 'Vote: {question}' },
  voteJa: { sv: 'Ja', en: 'Yes' },
  voteNej: { sv: 'Nej', en: 'No' },
  voteAvstar: { sv: 'Avstår', en: 'Abstain' },
  voteTally: { sv: 'Ja {ja} · Nej {nej} · Avstår {avstar} · {cast} av {eligible} har röstat', en: 'Yes {ja} · No {nej} · Abstain {avstar} · {cast} of {eligible} have voted' },
  voteClose: { sv: 'Avsluta omröstningen', en: 'Close the vote' },
  voteYouVoted: { sv: 'Du har röstat: {choice}', en: 'You voted: {choice}' },
  voteNotServing: { sv: 'Bara tjänstgörande ledamöter röstar.', en: 'Only serving members vote.' },
  voteClosed: { sv: 'Omröstningen är avslutad.', en: 'The vote is closed.' },
  voteResult_bifall: { sv: 'Resultat: bifall', en: 'Result: carried' },
  voteResult_avslag: { sv: 'Resultat: avslag', en: 'Result: rejected' },
  voteResult_lika: { sv: 'Resultat: lika röstetal', en: 'Result: tied' },
  // reservation, recusal
  reservationTitle: { sv: 'Reservation mot beslut i punkt {n}', en: 'Reservation against the decision in item {n}' },
  reservationLabel: { sv: 'Motivering (valfritt)', en: 'Reason (optional)' },
  reservationAdd: { sv: 'Jag reserverar mig', en: 'I enter a reservation' },
  recusalTitle: { sv: 'Jäv i punkt {n}: {title}', en: 'Conflict of interest, item {n}: {title}' },
  recusalHelp: { sv: 'Den som är jävig deltar inte i behandlingen av punkten.', en: 'A person with a conflict of interest takes no part in the item.' },
  recusalPersonLabel: { sv: 'Vem är jävig?', en: 'Who has a conflict of interest?' },
  recusalNoteLabel: { sv: 'Anteckning (valfritt)', en: 'Note (optional)' },
  recusalAdd: { sv: 'Anteckna jäv', en: 'Record conflict of interest' },
  recusalExisting: { sv: 'Jäviga: {names}', en: 'Recused: {names}' },
  // check-in
  checkinTitle: { sv: 'Är du i mötesrummet?', en: 'Are you in the meeting room?' },
  checkinBody: { sv: '{body}, {when}. Tryck när du är på plats så blir du antecknad som närvarande.', en: '{body}, {when}. Press when you are here and you will be recorded as present.' },
  checkin: { sv: 'Jag är på plats', en: 'I am here' },
  checkedIn: { sv: 'Du är antecknad som närvarande.', en: 'You are recorded as present.' },
  checkinMeeting: { sv: '{body}, {when}.', en: '{body}, {when}.' },
  // Teams shows a person their own view only when it knows their Teams id (a 1:1 chat with the bot): the side panel is the way in for the rest.
  checkinForExpected: { sv: 'De som väntas på mötet ser knappen ”Jag är på plats” här. Syns den inte för dig kan du anmäla dig i Rådslag i mötets sidopanel.', en: 'People expected at the meeting see the button “I am here” here. If you do not see it, you can check in from Rådslag in the meeting’s side panel.' },
  checkinNotExpected: { sv: 'Du står inte på listan över dem som väntas på mötet och behöver inte anmäla dig här.', en: 'You are not on the list of people expected at the meeting and need not check in here.' },
  checkinCancelled: { sv: 'Mötet är inställt: ingen incheckning.', en: 'The meeting is cancelled: there is no check-in.' },
  checkinClosed: { sv: 'Incheckningen är öppen bara under mötesdagen, till dess mötet avslutas.', en: 'Check-in is open only on the meeting day, until the meeting ends.' },
  // evaluation
  evalTitle: { sv: 'Utvärdering: driv och hinder', en: 'Evaluation: what drove us and what hindered us' },
  evalWorked: { sv: 'Driv: vad fungerade bra?', en: 'What worked well?' },
  evalHindered: { sv: 'Hinder: vad hindrade?', en: 'What hindered?' },
  evalScore: { sv: 'Betyg 1–5 (valfritt)', en: 'Score 1–5 (optional)' },
  evalSubmit: { sv: 'Skicka', en: 'Send' },
  evalThanks: { sv: 'Tack för din utvärdering!', en: 'Thank you for your evaluation!' },
  // justering
  justeringTitle: { sv: 'Justering av protokoll: {body}, {when}', en: 'Verification of the minutes: {body}, {when}' },
  justeringOpen: { sv: 'Läs protokollet', en: 'Read the minutes' },
  justeringSign: { sv: 'Justera', en: 'Verify' },
  justeringCommentLabel: { sv: 'Vad behöver ändras?', en: 'What needs to change?' },
  justeringRequestChange: { sv: 'Begär ändring', en: 'Request a change' },
  justeringSigned: { sv: 'Justerat av {names}', en: 'Verified by {names}' },
  justeringPending: { sv: 'Väntar på: {names}', en: 'Waiting for: {names}' },
  justeringChannelAsk: { sv: '{mention}: protokollet väntar på din justering. Rådslag kunde inte nå dig i en chatt, så du får beskedet här.', en: '{mention}: the minutes are waiting for your verification. Rådslag could not reach you in a chat, so you are told here.' },
  justeringChannelOpen: { sv: 'Öppna protokollet och justera', en: 'Open the minutes and verify' },
  // handover
  handoverTitle: { sv: 'Byt mötesordförande', en: 'Hand over the chair' },
  handoverPersonLabel: { sv: 'Ny mötesordförande', en: 'New chair' },
  handoverFromLabel: { sv: 'Från punkt', en: 'From item' },
  handoverToLabel: { sv: 'Till och med punkt (tomt = resten av mötet)', en: 'To item (empty = rest of the meeting)' },
  handoverSubmit: { sv: 'Lämna över', en: 'Hand over' },
  handoverCurrent: { sv: 'Mötesordförande nu: {name}', en: 'Chair now: {name}' },
  // a decision withdrawn after its card was posted
  decisionWithdrawnTitle: { sv: 'Beslutsförslaget är tillbakadraget', en: 'The proposed decision was withdrawn' },
  decisionWithdrawnText: { sv: 'Sekreteraren drog tillbaka förslaget i punkt {n}. Det kommer inte med i protokollet.', en: 'The secretary withdrew the proposal in item {n}. It will not appear in the minutes.' },
  decisionWithdrawnTextNoItem: { sv: 'Sekreteraren drog tillbaka förslaget. Det kommer inte med i protokollet.', en: 'The secretary withdrew the proposal. It will not appear in the minutes.' },
  // error
  errorTitle: { sv: 'Det gick inte', en: 'That did not work' },
  errorCode: { sv: 'Felkod: {code}', en: 'Error code: {code}' },
  // match confirm
  matchSelfTitle: { sv: 'Är det här du?', en: 'Is this you?' },
  matchSelfBody: { sv: '{name}, {org}, {role} i {body}', en: '{name}, {org}, {role} in {body}' },
  matchSameTitle: { sv: 'Är det samma person?', en: 'Is this the same person?' },
  matchSameBody: { sv: '{a} i Teams och {b} i ledamotslistan', en: '{a} in Teams and {b} on the roster' },
} as const satisfies Record<string, { sv: string; en: string }>;

export type CardStringKey = keyof typeof CARD_STRINGS;

/** A fixed string with escaped parameters: safe to put in a TextBlock. */
export function cardText(locale: CardLocale, key: CardStringKey, params: Record<string, string | number> = {}): string {
  return CARD_STRINGS[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : escapeCardText(String(v));
  });
}

/** A fixed string with parameters as plain text: for button titles, choice titles and input labels, which are not Markdown. */
export function plainText(locale: CardLocale, key: CardStringKey, params: Record<string, string | number> = {}): string {
  return CARD_STRINGS[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}
