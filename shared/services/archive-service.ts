import type { Body } from '../domain';
import type { ArchivedMeeting } from '../minutes/archive-export';
import { nowIso, type UseCaseContext } from '../usecase/context';
import { authorize, rolesOn } from './access';
import { lockOf, versionsOf } from './minutes-service';

/**
 * What goes into a body's archive: each of its meetings with its final (justerad) minutes version, or none
 * when the minutes are not justerade yet. The secretary's (or an administrator's); who took it out is on the
 * audit log. The route renders the PDF/A files and packs the zip (shared/minutes/archive-export).
 */
export async function bodyArchive(ctx: UseCaseContext, { bodyId }: { bodyId: string }): Promise<{ body: Body; meetings: ArchivedMeeting[]; generatedAt: string }> {
  const body = await ctx.tx.bodies.require(bodyId);
  authorize(ctx.actor, 'minutes.publish', { roles: await rolesOn(ctx.tx, ctx.actor.personId, [body.id]) });
  const meetings = (await ctx.tx.meetings.listForBodies([body.id])).sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
  const archived: ArchivedMeeting[] = [];
  for (const meeting of meetings) {
    const lock = await lockOf(ctx.tx, meeting.id);
    const final = lock?.finalVersionId ? (await versionsOf(ctx.tx, meeting.id)).find((v) => v.id === lock.finalVersionId) : undefined;
    archived.push({ meeting, final: final ? { number: final.number, contentHash: final.contentHash, lockedAt: final.lockedAt, model: final.model } : null });
  }
  await ctx.tx.audit.record({
    actorPersonId: ctx.actor.personId,
    action: 'archive.export',
    entity: 'body',
    entityId: body.id,
    details: { meetings: archived.filter((a) => a.final).length, leftOut: archived.filter((a) => !a.final).length },
    correlationId: ctx.correlationId,
  });
  return { body, meetings: archived, generatedAt: nowIso(ctx) };
}
