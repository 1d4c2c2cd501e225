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
import { loadScene, once, policyOn, type EffectContext } from './agenda-access';
import type { RequestContext, ServiceDeps } from './context';

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

export class EvaluationService {
  constructor(private readonly deps: ServiceDeps) {}

  async submit(ctx: EffectContext, meetingId: string, raw: z.input<typeof evaluationInput>): Promise<{ entry: EvaluationEntry; replayed: boolean }> {
    const input = evaluationInput.parse(raw);
    const result = await this.deps.store.transaction(async (tx) => {
      const scene = await loadScene(tx, meetingId);
      authorize(ctx.actor, 'evaluation.submit', await policyOn(tx, ctx.actor, scene));
      if (!ctx.actor.personId) throw new RadslagError('FORBIDDEN', { reasonSv: 'du är inte med i det här organet', reasonEn: 'you are not a member of this body' });
      const done = await once(tx, ctx.idempotencyKey, async (id) => (await tx.evaluations.get(id)) ?? (await tx.evaluations.findBy({ meetingId, personId: ctx.actor.personId }))[0]!, async () => {
        for (const old of await tx.evaluations.findBy({ meetingId, personId: ctx.actor.personId })) await tx.evaluations.delete(old.id);
        const entry = await tx.evaluations.insert({
          id: this.deps.ids.next(),
          meetingId,
          personId: ctx.actor.personId,
          worked: input.worked?.trim() || null,
          hindered: input.hindered?.trim() || null,
          score: (input.score ?? null) as EvaluationEntry['score'],
          at: this.deps.clock.now().toISOString(),
        });
        await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'evaluation.submit', entity: 'meeting', entityId: meetingId, correlationId: ctx.correlationId });
        return entry;
      });
      return { entry: done.value, replayed: done.replayed };
    });
    await this.deps.events.publish({ type: 'evaluation.submitted', meetingId, data: {} });
    return result;
  }

  async summary(ctx: RequestContext, meetingId: string): Promise<EvaluationSummary> {
    const repos = this.deps.store.read;
    const scene = await loadScene(repos, meetingId);
    authorize(ctx.actor, 'meeting.read', await policyOn(repos, ctx.actor, scene));
    return summariseEvaluation(await repos.evaluations.findBy({ meetingId }));
  }
}
