/**
 * Questions about a förhinder ("Vilket möte menar du?", "Vill du anmäla förhinder för …?") and their answers.
 * A question records nothing. Its card offers each meeting, "all of them" when the words named several, and
 * always "Nej, det stämmer inte", which records nothing and says so. An answer reads the member's own text
 * again against the picked meeting(s), as of when it was written; what the text does not say (a denial, a
 * time outside the meeting) is never recorded because a button was pressed.
 */
import { describeAbsencePhrase, type AbsenceIntent, type AbsenceIntentAmbiguous, type MeetingSummary } from '../absence';
import { interpretAbsenceMessage, own, phrase } from '../absence';
import type { Person } from '../domain';
import type { AbsenceRequest } from '../domain/bot-records';
import { RadslagError } from '../errors/catalog';
import { applyIntent, loadSenderScene, noteMessage, reply, rosterFor, type AbsenceMessageInput, type AbsenceOutcome, type Known } from './absence-service';
import type { UseCaseContext } from '../usecase/context';
import { enqueueSend, type OutboundMessage } from './outbox';

/** What a question keeps beside the member's text, to read it again exactly as it was read the first time. */
interface QuestionContext {
  kind: 'absence' | 'withdrawal';
  language?: 'sv' | 'en';
  sentAt?: string;
  senderUtcOffsetMinutes?: number;
  reason?: string;
}

/** A question card, or (when there is nothing to offer) a sentence saying that nothing is recorded. */
export async function askAbout(ctx: UseCaseContext, input: AbsenceMessageInput, intent: AbsenceIntentAmbiguous, known: Known): Promise<AbsenceOutcome> {
  const l = input.locale;
  const question = describeAbsencePhrase(intent, l);
  // A time outside the meeting cannot be fixed by a button: the member is told, and writes again.
  if (intent.options.length === 0 || intent.reason === 'time_outside_meeting') {
    await reply(ctx, input, noteMessage(l, question));
    return { kind: 'question', requestId: null, intent };
  }
  const request = await ctx.tx.absenceRequests.insert({
    id: ctx.ids.next(),
    personId: input.person.id,
    text: input.text.slice(0, 2000),
    understood: { ...intent.understood, language: l, reason: intent.reason, ...(known.read ?? {}) } as unknown as Record<string, unknown>,
    candidateMeetingIds: intent.options.map((o) => o.id),
    status: 'open',
    resolvedMeetingId: null,
    version: 1,
  });
  const choices = [];
  for (const o of intent.options) {
    const m = known.scene?.meetings.get(o.id) ?? (await ctx.tx.meetings.get(o.id));
    choices.push({ meetingId: o.id, bodyName: o.bodyName, startsAt: o.startsAt, timeZone: m?.timeZone ?? o.timeZone ?? 'Europe/Stockholm' });
  }
  // One meeting and a yes/no question ("Vill du anmäla förhinder för …?"): the button says what it does.
  const confirm = intent.options.length === 1 && (intent.reason === 'low_confidence' || intent.reason === 'denied_with_absence_on_record');
  await reply(ctx, input, {
    card: 'whichMeeting',
    model: {
      locale: l,
      cardId: `absreq-${request.id}`,
      requestId: request.id,
      question,
      originalText: input.text,
      choices,
      offerAll: intent.offerAll === true,
      ...(confirm ? { confirm: intent.understood.kind } : {}),
    },
  });
  return { kind: 'question', requestId: request.id, intent };
}

async function openRequest(ctx: UseCaseContext, requestId: string, actor: Person): Promise<AbsenceRequest> {
  const request = await ctx.tx.absenceRequests.require(requestId);
  if (request.personId !== actor.id) throw new RadslagError('FORBIDDEN', { reasonSv: 'frågan gällde någon annan', reasonEn: 'the question was for someone else' }, { reason: 'not_self' });
  if (request.status !== 'open') throw new RadslagError('CONFLICT_STATE', { detailSv: 'frågan är redan besvarad', detailEn: 'already answered' });
  return request;
}

function contextOf(request: AbsenceRequest, fallback: 'sv' | 'en'): QuestionContext & { language: 'sv' | 'en' } {
  const u = request.understood as Partial<QuestionContext>;
  return { ...u, kind: u.kind === 'withdrawal' ? 'withdrawal' : 'absence', language: u.language === 'en' || u.language === 'sv' ? u.language : fallback };
}

/**
 * The answer to a question card: one meeting, or all offered (`'all'`). Returns the card to show in place of
 * the question; further confirmations (one per meeting) go to the member's chat.
 */
export async function chooseAbsenceMeeting(ctx: UseCaseContext, requestId: string, choice: string | 'all', actor: Person, fallbackLocale: 'sv' | 'en'): Promise<{ outcome: AbsenceOutcome; message: OutboundMessage | null }> {
  const request = await openRequest(ctx, requestId, actor);
  const ids = choice === 'all' ? request.candidateMeetingIds : [choice];
  if (!ids.every((id) => request.candidateMeetingIds.includes(id))) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'mötet fanns inte bland alternativen', detailEn: 'not one of the offered meetings' });
  const q = contextOf(request, fallbackLocale);
  const sentAt = q.sentAt && Number.isFinite(Date.parse(q.sentAt)) ? new Date(q.sentAt) : ctx.clock.now();
  const scene = await loadSenderScene(ctx, actor.id, sentAt);
  await ctx.tx.absenceRequests.update({ ...request, status: 'resolved', resolvedMeetingId: ids[0]! });
  const input: AbsenceMessageInput = { person: actor, text: request.text, locale: q.language, replyTo: null, captured: [], activityKey: `absreq:${request.id}` };
  const offered = ids.map((id) => scene.candidates.find((c) => c.id === id)).filter((c) => c !== undefined);
  let applied: AbsenceIntent;
  if (offered.length < ids.length) {
    applied = { kind: 'ambiguous', reason: 'no_upcoming_meeting', candidates: [], options: [], understood: { kind: q.kind }, confidence: 0 };
  } else if (q.kind === 'withdrawal') {
    // "Vill du ta bort ditt förhinder?" — yes: exactly what was asked, for the meetings picked.
    const targets = offered.map((m) => ({ meetingId: m.id, meeting: summaryOf(m) }));
    applied = { kind: 'withdrawal', meetingId: targets[0]!.meetingId, meeting: targets[0]!.meeting, targets, confidence: 1 };
  } else {
    applied = interpretAbsenceMessage(request.text, {
      now: sentAt.toISOString(),
      timeZone: 'Europe/Stockholm',
      ...(q.senderUtcOffsetMinutes !== undefined ? { senderUtcOffsetMinutes: q.senderUtcOffsetMinutes } : {}),
      locale: q.language,
      meetings: scene.candidates,
      people: await rosterFor(ctx, request.text),
      resolvedMeetingIds: ids,
    });
    // Only an absence the text itself states is recorded; anything else is said back, with nothing recorded.
    if (applied.kind !== 'absence') applied = applied.kind === 'ambiguous' ? { ...applied, options: [], candidates: [] } : { kind: 'not_understood' };
  }
  const outcome = await applyIntent(ctx, input, applied, 'chat', { scene, requestId: request.id });
  const [first, ...rest] = input.captured!;
  for (const [i, message] of rest.entries())
    await enqueueSend(ctx, { to: { personId: actor.id }, message, purpose: 'reply', dedupeKey: `absreq:${request.id}:${i + 1}` });
  return { outcome, message: first ?? null };
}

function summaryOf(m: MeetingSummary & { items?: unknown }): MeetingSummary {
  return { id: m.id, bodyId: m.bodyId, bodyName: m.bodyName, startsAt: m.startsAt, endsAt: m.endsAt, ...(m.timeZone ? { timeZone: m.timeZone } : {}) };
}

/** "Nej, det stämmer inte": the question is closed and nothing is recorded — and the card says so. */
export async function declineAbsenceRequest(ctx: UseCaseContext, requestId: string, actor: Person, fallbackLocale: 'sv' | 'en'): Promise<OutboundMessage> {
  const request = await openRequest(ctx, requestId, actor);
  await ctx.tx.absenceRequests.update({ ...request, status: 'declined' });
  await ctx.tx.audit.record({ actorPersonId: actor.id, action: 'absence.question_declined', entity: 'absence_request', entityId: request.id, correlationId: ctx.correlationId });
  const l = contextOf(request, fallbackLocale).language;
  return noteMessage(l, phrase`${own(l === 'en' ? 'All right, nothing is recorded. Write to me again if you want to report an absence.' : 'Okej, inget är noterat. Skriv till mig igen om du vill anmäla förhinder.')}`);
}
