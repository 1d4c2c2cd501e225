/**
 * "Driv och hinder": the short evaluation at the end. Every member of the meeting's bodies may answer
 * (what worked, what hindered, an optional 1–5); a new answer replaces the person's earlier one. The minutes
 * model reads the EvaluationEntry rows; the summary here is the same arithmetic for the tab.
 */
import { z } from 'zod';
import type { EvaluationEntry } from '../domain';
import { longText } from '../contracts/common';
import { RadslagError } from '../errors/catalog';
import { authorize } from './access';
import { readOnly, type UseCaseContext } from '../usecase/context';
import { loadScene, policyOn } from './agenda-access';

export const evaluationInput = z
  .strictObject({
    worked: longText(2000).nullish(),
    hindered: longText(2000).nullish(),
    score: z.number().int().min(1).max(5).nullish(),
  })
  .refine((e) => !!e.worked?.trim() || !!e.hindered?.trim() || (e.score !== null && e.score !== undefined), { message: 'write something or choose a score', path: ['worked'] });

export interface EvaluationSummary {
  responses: number;
  worked: string[];
  hindered: string[];
  /** Mean of the given scores, one decimal; null when nobody scored. */
  averageScore: number | null;
}

/** Pure: the same summary the minutes print (no names: the evaluation is anonymous in the minutes). */
export function summariseEvaluation(entries: readonly EvaluationEntry[]): EvaluationSummary {
  const sorted = entries.slice().sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const scores = sorted.map((e) => e.score).filter((s): s is 1 | 2 | 3 | 4 | 5 => typeof s === 'number');
  return {
    responses: sorted.length,
    worked: sorted.map((e) => e.worked?.trim()).filter((s): s is string => !!s),
    hindered: sorted.map((e) => e.hindered?.trim()).filter((s): s is string => !!s),
    averageScore: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null,
  };
}

export async function submitEvaluation(ctx: UseCaseContext, { meetingId, ...raw }: { meetingId: string } & z.input<typeof evaluationInput>): Promise<{ entry: EvaluationEntry }> {
  const input = evaluationInput.parse(raw);
  const { tx } = ctx;
  const scene = await loadScene(tx, meetingId);
  authorize(ctx.actor, 'evaluation.submit', await policyOn(tx, ctx.actor, scene));
  if (!ctx.actor.personId) throw new RadslagError('FORBIDDEN', { reasonSv: 'du är inte med i det här organet', reasonEn: 'you are not a member of this body' });
  for (const old of await tx.evaluations.findBy({ meetingId, personId: ctx.actor.personId })) await tx.evaluations.delete(old.id);
  const entry = await tx.evaluations.insert({
    id: ctx.ids.next(),
    meetingId,
    personId: ctx.actor.personId,
    worked: input.worked?.trim() || null,
    hindered: input.hindered?.trim() || null,
    score: (input.score ?? null) as EvaluationEntry['score'],
    at: ctx.clock.now().toISOString(),
  });
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'evaluation.submit', entity: 'meeting', entityId: meetingId, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'evaluation.submitted', meetingId, data: {} });
  return { entry };
}

export const evaluationSummary = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<EvaluationSummary> => {
  const scene = await loadScene(ctx.tx, meetingId);
  authorize(ctx.actor, 'meeting.read', await policyOn(ctx.tx, ctx.actor, scene));
  return summariseEvaluation(await ctx.tx.evaluations.findBy({ meetingId }));
});
