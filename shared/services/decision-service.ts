/**
 * Decisions: proposed by the chair (of that item) or the secretary, word for word; confirmed, edited and
 * reopened only by the secretary (a reopen is audited with what was confirmed before). Standard decisions
 * in one tap, reservations by serving members, jäv recorded by the secretary.
 */
import { z } from 'zod';
import { STANDARD_DECISION_KEYS, type AgendaItem, type Decision, type Meeting, type Membership, type PolicyContext, type Recusal, type StandardDecisionKey } from '../domain';
import { idSchema, longText, textLine, versionSchema } from '../contracts/common';
import { RadslagError } from '../errors/catalog';
import type { DecisionRegisterEntry, Repositories } from '../ports/store';
import { authorize, rolesOn } from './access';
import { nowIso, readOnly, type UseCaseContext } from '../usecase/context';
import { refreshServingPeriods } from './serving-service';
import { bodyMembershipsOf, decisionInScene, itemInScene, loadScene, policyOn, requireItem, servingAt, stateError, type MeetingScene } from './agenda-access';
import { takesPart } from './agenda-service';
import { standardDecisionText } from './decision-texts';

const decisionText = textLine(4000);
export const proposeDecisionInput = z.strictObject({ text: decisionText, postponed: z.boolean().default(false) });
export const standardDecisionInput = z.strictObject({
  standardKey: z.enum(STANDARD_DECISION_KEYS),
  justerarePersonIds: z.array(idSchema).max(3).default([]),
});
export const editDecisionInput = z.strictObject({ version: versionSchema, text: decisionText });
export const confirmDecisionInput = z.strictObject({ version: versionSchema });
export const reopenDecisionInput = z.strictObject({ version: versionSchema, reason: longText(1000).optional() });
export const reservationInput = z.strictObject({ text: longText(2000).optional() });
export const recusalInput = z.strictObject({ itemId: idSchema, personId: idSchema, note: longText(500).optional() });

export interface DecisionScene {
  decision: Decision;
  meeting: Meeting;
  item: AgendaItem;
  /**
   * What the change read and authorized with, in the same transaction (confirm / edit / reopen): a card
   * drawn right after reuses them instead of reading the meeting and the actor's roles again.
   */
  scene?: MeetingScene;
  policy?: PolicyContext;
  /** The meeting's bodies' memberships the policy's roles came from. */
  memberships?: Membership[];
}

type DecisionRef = { decisionId: string };

export const listDecisions = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<Decision[]> => {
  const scene = await loadScene(ctx.tx, meetingId);
  authorize(ctx.actor, 'meeting.read', await policyOn(ctx.tx, ctx.actor, scene));
  return decisionsIn(ctx.tx, scene);
});

/** The meeting's decisions in agenda order, for a caller already authorised to read the meeting (its scene read). */
export async function decisionsIn(tx: UseCaseContext['tx'], scene: MeetingScene): Promise<Decision[]> {
  const order = new Map(scene.items.map((i) => [i.id, i.number]));
  return (await tx.decisions.findBy({ meetingId: scene.meeting.id }, 'proposedAt')).sort((a, b) => (order.get(a.itemId) ?? 0) - (order.get(b.itemId) ?? 0));
}

export const getDecision = readOnly(async (ctx, { decisionId }: DecisionRef): Promise<DecisionScene> => {
  const { decision, scene, item } = await decisionInScene(ctx.tx, ctx.actor, decisionId, 'meeting.read');
  return { decision, meeting: scene.meeting, item };
});

export async function proposeDecision(ctx: UseCaseContext, { meetingId, itemId, ...raw }: { meetingId: string; itemId: string } & z.input<typeof proposeDecisionInput>): Promise<DecisionScene> {
  const input = proposeDecisionInput.parse(raw);
  return createDecision(ctx, meetingId, itemId, async () => ({ text: input.text, standardKey: null, postponed: input.postponed }));
}

/**
 * One-tap standard decisions. "Val av justerare" names people present and sets the meeting's justerare
 * at once (they get the justering request when the minutes are ready).
 */
export async function proposeStandardDecision(ctx: UseCaseContext, { meetingId, itemId, ...raw }: { meetingId: string; itemId: string } & z.input<typeof standardDecisionInput>): Promise<DecisionScene> {
  const input = standardDecisionInput.parse(raw);
  return createDecision(ctx, meetingId, itemId, async (tx, meeting, item) => {
    let justerareNames: string[] = [];
    if (input.standardKey === 'justerare_elected') {
      const ids = [...new Set(input.justerarePersonIds)];
      if (ids.length < 1) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'justerarePersonIds: välj minst en', detailEn: 'choose at least one' });
      const present = new Set((await tx.attendance.findBy({ meetingId })).filter((a) => a.state === 'present').map((a) => a.personId));
      for (const id of ids) if (!present.has(id)) throw stateError('justerare väljs bland de närvarande', 'verifiers are elected from those present');
      justerareNames = await Promise.all(ids.map(async (id) => (await tx.people.require(id)).name));
      await tx.meetings.update({ ...meeting, justerarePersonIds: ids });
    }
    return {
      text: standardDecisionText(input.standardKey, { item, justerareNames }),
      standardKey: input.standardKey as StandardDecisionKey,
      postponed: input.standardKey === 'postponed',
    };
  });
}

async function createDecision(
  ctx: UseCaseContext,
  meetingId: string,
  itemId: string,
  content: (tx: Repositories, meeting: Meeting, item: AgendaItem) => Promise<Pick<Decision, 'text' | 'standardKey' | 'postponed'>>,
): Promise<DecisionScene> {
  const { tx } = ctx;
  const { scene, item } = await itemInScene(tx, ctx.actor, meetingId, itemId, 'decision.propose');
  const c = await content(tx, scene.meeting, item);
  const decision = await tx.decisions.insert({
    id: ctx.ids.next(),
    tenantId: ctx.tenantId,
    meetingId,
    itemId,
    text: c.text,
    standardKey: c.standardKey ?? null,
    status: 'proposed',
    postponed: c.postponed,
    proposedBy: ctx.actor.personId ?? 'system',
    proposedAt: nowIso(ctx),
    confirmedBy: null,
    confirmedAt: null,
    vote: null,
    reservations: [],
    version: 1,
  });
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'decision.propose', entity: 'decision', entityId: decision.id, details: { meetingId, itemNumber: item.number, standardKey: c.standardKey ?? null, postponed: c.postponed }, correlationId: ctx.correlationId });
  announce(ctx, 'decision.proposed', decision);
  return { decision, meeting: await tx.meetings.require(meetingId), item };
}

/** The secretary changes the proposed text (a confirmed text is fixed: reopen first). */
export async function editDecision(ctx: UseCaseContext, { decisionId, version, text: raw }: DecisionRef & { version: number; text: string }): Promise<DecisionScene> {
  const text = decisionText.parse(raw);
  return changeDecision(ctx, decisionId, 'decision.confirm', 'decision.edit', async (d) => {
    if (d.status === 'confirmed') throw stateError('beslutet är redan bekräftat; öppna det igen först', 'the decision is confirmed; reopen it first');
    return { ...d, text, version };
  });
}

/** The secretary confirms the text as it stands; it is then fixed, with who and when. */
export async function confirmDecision(ctx: UseCaseContext, { decisionId, version }: DecisionRef & { version: number }): Promise<DecisionScene> {
  return changeDecision(ctx, decisionId, 'decision.confirm', 'decision.confirm', async (d) => {
    if (d.status === 'confirmed') throw stateError('beslutet är redan bekräftat', 'the decision is already confirmed');
    if (d.vote && !d.vote.closedAt) throw stateError('omröstningen pågår; avsluta den först', 'the vote is still open; close it first');
    return { ...d, status: 'confirmed', confirmedBy: ctx.actor.personId, confirmedAt: nowIso(ctx), version };
  });
}

/** Only the secretary reopens; the audit keeps the text and the confirmer that were undone. */
export async function reopenDecision(ctx: UseCaseContext, { decisionId, version, reason }: DecisionRef & { version: number; reason?: string | undefined }): Promise<DecisionScene> {
  return changeDecision(
    ctx,
    decisionId,
    'decision.reopen',
    'decision.reopen',
    async (d) => {
      if (d.status !== 'confirmed') throw stateError('beslutet är inte bekräftat', 'the decision is not confirmed');
      return { ...d, status: 'proposed', confirmedBy: null, confirmedAt: null, version };
    },
    (before) => ({ previousText: before.text, previousConfirmedBy: before.confirmedBy, previousConfirmedAt: before.confirmedAt, reason: reason ?? null }),
  );
}

const CHANGE_EVENTS: Record<string, string> = { 'decision.edit': 'decision.edited', 'decision.confirm': 'decision.confirmed', 'decision.reopen': 'decision.reopened' };

async function changeDecision(
  ctx: UseCaseContext,
  decisionId: string,
  action: 'decision.confirm' | 'decision.reopen',
  auditAction: string,
  apply: (d: Decision) => Promise<Decision>,
  auditDetails?: (before: Decision) => Record<string, unknown>,
): Promise<DecisionScene> {
  const { tx } = ctx;
  const before = await tx.decisions.require(decisionId);
  const scene = await loadScene(tx, before.meetingId);
  const item = requireItem(scene, before.itemId);
  // The bodies' memberships (not only the actor's): the same one query gives the roles here and the
  // serving members / quorum of the card drawn after, without a second read.
  const memberships = await bodyMembershipsOf(tx, scene.meeting);
  const policy = await policyOn(tx, ctx.actor, scene, item.number, {}, memberships);
  authorize(ctx.actor, action, policy);
  // A stale version is refused with the fresh decision, so the client can show what won.
  const saved = await tx.decisions.update(await apply(before));
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: auditAction, entity: 'decision', entityId: decisionId, details: { meetingId: before.meetingId, version: saved.version, ...(auditDetails?.(before) ?? {}) }, correlationId: ctx.correlationId });
  announce(ctx, CHANGE_EVENTS[auditAction] ?? auditAction, saved);
  return { decision: saved, meeting: scene.meeting, item, scene, policy, memberships };
}

/** A serving member reserves themself against a decision (once; a second reservation is refused). */
export async function addReservation(ctx: UseCaseContext, { decisionId, ...raw }: DecisionRef & z.input<typeof reservationInput>): Promise<DecisionScene> {
  const input = reservationInput.parse(raw);
  const { tx } = ctx;
  const { scene, item } = await decisionInScene(tx, ctx.actor, decisionId, 'reservation.add', async ({ scene, item }) => {
    const { serving } = await servingAt(tx, scene.meeting, item, undefined, scene.items);
    return { isServingMember: ctx.actor.personId !== null && serving.some((s) => s.personId === ctx.actor.personId) };
  });
  // Several members may reserve at once: retry on a concurrent write instead of failing them.
  for (let attempt = 0; ; attempt++) {
    const d = await tx.decisions.require(decisionId);
    if (d.reservations.some((r) => r.personId === ctx.actor.personId)) throw new RadslagError('DUPLICATE', { entity: 'Reservationen / The reservation' });
    try {
      const saved = await tx.decisions.update({ ...d, reservations: [...d.reservations, { personId: ctx.actor.personId!, text: input.text?.trim() || null, at: nowIso(ctx) }] });
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'reservation.add', entity: 'decision', entityId: decisionId, details: { meetingId: d.meetingId }, correlationId: ctx.correlationId });
      announce(ctx, 'decision.reservation', saved);
      return { decision: saved, meeting: scene.meeting, item };
    } catch (e) {
      if (!(e instanceof RadslagError && e.code === 'CONFLICT_STALE') || attempt >= 4) throw e;
    }
  }
}

/** Jäv: the secretary records that a person takes no part in an item. */
export async function recordRecusal(ctx: UseCaseContext, { meetingId, ...raw }: { meetingId: string } & z.input<typeof recusalInput>): Promise<{ recusal: Recusal; item: AgendaItem; meeting: Meeting }> {
  const input = recusalInput.parse(raw);
  const { tx } = ctx;
  const { scene, item } = await itemInScene(tx, ctx.actor, meetingId, input.itemId, 'recusal.record');
  await tx.people.require(input.personId);
  if (!(await takesPart(tx, scene.meeting, input.personId))) throw stateError('personen är inte med i mötet', 'the person does not take part in the meeting');
  const recusal = await tx.recusals.insert({ id: ctx.ids.next(), meetingId, itemId: item.id, personId: input.personId, note: input.note?.trim() || null });
  // Jäv takes the member out of this item's seat; an ersättare may serve for it.
  if (item.startedAt) await refreshServingPeriods(ctx, scene.meeting);
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'recusal.record', entity: 'recusal', entityId: recusal.id, details: { meetingId, itemNumber: item.number, personId: input.personId }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'recusal.recorded', meetingId, data: { itemId: item.id } });
  return { recusal, item, meeting: scene.meeting };
}

export const listRecusals = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<Recusal[]> => {
  const scene = await loadScene(ctx.tx, meetingId);
  authorize(ctx.actor, 'meeting.read', await policyOn(ctx.tx, ctx.actor, scene));
  return ctx.tx.recusals.findBy({ meetingId });
});

export function announce(ctx: Pick<UseCaseContext, 'events'>, type: string, d: Decision): void {
  ctx.events.push({ type, meetingId: d.meetingId, data: { decisionId: d.id, version: d.version } });
}

/** The decision register of a body: confirmed decisions of its meetings, newest first, optionally searched. */
export const decisionRegister = readOnly(async (ctx, { bodyId, q, limit }: { bodyId: string; q?: string | undefined; limit?: number | undefined }): Promise<DecisionRegisterEntry[]> => {
  await ctx.tx.bodies.require(bodyId);
  authorize(ctx.actor, 'body.read', { roles: await rolesOn(ctx.tx, ctx.actor.personId, [bodyId]) });
  return ctx.tx.decisionRegister.confirmedForBody(bodyId, q ?? '', limit ?? 200);
});
