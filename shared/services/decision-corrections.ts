/**
 * The secretary's corrections to decisions from the desk: withdraw a proposal, move it to the item it belongs
 * to, and record a reservation a serving member states aloud ("X reserverade sig mot beslutet"). All are the
 * secretary's (checked here by role); after justering the store's lock refuses them (LOCKED_FINAL).
 */
import { z } from 'zod';
import type { Decision } from '../domain';
import { idSchema, longText, versionSchema } from '../contracts/common';
import { RadslagError } from '../errors/catalog';
import { authorize } from './access';
import { decisionInScene, loadScene, policyOn, servingAt, stateError } from './agenda-access';
import { announce, type DecisionScene } from './decision-service';
import { nowIso, readOnly, type UseCaseContext } from '../usecase/context';

export const withdrawDecisionInput = z.strictObject({ version: versionSchema });
export const moveDecisionInput = z.strictObject({ version: versionSchema, itemId: idSchema });
export const recordReservationInput = z.strictObject({ personId: idSchema, text: longText(2000).optional() });

type DecisionRef = { decisionId: string };

/** A stale version is refused with the fresh decision, so the client can show what won. */
function requireVersion(d: Decision, version: number): void {
  if (d.version !== version) throw new RadslagError('CONFLICT_STALE', {}, d);
}

function requireProposed(d: Decision, sv: string, en: string): void {
  if (d.status === 'confirmed') throw stateError(`beslutet är bekräftat; öppna det igen för att ${sv}`, `the decision is confirmed; reopen it to ${en}`);
  // A vote was held on it under its item: the result belongs there and is not thrown away silently.
  if (d.vote) throw stateError('det har röstats om beslutet', 'the decision has been put to a vote');
}

/**
 * Withdraws a proposal that should not have been made (wrong item, written twice). The row goes, as agenda
 * items removed before the meeting do; the audit keeps its text, item and proposer, so nothing is lost
 * without trace, and the minutes never show it.
 */
export async function withdrawDecision(ctx: UseCaseContext, { decisionId, ...raw }: DecisionRef & z.input<typeof withdrawDecisionInput>): Promise<{ decisionId: string; itemId: string }> {
  const input = withdrawDecisionInput.parse(raw);
  const { tx } = ctx;
  const { decision: d, item } = await decisionInScene(tx, ctx.actor, decisionId, 'decision.withdraw');
  requireVersion(d, input.version);
  requireProposed(d, 'dra tillbaka det', 'withdraw it');
  await tx.decisions.delete(d.id);
  await tx.audit.record({
    actorPersonId: ctx.actor.personId,
    action: 'decision.withdraw',
    entity: 'decision',
    entityId: d.id,
    details: { meetingId: d.meetingId, itemNumber: item.number, text: d.text, standardKey: d.standardKey ?? null, proposedBy: d.proposedBy, proposedAt: d.proposedAt, version: d.version },
    correlationId: ctx.correlationId,
  });
  ctx.events.push({ type: 'decision.withdrawn', meetingId: d.meetingId, data: { decisionId: d.id } });
  return { decisionId: d.id, itemId: d.itemId };
}

/** Moves a proposal to another item of the same meeting (it was written while the desk showed the wrong one). */
export async function moveDecision(ctx: UseCaseContext, { decisionId, ...raw }: DecisionRef & z.input<typeof moveDecisionInput>): Promise<DecisionScene> {
  const input = moveDecisionInput.parse(raw);
  const { tx } = ctx;
  const { decision: d, scene, item: from } = await decisionInScene(tx, ctx.actor, decisionId, 'decision.move');
  const to = scene.items.find((i) => i.id === input.itemId);
  if (!to) throw new RadslagError('VALIDATION_FAILED', { detail: 'punkten hör inte till mötet / the item is not on this meeting’s agenda' });
  requireVersion(d, input.version);
  requireProposed(d, 'flytta det', 'move it');
  if (to.id === from.id) throw stateError(`beslutet hör redan till punkt ${to.number}`, `the decision is already under item ${to.number}`);
  const saved = await tx.decisions.update({ ...d, itemId: to.id });
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'decision.move', entity: 'decision', entityId: d.id, details: { meetingId: d.meetingId, fromItemNumber: from.number, toItemNumber: to.number, version: saved.version }, correlationId: ctx.correlationId });
  announce(ctx, 'decision.moved', saved);
  return { decision: saved, meeting: scene.meeting, item: to };
}

/**
 * The secretary records a reservation a serving member stated at the meeting, proposed or confirmed (members
 * often reserve themselves once the decision is made). Only someone serving at the item can reserve, once.
 */
export async function recordReservation(ctx: UseCaseContext, { decisionId, ...raw }: DecisionRef & z.input<typeof recordReservationInput>): Promise<DecisionScene> {
  const input = recordReservationInput.parse(raw);
  const { tx } = ctx;
  const { decision: d, scene, item } = await decisionInScene(tx, ctx.actor, decisionId, 'reservation.record');
  const { serving } = await servingAt(tx, scene.meeting, item);
  if (!serving.some((s) => s.personId === input.personId)) throw stateError('bara tjänstgörande ledamöter kan reservera sig', 'only serving members can enter a reservation');
  if (d.reservations.some((r) => r.personId === input.personId)) throw new RadslagError('DUPLICATE', { entity: 'Reservationen / The reservation' });
  const saved = await tx.decisions.update({ ...d, reservations: [...d.reservations, { personId: input.personId, text: input.text?.trim() || null, at: nowIso(ctx) }] });
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'reservation.record', entity: 'decision', entityId: d.id, details: { meetingId: d.meetingId, personId: input.personId }, correlationId: ctx.correlationId });
  announce(ctx, 'decision.reservation', saved);
  return { decision: saved, meeting: scene.meeting, item };
}

/**
 * Whom the secretary's desk offers for a reservation: exactly whom recordReservation accepts (serving at the
 * decision's item by the same rule, jäv taken into account), less those who have reserved already. Read when
 * the form opens, so the picker never offers someone the server would refuse.
 */
export const reservationCandidates = readOnly(async (ctx, { decisionId }: DecisionRef): Promise<{ personIds: string[] }> => {
  const { decision: d, scene, item } = await decisionInScene(ctx.tx, ctx.actor, decisionId, 'reservation.record');
  const { serving } = await servingAt(ctx.tx, scene.meeting, item);
  return { personIds: serving.map((s) => s.personId).filter((pid) => !d.reservations.some((r) => r.personId === pid)) };
});

/**
 * A decision that is no longer there because it was withdrawn: where it was (a card posted in the chat before
 * the withdrawal refreshes to say so instead of failing). NOT_FOUND when no decision of that id was withdrawn.
 */
export const withdrawnDecision = readOnly(async (ctx, { decisionId }: DecisionRef): Promise<{ meetingId: string; itemNumber: number | null }> => {
  const entry = (await ctx.tx.audit.list({ entity: 'decision', entityId: decisionId, limit: 20 })).find((a) => a.action === 'decision.withdraw');
  const meetingId = typeof entry?.details?.meetingId === 'string' ? entry.details.meetingId : null;
  if (!meetingId) throw new RadslagError('NOT_FOUND', { entity: 'Beslutet / The decision' });
  const scene = await loadScene(ctx.tx, meetingId);
  authorize(ctx.actor, 'meeting.read', await policyOn(ctx.tx, ctx.actor, scene));
  return { meetingId, itemNumber: typeof entry?.details?.itemNumber === 'number' ? entry.details.itemNumber : null };
});
