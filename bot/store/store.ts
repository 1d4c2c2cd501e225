import type { Kysely } from 'kysely';
import type { Repositories, Store } from '../../shared/ports/store';
import type { StoreKind } from './database';
import type { DB } from './schema';
import type { EnqueueClaim, JobHandoff } from '../jobs/job-handoff';
import { SqlAuditRepository } from './repositories/audit-repository';
import { SqlConversationRefRepository } from './repositories/conversation-ref-repository';
import { SqlDecisionRegisterRepository } from './repositories/decision-register-repository';
import { TableRepository, type Executor } from './repositories/entity-repository';
import { SqlIdempotencyRepository } from './repositories/idempotency-repository';
import { SqlJobRepository } from './repositories/job-repository';
import { SqlMeetingRepository } from './repositories/meeting-repository';
import { SqlPeopleRepository } from './repositories/people-repository';
import * as specs from './repositories/table-specs';
import * as botSpecs from './repositories/bot-table-specs';
import * as rosterSpecs from './repositories/roster-table-specs';
import * as minutesSpecs from './repositories/minutes-table-specs';
import { SqlStreamTicketRepository } from './repositories/stream-ticket-repository';
import { SqlPersonalDataRepository } from './repositories/personal-data-repository';

export function repositoriesFor(db: Executor, tenantId: string, enqueueClaim?: EnqueueClaim): Repositories {
  return {
    organisations: new TableRepository(db, tenantId, specs.organisationSpec),
    bodies: new TableRepository(db, tenantId, specs.bodySpec),
    people: new SqlPeopleRepository(db, tenantId, specs.personSpec),
    memberships: new TableRepository(db, tenantId, specs.membershipSpec),
    meetings: new SqlMeetingRepository(db, tenantId, specs.meetingSpec),
    agendaItems: new TableRepository(db, tenantId, specs.agendaItemSpec),
    chairHandovers: new TableRepository(db, tenantId, specs.chairHandoverSpec),
    attendance: new TableRepository(db, tenantId, specs.attendanceSpec),
    attendanceIntervals: new TableRepository(db, tenantId, specs.attendanceIntervalSpec),
    decisions: new TableRepository(db, tenantId, specs.decisionSpec),
    decisionRegister: new SqlDecisionRegisterRepository(db, tenantId),
    tasks: new TableRepository(db, tenantId, specs.taskSpec),
    recusals: new TableRepository(db, tenantId, specs.recusalSpec),
    servingPeriods: new TableRepository(db, tenantId, specs.servingPeriodSpec),
    evaluations: new TableRepository(db, tenantId, specs.evaluationSpec),
    upcomingDates: new TableRepository(db, tenantId, specs.upcomingDateSpec),
    audit: new SqlAuditRepository(db, tenantId),
    idempotency: new SqlIdempotencyRepository(db, tenantId),
    jobs: new SqlJobRepository(db, tenantId, enqueueClaim),
    conversationRefs: new SqlConversationRefRepository(db, tenantId),
    // the conversational half: förhinder, call-in, kallelse, person matches
    absenceRequests: new TableRepository(db, tenantId, botSpecs.absenceRequestSpec),
    callIns: new TableRepository(db, tenantId, botSpecs.callInSpec),
    callInSteps: new TableRepository(db, tenantId, botSpecs.callInStepSpec),
    meetingBotSettings: new TableRepository(db, tenantId, botSpecs.meetingBotSettingsSpec),
    kallelseDeliveries: new TableRepository(db, tenantId, botSpecs.kallelseDeliverySpec),
    personMatches: new TableRepository(db, tenantId, botSpecs.personMatchSpec),
    // roster imports
    rosterImports: new TableRepository(db, tenantId, rosterSpecs.rosterImportSpec),
    personMatchSuggestions: new TableRepository(db, tenantId, rosterSpecs.personMatchSuggestionSpec),
    streamTickets: new SqlStreamTicketRepository(db, tenantId),
    personalData: new SqlPersonalDataRepository(db, tenantId),
    // minutes, justering, Graph publishing
    minutesVersions: new TableRepository(db, tenantId, minutesSpecs.minutesVersionSpec),
    justeringSignatures: new TableRepository(db, tenantId, minutesSpecs.justeringSignatureSpec),
    justeringChangeRequests: new TableRepository(db, tenantId, minutesSpecs.justeringChangeRequestSpec),
    minutesLocks: new TableRepository(db, tenantId, minutesSpecs.minutesLockSpec),
    graphPublications: new TableRepository(db, tenantId, minutesSpecs.graphPublicationSpec),
  };
}

/**
 * The store of one tenant over one database (PGlite or PostgreSQL: same SQL). With a job hand-off, the
 * due jobs a transaction enqueues are claimed by this process and handed to its runner after the commit.
 */
export function createStore(db: Kysely<DB>, kind: StoreKind, tenantId: string, jobHandoff?: () => JobHandoff | null): Store {
  return {
    kind,
    tenantId,
    read: repositoriesFor(db, tenantId),
    async transaction(fn) {
      const handoff = jobHandoff?.() ?? null;
      const claim = handoff?.claimAtEnqueue() ?? null;
      if (!handoff || !claim) return db.transaction().execute((tx) => fn(repositoriesFor(tx, tenantId)));
      const enqueueClaim: EnqueueClaim = { claim, claimed: [] };
      const result = await db.transaction().execute((tx) => fn(repositoriesFor(tx, tenantId, enqueueClaim)));
      if (enqueueClaim.claimed.length) handoff.adopt(enqueueClaim.claimed);
      return result;
    },
  };
}
