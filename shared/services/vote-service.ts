/**
 * Open votes on a proposed decision: the chair of the item or the secretary opens it; the members serving
 * at that moment (ledamöter present, ersättare serving for an absent ledamot, minus jäv) are the eligible
 * voters, fixed at opening; each casts ja / nej / avstår once; closing stores the result with the decision.
 */
import { z } from 'zod';
import type { Decision, VoteChoice } from '../domain';
import { longText, versionSchema } from '../contracts/common';
import { RadslagError } from '../errors/catalog';
import { nowIso, type UseCaseContext } from '../usecase/context';
import { decisionInScene, servingAt, stateError } from './agenda-access';
import { announce, type DecisionScene } from './decision-service';

export const openVoteInput = z.strictObject({ version: versionSchema, question: longText(500).optional(), secret: z.boolean().optional() });
export const castVoteInput = z.strictObject({ choice: z.enum(['ja', 'nej', 'avstår']) });
export const closeVoteInput = z.strictObject({ version: versionSchema });

export interface VoteTally {
  ja: number;
  nej: number;
  avstår: number;
}

export function tallyOf(d: Pick<Decision, 'vote'>): VoteTally {
  const t: VoteTally = { ja: 0, nej: 0, avstår: 0 };
  for (const v of d.vote?.votes ?? []) t[v.choice] += 1;
  return t;
}

type DecisionRef = { decisionId: string };

/**
 * `announceInChat`: the vote is opened outside the meeting chat (the tab), so its card is posted in the chat by
 * a `vote.announce` job written in this transaction (opened from a card, the card handler posts it itself).
 */
export async function openVote(ctx: UseCaseContext, { decisionId, announceInChat, ...raw }: DecisionRef & z.input<typeof openVoteInput> & { announceInChat?: boolean }): Promise<DecisionScene> {
  const input = openVoteInput.parse(raw);
  const { tx } = ctx;
  const { decision: d, scene, item } = await decisionInScene(tx, ctx.actor, decisionId, 'vote.open');
  if (d.status !== 'proposed') throw stateError('omröstning hålls bara om ett föreslaget beslut', 'a vote is held only on a proposed decision');
  if (d.vote) throw stateError('det finns redan en omröstning om beslutet', 'the decision already has a vote');
  const { serving } = await servingAt(tx, scene.meeting, item, undefined, scene.items);
  if (serving.length === 0) throw stateError('ingen tjänstgörande ledamot är närvarande', 'no serving member is present');
  const saved = await tx.decisions.update({
    ...d,
    version: input.version,
    vote: { question: input.question?.trim() || 'Bifall till förslaget', openedAt: nowIso(ctx), closedAt: null, eligiblePersonIds: serving.map((s) => s.personId), votes: [], secret: input.secret ?? null },
  });
  if (announceInChat) await ctx.enqueue('vote.announce', { decisionId, openedAt: saved.vote!.openedAt }, { dedupeKey: `vote.announce:${decisionId}:${saved.vote!.openedAt}` });
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'vote.open', entity: 'decision', entityId: decisionId, details: { eligible: serving.length }, correlationId: ctx.correlationId });
  announce(ctx, 'vote.opened', saved);
  return { decision: saved, meeting: scene.meeting, item };
}

/** A serving member's vote; final once cast (a second vote is refused). */
export async function castVote(ctx: UseCaseContext, { decisionId, ...raw }: DecisionRef & z.input<typeof castVoteInput>): Promise<DecisionScene> {
  const input = castVoteInput.parse(raw);
  const { tx } = ctx;
  const eligibleIn = (d: Decision) => ctx.actor.personId !== null && (d.vote?.eligiblePersonIds ?? []).includes(ctx.actor.personId);
  // Without an open vote the policy still answers first, so an outsider learns nothing about the vote.
  const { decision: first, scene, item } = await decisionInScene(tx, ctx.actor, decisionId, 'vote.cast', async ({ decision, scene, item }) => ({
    isServingMember: decision.vote ? eligibleIn(decision) : await servesNow(tx, scene.meeting, item, ctx.actor.personId),
  }));
  const eligible = eligibleIn(first);
  const { serving } = await servingAt(tx, scene.meeting, item, undefined, scene.items);
  // Concurrent votes are the normal case: retry on a version conflict rather than losing a vote.
  for (let attempt = 0; ; attempt++) {
    const d = await tx.decisions.require(decisionId);
    if (!d.vote || d.vote.closedAt) throw stateError('ingen omröstning pågår', 'no vote is open');
    if (!eligible) throw new RadslagError('FORBIDDEN', { reasonSv: 'bara tjänstgörande ledamöter får rösta eller reservera sig', reasonEn: 'only serving members may vote or enter a reservation' }, { action: 'vote.cast', reason: 'not_serving_member' });
    if (d.vote.votes.some((v) => v.personId === ctx.actor.personId)) throw stateError('du har redan röstat', 'you have already voted');
    const servingFor = serving.find((s) => s.personId === ctx.actor.personId)?.servingForPersonId ?? null;
    try {
      const saved = await tx.decisions.update({ ...d, vote: { ...d.vote, votes: [...d.vote.votes, { personId: ctx.actor.personId!, choice: input.choice as VoteChoice, servingForPersonId: servingFor, at: nowIso(ctx) }] } });
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'vote.cast', entity: 'decision', entityId: decisionId, details: d.vote.secret ? {} : { choice: input.choice }, correlationId: ctx.correlationId });
      announce(ctx, 'vote.cast', saved);
      return { decision: saved, meeting: scene.meeting, item };
    } catch (e) {
      if (!(e instanceof RadslagError && e.code === 'CONFLICT_STALE') || attempt >= 9) throw e;
    }
  }
}

export async function closeVote(ctx: UseCaseContext, { decisionId, ...raw }: DecisionRef & z.input<typeof closeVoteInput>): Promise<DecisionScene> {
  const input = closeVoteInput.parse(raw);
  const { tx } = ctx;
  const { decision: d, scene, item } = await decisionInScene(tx, ctx.actor, decisionId, 'vote.open');
  if (!d.vote) throw stateError('ingen omröstning pågår', 'no vote is open');
  let saved = d;
  if (!d.vote.closedAt) {
    saved = await tx.decisions.update({ ...d, version: input.version, vote: { ...d.vote, closedAt: nowIso(ctx) } });
    await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'vote.close', entity: 'decision', entityId: decisionId, details: { ...tallyOf(saved), eligible: d.vote.eligiblePersonIds.length }, correlationId: ctx.correlationId });
  }
  announce(ctx, 'vote.closed', saved);
  return { decision: saved, meeting: scene.meeting, item };
}

async function servesNow(tx: Parameters<typeof servingAt>[0], meeting: Parameters<typeof servingAt>[1], item: Parameters<typeof servingAt>[2], personId: string | null): Promise<boolean> {
  if (!personId) return false;
  return (await servingAt(tx, meeting, item)).serving.some((s) => s.personId === personId);
}
