/**
 * Ersättare called in. When a ledamot has förhinder, ersättare of the same organisation on the
 * same body are asked one at a time, in the body's order (a substitute the ledamot named first, then one
 * tied to that ledamot personally, then substituteOrder). "Nej", a timeout (a durable job, the secretary sets
 * the minutes) or a förhinder of the ersättare moves to the next; nobody left → the secretary is told.
 * A withdrawn förhinder gives the seat back and the serving ersättare is told. When the ordförande has
 * förhinder the vice ordförande is asked to chair.
 */
import type { Meeting, Membership, Person } from '../domain';
import type { CallIn, CallInPurpose, CallInStep } from '../domain/bot-records';
import type { CallInChainView, CallInOverview } from '../contracts/meeting-views';
import { RadslagError } from '../errors/catalog';
import { bodyName, localeOf, meetingFor, nowIso } from './lookups';
import { writePersonAttendance } from './attendance-rows';
import { readOnly, type UseCaseContext } from '../usecase/context';
import { meetingPhrase, own, phrase, plainPhrase, type Phrase } from '../absence';
import { enqueueSend, reachable } from './outbox';

export const CALL_IN_TIMEOUT_JOB = 'callin.timeout';
export const DEFAULT_CALL_IN_TIMEOUT_MINUTES = 24 * 60;

export type { CallInChainView, CallInOverview } from '../contracts/meeting-views';

async function timeoutMinutes(ctx: UseCaseContext, meetingId: string): Promise<number> {
  const [s] = await ctx.tx.meetingBotSettings.findBy({ meetingId });
  return s?.callInTimeoutMinutes ?? DEFAULT_CALL_IN_TIMEOUT_MINUTES;
}

export async function setCallInTimeout(ctx: UseCaseContext, meetingId: string, minutes: number): Promise<void> {
  const [s] = await ctx.tx.meetingBotSettings.findBy({ meetingId });
  if (s) await ctx.tx.meetingBotSettings.update({ ...s, callInTimeoutMinutes: minutes });
  else await ctx.tx.meetingBotSettings.insert({ id: ctx.ids.next(), meetingId, callInTimeoutMinutes: minutes, kallelseSentAt: null, kallelseSentForStartsAt: null, version: 1 });
}

async function hasAbsence(ctx: UseCaseContext, meetingId: string, personId: string): Promise<boolean> {
  return (await ctx.tx.attendance.findBy({ meetingId, personId })).some((a) => a.state === 'förhinder');
}

/** Whom to ask, in order, for an absent member's seat or chair. */
async function candidates(ctx: UseCaseContext, meeting: Meeting, seat: Membership, purpose: CallInPurpose, named: string | null): Promise<string[]> {
  let ordered: Membership[];
  // Only the rows that can be asked are read: a whole body's roster per förhinder was most of its bytes (profile).
  if (purpose === 'chair') {
    const vice = await ctx.tx.memberships.findBy({ bodyId: seat.bodyId, role: 'vice_ordförande' });
    ordered = vice.filter((m) => m.personId && m.personId !== seat.personId);
  } else {
    const ersattare = await ctx.tx.memberships.findBy({ bodyId: seat.bodyId, role: 'ersättare', organisationId: seat.organisationId ?? null });
    const sameOrg = ersattare.filter((m) => m.personId);
    ordered = sameOrg.sort((a, b) => {
      const personal = (m: Membership) => (m.substituteForPersonId === seat.personId ? 0 : m.substituteForPersonId ? 2 : 1);
      return personal(a) - personal(b) || (a.substituteOrder ?? 999) - (b.substituteOrder ?? 999) || a.id.localeCompare(b.id);
    });
    // Personal ersättare of another ledamot are not asked for this one.
    ordered = ordered.filter((m) => !m.substituteForPersonId || m.substituteForPersonId === seat.personId);
  }
  const ids = ordered.map((m) => m.personId!) as string[];
  const all = named ? [named, ...ids.filter((id) => id !== named)] : ids;
  return [...new Set(all)].filter((id) => id !== seat.personId);
}

/** What the caller already read in this transaction (not read again per step). */
export interface CallInKnown {
  /** The absent person's memberships (all bodies). */
  memberships?: Membership[];
  absent?: Person;
  bodyNames?: Map<string, string>;
}

/** Starts (or restarts after a re-given förhinder) the chains an absence needs. */
export async function startCallIns(ctx: UseCaseContext, meeting: Meeting, absentPersonId: string, namedSubstitutePersonId: string | null, known: CallInKnown = {}): Promise<CallIn[]> {
  const seats = (known.memberships ?? (await ctx.tx.memberships.findBy({ personId: absentPersonId }))).filter((m) => meeting.bodyIds.includes(m.bodyId));
  const started: CallIn[] = [];
  for (const seat of seats) {
    const purposes: CallInPurpose[] = [];
    if (seat.role === 'ledamot' || seat.role === 'ordförande' || seat.role === 'vice_ordförande') purposes.push('substitute');
    if (seat.role === 'ordförande') purposes.push('chair');
    for (const purpose of purposes) {
      const existing = (await ctx.tx.callIns.findBy({ meetingId: meeting.id, absentPersonId, purpose, bodyId: seat.bodyId }))[0];
      if (existing && existing.status !== 'cancelled') continue;
      const people = await candidates(ctx, meeting, seat, purpose, purpose === 'substitute' ? namedSubstitutePersonId : null);
      if (purpose === 'substitute' && people.length === 0 && !seat.organisationId) continue;
      let callIn: CallIn;
      if (existing) {
        callIn = await ctx.tx.callIns.update({ ...existing, status: 'open', filledByPersonId: null, namedSubstitutePersonId });
        for (const s of await ctx.tx.callInSteps.findBy({ callInId: existing.id })) await ctx.tx.callInSteps.delete(s.id);
      } else {
        callIn = await ctx.tx.callIns.insert({
          id: ctx.ids.next(),
          meetingId: meeting.id,
          bodyId: seat.bodyId,
          absentPersonId,
          organisationId: seat.organisationId,
          purpose,
          status: 'open',
          namedSubstitutePersonId,
          filledByPersonId: null,
          version: 1,
        });
      }
      // The whole chain in one INSERT (one round trip, not one per ersättare).
      const steps: CallInStep[] = await ctx.tx.callInSteps.insertMany(people.map((personId, i) => ({ id: ctx.ids.next(), callInId: callIn.id, position: i + 1, personId, state: 'waiting' as const, askedAt: null, answeredAt: null, version: 1 })));
      await ctx.tx.audit.record({ actorPersonId: null, actorLabel: 'rådslag', action: 'callin.start', entity: 'call_in', entityId: callIn.id, details: { purpose, candidates: people.length }, correlationId: ctx.correlationId });
      // The steps just written are the chain (a restarted chain had its old steps deleted above).
      started.push(await askNext(ctx, callIn, { meeting, steps, ...(known.absent?.id === absentPersonId ? { absent: known.absent } : {}), ...(known.bodyNames ? { bodyNames: known.bodyNames } : {}) }));
    }
  }
  return started;
}

/** Asks the next person in line, skipping those with förhinder; marks the chain exhausted when nobody is left. */
export async function askNext(
  ctx: UseCaseContext,
  callIn: CallIn,
  known: { meeting?: Meeting; absent?: Person; bodyNames?: Map<string, string>; steps?: CallInStep[] } = {},
): Promise<CallIn> {
  const meeting = known.meeting?.id === callIn.meetingId ? known.meeting : await ctx.tx.meetings.require(callIn.meetingId);
  const steps = known.steps ?? (await ctx.tx.callInSteps.findBy({ callInId: callIn.id }, 'position'));
  const waiting = steps.filter((s) => s.state === 'waiting');
  // Who can be reached, for the whole chain in one query (one query per step before).
  const refs = waiting.length > 1 ? await ctx.tx.conversationRefs.findForPeople(waiting.map((s) => s.personId)) : null;
  // Who of them has förhinder, likewise from one read of the meeting's attendance (one query per step before).
  const withAbsence = waiting.length > 1 ? new Set((await ctx.tx.attendance.findBy({ meetingId: meeting.id })).filter((a) => a.state === 'förhinder').map((a) => a.personId)) : null;
  for (const step of waiting) {
    if (withAbsence ? withAbsence.has(step.personId) : await hasAbsence(ctx, meeting.id, step.personId)) {
      await ctx.tx.callInSteps.update({ ...step, state: 'absent', answeredAt: nowIso(ctx) });
      continue;
    }
    if (!(refs ? refs.has(step.personId) : await reachable(ctx.tx, step.personId))) {
      // Not reachable in Teams: skipped (the chain view shows it); the secretary can ask them another way.
      await ctx.tx.callInSteps.update({ ...step, state: 'skipped', answeredAt: nowIso(ctx) });
      continue;
    }
    const asked = await ctx.tx.callInSteps.update({ ...step, state: 'asked', askedAt: nowIso(ctx) });
    const person = await ctx.tx.people.require(step.personId);
    const absent = known.absent?.id === callIn.absentPersonId ? known.absent : await ctx.tx.people.require(callIn.absentPersonId);
    await enqueueSend(ctx, {
      to: { personId: person.id },
      purpose: 'callin.ask',
      dedupeKey: `callin-ask:${asked.id}:${asked.version}`,
      message: {
        card: 'callIn',
        model: {
          locale: localeOf(person),
          cardId: `callin-${asked.id}`,
          callIn: { id: asked.id, version: asked.version },
          absentName: callIn.purpose === 'chair' ? `${absent.name} (${localeOf(person) === 'en' ? 'as chair' : 'som ordförande'})` : absent.name,
          meeting: { bodyName: known.bodyNames?.get(callIn.bodyId) ?? (await bodyName(ctx, callIn.bodyId)), startsAt: meeting.startsAt, timeZone: meeting.timeZone },
        },
      },
    });
    const minutes = await timeoutMinutes(ctx, meeting.id);
    await ctx.enqueue('callin.timeout', { stepId: asked.id, stepVersion: asked.version }, { runAt: new Date(ctx.clock.now().getTime() + minutes * 60_000).toISOString(), dedupeKey: `callin-timeout:${asked.id}` });
    ctx.events.push({ type: 'callin.changed', meetingId: meeting.id, data: { callInId: callIn.id } });
    return callIn;
  }
  const exhausted = await ctx.tx.callIns.update({ ...callIn, status: 'exhausted' });
  await tellSecretaries(ctx, meeting, 'callin-nobody', exhausted.id + ':' + exhausted.version, async (l) => {
    const absent = known.absent?.id === callIn.absentPersonId ? known.absent : await ctx.tx.people.require(callIn.absentPersonId);
    const where = meetingPhrase({ bodyName: await bodyName(ctx, callIn.bodyId), startsAt: meeting.startsAt, timeZone: meeting.timeZone }, l);
    return l === 'en'
      ? phrase`Nobody is available to ${own(callIn.purpose === 'chair' ? 'chair' : 'serve')} for ${absent.name}: ${where}`
      : phrase`Ingen är tillgänglig att ${own(callIn.purpose === 'chair' ? 'vara ordförande' : 'tjänstgöra')} för ${absent.name}: ${where}`;
  });
  ctx.events.push({ type: 'callin.changed', meetingId: meeting.id, data: { callInId: callIn.id } });
  return exhausted;
}

/**
 * A notice card to each secretary of the meeting. `headline` is either plain text (escaped whole on the card)
 * or a Phrase, whose own words stay as written and whose parameters (names) alone are escaped.
 */
export async function tellSecretaries(ctx: UseCaseContext, meeting: Meeting, purpose: string, dedupe: string, headline: (l: 'sv' | 'en') => Promise<string | Phrase>, lines: string[] = []): Promise<void> {
  for (const personId of meeting.secretaryPersonIds) {
    const secretary = await ctx.tx.people.get(personId);
    // A secretary without a Teams chat with the bot sees the same facts in the tab.
    if (!secretary || !(await reachable(ctx.tx, personId))) continue;
    const locale = localeOf(secretary);
    await enqueueSend(ctx, {
      to: { personId },
      purpose,
      dedupeKey: `${purpose}:${dedupe}:${personId}`,
      message: { card: 'secretaryNotice', model: { locale, headline: await headline(locale), lines } },
    });
  }
}

/** "Ja" or "Nej" from the ersättare. Answering a step that is no longer asked changes nothing. */
export async function answerCallIn(ctx: UseCaseContext, stepId: string, answer: 'ja' | 'nej', actor: Person): Promise<{ step: CallInStep; callIn: CallIn }> {
  const step = await ctx.tx.callInSteps.require(stepId);
  if (step.personId !== actor.id) throw new RadslagError('FORBIDDEN', { reasonSv: 'du kan bara svara på din egen inkallelse', reasonEn: 'you can only answer your own call-in' }, { reason: 'not_self' });
  const callIn = await ctx.tx.callIns.require(step.callInId);
  if (step.state !== 'asked' || callIn.status !== 'open') return { step, callIn };
  await ctx.tx.jobs.cancelByDedupeKey(`callin-timeout:${step.id}`);
  if (answer === 'nej') {
    const declined = await ctx.tx.callInSteps.update({ ...step, state: 'declined', answeredAt: nowIso(ctx) });
    return { step: declined, callIn: await askNext(ctx, callIn) };
  }
  const accepted = await ctx.tx.callInSteps.update({ ...step, state: 'accepted', answeredAt: nowIso(ctx) });
  const filled = await ctx.tx.callIns.update({ ...callIn, status: 'filled', filledByPersonId: actor.id });
  if (callIn.purpose === 'substitute') await seatSubstitute(ctx, filled, actor.id);
  const meeting = await ctx.tx.meetings.require(callIn.meetingId);
  const absent = await ctx.tx.people.require(callIn.absentPersonId);
  await tellSecretaries(ctx, meeting, 'callin-filled', filled.id, async (l) =>
    l === 'en' ? `${actor.name} ${callIn.purpose === 'chair' ? 'chairs' : 'serves'} for ${absent.name}` : `${actor.name} ${callIn.purpose === 'chair' ? 'är ordförande' : 'tjänstgör'} för ${absent.name}`,
  );
  await ctx.tx.audit.record({ actorPersonId: actor.id, action: 'callin.accept', entity: 'call_in', entityId: callIn.id, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'callin.changed', meetingId: callIn.meetingId, data: { callInId: callIn.id } });
  return { step: accepted, callIn: filled };
}

async function seatSubstitute(ctx: UseCaseContext, callIn: CallIn, personId: string): Promise<void> {
  const base = { state: 'expected' as const, source: 'call_in' as const, replacesPersonId: callIn.absentPersonId, bodyId: callIn.bodyId, updatedAt: nowIso(ctx), updatedBy: null };
  // The seat is in the call-in's body: an ersättare who sits in several bodies of a joint meeting serves there only.
  await writePersonAttendance(ctx, await ctx.tx.meetings.require(callIn.meetingId), personId, callIn.bodyId, () => base);
}

/** The durable timeout: the asked person did not answer in time; the next is asked. */
export async function timeOutCallIn(ctx: UseCaseContext, stepId: string): Promise<boolean> {
  const step = await ctx.tx.callInSteps.get(stepId);
  if (!step || step.state !== 'asked') return false;
  const callIn = await ctx.tx.callIns.require(step.callInId);
  if (callIn.status !== 'open') return false;
  await ctx.tx.callInSteps.update({ ...step, state: 'timed_out', answeredAt: nowIso(ctx) });
  await askNext(ctx, callIn);
  return true;
}

/** The förhinder was withdrawn: chains stop, a serving ersättare gives the seat back and is told. */
export async function withdrawCallIns(ctx: UseCaseContext, meetingId: string, absentPersonId: string): Promise<void> {
  const meeting = await ctx.tx.meetings.require(meetingId);
  const absent = await ctx.tx.people.require(absentPersonId);
  for (const callIn of await ctx.tx.callIns.findBy({ meetingId, absentPersonId })) {
    if (callIn.status === 'cancelled') continue;
    for (const step of await ctx.tx.callInSteps.findBy({ callInId: callIn.id })) {
      if (step.state === 'asked' || step.state === 'accepted') {
        await ctx.tx.jobs.cancelByDedupeKey(`callin-timeout:${step.id}`);
        await ctx.tx.callInSteps.update({ ...step, state: 'withdrawn', answeredAt: nowIso(ctx) });
        const person = await ctx.tx.people.require(step.personId);
        const l = localeOf(person);
        if (step.state === 'accepted' && callIn.purpose === 'substitute') {
          const rows = await ctx.tx.attendance.findBy({ meetingId, personId: step.personId });
          const a = rows.find((r) => r.bodyId === callIn.bodyId) ?? (rows.length === 1 ? rows[0] : undefined);
          if (a && a.source === 'call_in' && a.replacesPersonId === absentPersonId) await ctx.tx.attendance.delete(a.id);
        }
        // Which meeting, by body and day: an ersättare may be called in for several.
        const where = plainPhrase(meetingPhrase({ bodyName: await bodyName(ctx, callIn.bodyId), startsAt: meeting.startsAt, timeZone: meeting.timeZone }, l));
        const wasAccepted = step.state === 'accepted';
        await enqueueSend(ctx, {
          to: { personId: person.id },
          purpose: 'callin.withdrawn',
          dedupeKey: `callin-withdrawn:${step.id}`,
          message: {
            text:
              l === 'en'
                ? `${absent.name} can attend ${where} after all, so you are no longer ${wasAccepted ? 'serving' : 'asked to serve'} as substitute there. Thank you!`
                : `${absent.name} kan komma till ${where} ändå, så du behöver inte ${wasAccepted ? 'tjänstgöra' : 'svara på inkallelsen'} som ersättare där. Tack!`,
          },
        });
      } else if (step.state === 'waiting') {
        await ctx.tx.callInSteps.update({ ...step, state: 'skipped' });
      }
    }
    await ctx.tx.callIns.update({ ...callIn, status: 'cancelled' });
    ctx.events.push({ type: 'callin.changed', meetingId, data: { callInId: callIn.id } });
  }
}

/** The secretary puts someone in the seat directly (override), or asks a specific person next. */
export async function overrideCallIn(ctx: UseCaseContext, callInId: string, personId: string, mode: 'assign' | 'ask'): Promise<CallIn> {
  const callIn = await ctx.tx.callIns.require(callInId);
  await ctx.tx.people.require(personId);
  const steps = await ctx.tx.callInSteps.findBy({ callInId }, 'position');
  for (const s of steps) if (s.state === 'asked') {
    await ctx.tx.jobs.cancelByDedupeKey(`callin-timeout:${s.id}`);
    await ctx.tx.callInSteps.update({ ...s, state: 'skipped' });
  }
  const existing = steps.find((s) => s.personId === personId);
  const position = Math.max(0, ...steps.map((s) => s.position)) + 1;
  if (mode === 'assign') {
    if (existing) await ctx.tx.callInSteps.update({ ...(await ctx.tx.callInSteps.require(existing.id)), state: 'accepted', answeredAt: nowIso(ctx), putInBySecretary: true });
    else await ctx.tx.callInSteps.insert({ id: ctx.ids.next(), callInId, position, personId, state: 'accepted', askedAt: nowIso(ctx), answeredAt: nowIso(ctx), putInBySecretary: true, version: 1 });
    const filled = await ctx.tx.callIns.update({ ...callIn, status: 'filled', filledByPersonId: personId });
    if (callIn.purpose === 'substitute') await seatSubstitute(ctx, filled, personId);
    ctx.events.push({ type: 'callin.changed', meetingId: callIn.meetingId, data: { callInId } });
    return filled;
  }
  // Ask this person now: first in line among the waiting.
  if (existing) await ctx.tx.callInSteps.delete(existing.id);
  for (const s of await ctx.tx.callInSteps.findBy({ callInId }))
    if (s.state === 'waiting') await ctx.tx.callInSteps.update({ ...s, position: s.position + position + 1 });
  await ctx.tx.callInSteps.insert({ id: ctx.ids.next(), callInId, position, personId, state: 'waiting', askedAt: null, answeredAt: null, version: 1 });
  const reopened = await ctx.tx.callIns.update({ ...callIn, status: 'open', filledByPersonId: null });
  return askNext(ctx, reopened);
}

export async function callInChains(ctx: UseCaseContext, meetingId: string): Promise<CallInChainView[]> {
  // Four reads whatever the number of chains (it was two per step and one per chain).
  const callIns = await ctx.tx.callIns.findBy({ meetingId }, 'absentPersonId');
  const allSteps = await ctx.tx.callInSteps.findIn('callInId', callIns.map((c) => c.id), 'position');
  const people = new Map((await ctx.tx.people.findIn('id', [...callIns.map((c) => c.absentPersonId), ...allSteps.map((s) => s.personId)])).map((p) => [p.id, p]));
  const orgIds = [...people.values()].flatMap((p) => (p.organisationId ? [p.organisationId] : []));
  const orgs = new Map((await ctx.tx.organisations.findIn('id', orgIds)).map((o) => [o.id, o.name]));
  return callIns.map((callIn) => ({
    callIn,
    absentName: people.get(callIn.absentPersonId)?.name ?? '',
    steps: allSteps
      .filter((s) => s.callInId === callIn.id)
      .map((s) => {
        const p = people.get(s.personId);
        return { ...s, name: p?.name ?? '', organisation: (p?.organisationId ? orgs.get(p.organisationId) : null) ?? null };
      }),
  }));
}

/** The secretary's view: the call-in chains of a meeting and how long an ersättare has to answer. */
export const callInOverview = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<CallInOverview> => {
  const meeting = await meetingFor(ctx, meetingId, 'meeting.read');
  return callInOverviewOf(ctx, meeting);
});

/** The call-in chains of a meeting the caller is already authorised to read. */
export async function callInOverviewOf(ctx: UseCaseContext, meeting: Meeting): Promise<CallInOverview> {
  const [s] = await ctx.tx.meetingBotSettings.findBy({ meetingId: meeting.id });
  return { timeoutMinutes: s?.callInTimeoutMinutes ?? DEFAULT_CALL_IN_TIMEOUT_MINUTES, chains: await callInChains(ctx, meeting.id) };
}

/** The secretary overrides a chain: assign someone to the seat, or ask someone next. */
export async function overrideCallInChain(ctx: UseCaseContext, { meetingId, callInId, ...input }: { meetingId: string; callInId: string; personId: string; mode: 'assign' | 'ask' }): Promise<CallIn> {
  const meeting = await meetingFor(ctx, meetingId, 'callin.manage');
  const callIn = await ctx.tx.callIns.require(callInId);
  if (callIn.meetingId !== meeting.id) throw new RadslagError('NOT_FOUND', { entity: 'Inkallelsen / The call-in' });
  const saved = await overrideCallIn(ctx, callInId, input.personId, input.mode);
  await ctx.tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'callin.override', entity: 'call_in', entityId: callInId, details: input, correlationId: ctx.correlationId });
  return saved;
}

export async function changeCallInTimeout(ctx: UseCaseContext, { meetingId, minutes }: { meetingId: string; minutes: number }): Promise<{ timeoutMinutes: number }> {
  const meeting = await meetingFor(ctx, meetingId, 'callin.manage');
  await setCallInTimeout(ctx, meeting.id, minutes);
  await ctx.tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'callin.timeout_set', entity: 'meeting', entityId: meeting.id, details: { minutes }, correlationId: ctx.correlationId });
  return { timeoutMinutes: minutes };
}

/** The timeout job: the ersättare asked did not answer in time, so the next one is asked. */
export async function callInStepTimedOut(ctx: UseCaseContext, { stepId }: { stepId: string }): Promise<{ timedOut: boolean }> {
  return { timedOut: await timeOutCallIn(ctx, stepId) };
}
