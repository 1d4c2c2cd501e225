/**
 * `teams.sync_members`: after a channel is bound to a body, the team's members are read from the Bot
 * Connector and matched to the roster — Entra object id, then UPN / e-mail (identity: linked at once), else
 * a similar name, which is asked once of that Teams user ("Är det här du?"). Everyone matched gets a stored
 * 1:1 reference, so the kallelse and call-ins reach members who never wrote to the bot. Guests from other
 * organisations' tenants are members of the host tenant's team like anyone else.
 */
import type { Store, Clock, IdGenerator } from '../../shared/ports/store';
import { resolveTeamsUser } from '../../shared/services/binding-service';
import type { BotEnv } from '../../shared/services/bot-env';
import { enqueueSend } from '../../shared/services/outbox';
import { ConnectorHttpError, type ConnectorClient } from './connector-client';
import { RetryLaterError, backoffMs, PermanentJobError, type JobHandler } from '../jobs/job-runner';
import type { StoredReference } from './conversation-references';
import { RETRYABLE } from './proactive-send';

export const SYNC_MEMBERS_JOB = 'teams.sync_members';

export interface SyncMembersPayload {
  teamId: string;
  serviceUrl: string;
  tenantId: string;
  bodyId: string;
  locale: 'sv' | 'en';
}

export function createSyncMembersHandler(deps: { store: Store; clock: Clock; ids: IdGenerator; client: ConnectorClient; afterCommit: () => void }): JobHandler {
  return async (job) => {
    const p = job.payload as unknown as SyncMembersPayload;
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
    const outcome = { members: members.length, linked: 0, asked: 0, unknown: 0 };
    await deps.store.transaction(async (tx) => {
      const env: BotEnv = { tx, clock: deps.clock, ids: deps.ids, tenantId: deps.store.tenantId, correlationId: `job:${job.id}`, events: [] };
      const body = await tx.bodies.get(p.bodyId);
      for (const m of members) {
        if (!m.aadObjectId) continue;
        const key = `personal:${m.aadObjectId}`;
        const reference: StoredReference = { serviceUrl: p.serviceUrl, tenantId: p.tenantId, userId: m.id, aadObjectId: m.aadObjectId, conversationType: 'personal' };
        const existing = await tx.conversationRefs.get(key);
        const r = await resolveTeamsUser(env, { aadObjectId: m.aadObjectId, name: m.name ?? '', email: m.email ?? null, userPrincipalName: m.userPrincipalName ?? null });
        if (r && 'person' in r) {
          outcome.linked += 1;
          if (!existing) await tx.conversationRefs.upsert({ key, kind: 'personal', personId: r.person.id, reference: reference as unknown as Record<string, unknown> });
          else if (existing.personId !== r.person.id) await tx.conversationRefs.upsert({ ...existing, personId: r.person.id });
        } else if (r) {
          if (!existing) await tx.conversationRefs.upsert({ key, kind: 'personal', personId: null, reference: reference as unknown as Record<string, unknown> });
          const org = r.suggestion.organisationId ? await tx.organisations.get(r.suggestion.organisationId) : null;
          const [membership] = await tx.memberships.findBy({ personId: r.suggestion.id, bodyId: p.bodyId });
          await enqueueSend(tx, deps.clock, {
            to: { conversationKey: key },
            purpose: 'match.ask',
            dedupeKey: `match-ask:${r.matchId}`,
            message: { card: 'matchConfirm', model: { kind: 'self', locale: p.locale, cardId: `match-${r.matchId}`, matchId: r.matchId, person: { id: r.suggestion.id, name: r.suggestion.name, organisation: org?.name ?? '', role: membership?.role ?? '', bodyName: body?.name ?? '' } } },
          });
          outcome.asked += 1;
        } else outcome.unknown += 1;
      }
    });
    deps.afterCommit();
    return outcome;
  };
}
