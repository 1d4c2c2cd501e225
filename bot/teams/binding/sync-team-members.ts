/**
 * `teams.sync_members`: after a channel is bound to a body, the team's members are read from the Bot
 * Connector and matched to the roster — Entra object id, then UPN / e-mail (identity: linked at once), else
 * a similar name, which is asked once of that Teams user ("Är det här du?"). Everyone matched gets a stored
 * 1:1 reference, so the kallelse and call-ins reach members who never wrote to the bot. Guests from other
 * organisations' tenants are members of the host tenant's team like anyone else.
 */
import { resolveTeamsUser } from '../../../shared/services/binding-service';
import { enqueueSend } from '../../../shared/services/outbox';
import type { UseCaseContext } from '../../../shared/usecase/context';
import type { JobPayload } from '../../../shared/usecase/job-kinds';
import { RetryLaterError, backoffMs, PermanentJobError } from '../../jobs/job-runner';
import type { TypedJobHandler } from '../../jobs/job-handlers';
import type { UseCaseRunner } from '../../usecase/run-use-case';
import { ConnectorHttpError, type ConnectorClient, type TeamsRosterMember } from '../connector-client';
import type { StoredReference } from '../conversation-references';
import { RETRYABLE } from '../proactive-send';

type SyncMembersPayload = JobPayload<'teams.sync_members'>;

export function createSyncMembersHandler(deps: { runner: UseCaseRunner; client: ConnectorClient }): TypedJobHandler<'teams.sync_members'> {
  return async (p, { job }) => {
    let members;
    try {
      members = await deps.client.listMembers(p.serviceUrl, p.teamId);
    } catch (e) {
      if (e instanceof ConnectorHttpError) {
        if (RETRYABLE.has(e.status)) throw new RetryLaterError(e.message, e.retryAfterMs ?? backoffMs(job.attempts));
        throw new PermanentJobError(e.message);
      }
      throw e;
    }
    return deps.runner.run(deps.runner.system(`job:${job.id}`), matchTeamMembers, { ...p, members });
  };
}

/** Links the team's members to the roster (or asks them once), and stores a 1:1 reference for each. */
async function matchTeamMembers(ctx: UseCaseContext, { members, ...p }: SyncMembersPayload & { members: TeamsRosterMember[] }): Promise<{ members: number; linked: number; asked: number; unknown: number }> {
  const { tx } = ctx;
  const outcome = { members: members.length, linked: 0, asked: 0, unknown: 0 };
  const body = await tx.bodies.get(p.bodyId);
  for (const m of members) {
    if (!m.aadObjectId) continue;
    const key = `personal:${m.aadObjectId}`;
    const reference: StoredReference = { serviceUrl: p.serviceUrl, tenantId: p.tenantId, userId: m.id, aadObjectId: m.aadObjectId, conversationType: 'personal' };
    const existing = await tx.conversationRefs.get(key);
    const r = await resolveTeamsUser(ctx, { aadObjectId: m.aadObjectId, name: m.name ?? '', email: m.email ?? null, userPrincipalName: m.userPrincipalName ?? null });
    if (r && 'person' in r) {
      outcome.linked += 1;
      if (!existing) await tx.conversationRefs.upsert({ key, kind: 'personal', personId: r.person.id, reference: { ...reference } });
      else if (existing.personId !== r.person.id) await tx.conversationRefs.upsert({ ...existing, personId: r.person.id });
    } else if (r) {
      if (!existing) await tx.conversationRefs.upsert({ key, kind: 'personal', personId: null, reference: { ...reference } });
      const org = r.suggestion.organisationId ? await tx.organisations.get(r.suggestion.organisationId) : null;
      const [membership] = await tx.memberships.findBy({ personId: r.suggestion.id, bodyId: p.bodyId });
      await enqueueSend(ctx, {
        to: { conversationKey: key },
        purpose: 'match.ask',
        dedupeKey: `match-ask:${r.matchId}`,
        message: { card: 'matchConfirm', model: { kind: 'self', locale: p.locale, cardId: `match-${r.matchId}`, matchId: r.matchId, person: { id: r.suggestion.id, name: r.suggestion.name, organisation: org?.name ?? '', role: membership?.role ?? '', bodyName: body?.name ?? '' } } },
      });
      outcome.asked += 1;
    } else outcome.unknown += 1;
  }
  return outcome;
}
