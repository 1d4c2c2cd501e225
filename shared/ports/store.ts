import type {
  AgendaItem,
  Attendance,
  AttendanceInterval,
  Body,
  ChairHandover,
  Decision,
  EvaluationEntry,
  FollowUpTask,
  Meeting,
  Membership,
  Organisation,
  Person,
  Recusal,
  ServingPeriod,
  UpcomingDate,
} from '../domain';
import type { DecisionRegisterEntry } from '../contracts/meeting-views';
import type { GraphPublication, JusteringChangeRequest, JusteringSignatureRecord, MinutesLock, MinutesVersion } from '../domain/minutes-records';
import type { PersonMatchSuggestion, RosterImportRecord } from '../domain/roster-records';
import type { AbsenceRequest, CallIn, CallInStep, KallelseDelivery, MeetingBotSettings, PersonMatchRequest } from '../domain/bot-records';

/**
 * The repository port. Services in shared/ depend on this, bot/store/ implements it for PGlite and
 * PostgreSQL with the same SQL. Every repository is bound to the installation's tenant.
 */
export interface EntityRepository<T extends { id: string }> {
  get(id: string): Promise<T | null>;
  /** Throws NOT_FOUND. */
  require(id: string): Promise<T>;
  /** Rows whose column equals the value (columns by their domain property name). */
  findBy(where: Partial<Record<keyof T & string, string | number | boolean | null>>, order?: keyof T & string): Promise<T[]>;
  /**
   * Rows whose column is one of the values, in one query (instead of one findBy per value: no N+1 on the
   * hot paths). An empty list returns [] without a query.
   */
  findIn(prop: keyof T & string, values: readonly (string | number)[], order?: keyof T & string): Promise<T[]>;
  insert(entity: T): Promise<T>;
  /** Several rows in one INSERT (one round trip), returned in the order given. An empty list returns []. */
  insertMany(entities: readonly T[]): Promise<T[]>;
  /**
   * Writes the entity if its stored version still equals `entity.version`; the stored version becomes
   * version + 1. A stale write throws CONFLICT_STALE with the fresh entity as data.
   */
  update(entity: T): Promise<T>;
  delete(id: string): Promise<void>;
}

export interface MeetingRepository extends EntityRepository<Meeting> {
  /** Meetings any of the bodies takes part in, starting within the range (ISO instants, inclusive). */
  listForBodies(bodyIds: string[], range?: { from?: string; to?: string }): Promise<Meeting[]>;
  findByTeamsMeetingId(teamsMeetingId: string): Promise<Meeting | null>;
}

export interface AuditEntry {
  actorPersonId: string | null;
  actorLabel?: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
  correlationId?: string | null;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  at: string;
}

export interface AuditRepository {
  record(entry: AuditEntry): Promise<void>;
  list(filter: { entity?: string; entityId?: string; actorPersonId?: string; limit?: number }): Promise<AuditRecord[]>;
}

export interface IdempotencyRepository {
  /**
   * Claims the key within the current transaction. Returns null when the key is new (the caller does the
   * work and the key commits with it), or the stored result when the key was already used.
   */
  claim(key: string): Promise<{ result: unknown } | null>;
  saveResult(key: string, result: unknown): Promise<void>;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'dead' | 'cancelled';

export interface Job {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  state: JobState;
  runAt: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  result: unknown;
  dedupeKey: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface EnqueueJob {
  kind: string;
  payload: Record<string, unknown>;
  /** Earliest run time (timers: call-in timeouts, reminders). */
  runAt?: string;
  maxAttempts?: number;
  /** A second enqueue with the same key is a no-op and returns the existing job. */
  dedupeKey?: string;
}

export interface JobRepository {
  enqueue(job: EnqueueJob): Promise<Job>;
  get(id: string): Promise<Job | null>;
  list(filter: { kind?: string; state?: JobState; dedupeKeyPrefix?: string; limit?: number }): Promise<Job[]>;
  cancel(id: string): Promise<void>;
  cancelByDedupeKey(dedupeKey: string): Promise<void>;
  /** Deletes finished jobs (done, dead, cancelled) that finished before `before`; returns how many. */
  purgeFinished(before: Date): Promise<number>;
}

export interface ConversationRef {
  key: string;
  kind: 'personal' | 'channel' | 'groupChat' | 'meeting';
  personId?: string | null;
  bodyId?: string | null;
  meetingId?: string | null;
  reference: Record<string, unknown>;
}

export interface ConversationRefRepository {
  upsert(ref: ConversationRef): Promise<void>;
  get(key: string): Promise<ConversationRef | null>;
  findForPerson(personId: string): Promise<ConversationRef | null>;
  /** findForPerson for several people in one query: person id → their latest personal reference. */
  findForPeople(personIds: readonly string[]): Promise<Map<string, ConversationRef>>;
  findBy(filter: { kind?: ConversationRef['kind']; bodyId?: string; meetingId?: string }): Promise<ConversationRef[]>;
}

/** A live-update stream ticket as stored: only its hash, bound to one meeting and one identity. */
export interface StreamTicket {
  ticketHash: string;
  meetingId: string;
  personId: string | null;
  identity: { email: string | null; aadObjectId: string | null; name: string | null; method: string };
  expiresAt: string;
  usedAt: string | null;
}

export interface StreamTicketRepository {
  create(ticket: Omit<StreamTicket, 'usedAt'>): Promise<void>;
  /**
   * Marks the ticket used and returns it, only when it exists, is unused and not expired at `now`;
   * otherwise null. One statement, so two concurrent uses (even on two replicas) cannot both succeed.
   */
  consume(ticketHash: string, now: Date): Promise<StreamTicket | null>;
  /** Removes tickets that expired before `before` (housekeeping). */
  purgeExpired(before: Date): Promise<number>;
}

/** How many copies of a person's data an erasure removed, per place. */
export type PersonalTraces = Record<string, number>;

export interface PersonalDataRepository {
  /**
   * Erasure (GDPR art. 17) outside the domain tables: removes or pseudonymises every job (any state), Teams
   * conversation reference, idempotency result, stream ticket, name-matching record, pasted roster and Graph
   * token cache that holds the person's id or one of `needles` (e-mail, Entra object id, name, their texts).
   */
  eraseTraces(input: { personId: string; needles: readonly string[] }): Promise<PersonalTraces>;
}

export type { DecisionRegisterEntry } from '../contracts/meeting-views';

export interface DecisionRegisterRepository {
  /** Confirmed decisions of the body's meetings, newest meeting first, matching `q` in text or item title. */
  confirmedForBody(bodyId: string, q: string, limit: number): Promise<DecisionRegisterEntry[]>;
}

export interface Repositories {
  organisations: EntityRepository<Organisation>;
  bodies: EntityRepository<Body>;
  people: EntityRepository<Person> & {
    findByEmail(email: string): Promise<Person | null>;
    findByAadObjectId(aadObjectId: string): Promise<Person | null>;
    listAll(): Promise<Person[]>;
  };
  memberships: EntityRepository<Membership>;
  meetings: MeetingRepository;
  agendaItems: EntityRepository<AgendaItem>;
  chairHandovers: EntityRepository<ChairHandover>;
  attendance: EntityRepository<Attendance>;
  attendanceIntervals: EntityRepository<AttendanceInterval>;
  decisions: EntityRepository<Decision>;
  decisionRegister: DecisionRegisterRepository;
  tasks: EntityRepository<FollowUpTask>;
  recusals: EntityRepository<Recusal>;
  /** Tjänstgöring per item, rewritten for the meeting from the facts (shared/domain/serving). */
  servingPeriods: EntityRepository<ServingPeriod>;
  evaluations: EntityRepository<EvaluationEntry>;
  upcomingDates: EntityRepository<UpcomingDate>;
  audit: AuditRepository;
  idempotency: IdempotencyRepository;
  jobs: JobRepository;
  conversationRefs: ConversationRefRepository;
  streamTickets: StreamTicketRepository;
  personalData: PersonalDataRepository;
  // the conversational half: förhinder, call-ins, kallelse, matches
  absenceRequests: EntityRepository<AbsenceRequest>;
  callIns: EntityRepository<CallIn>;
  callInSteps: EntityRepository<CallInStep>;
  meetingBotSettings: EntityRepository<MeetingBotSettings>;
  kallelseDeliveries: EntityRepository<KallelseDelivery>;
  personMatches: EntityRepository<PersonMatchRequest>;
  // roster imports and person-match suggestions
  rosterImports: EntityRepository<RosterImportRecord>;
  personMatchSuggestions: EntityRepository<PersonMatchSuggestion>;
  // minutes versions, justering, the lock, the Graph outbox
  minutesVersions: EntityRepository<MinutesVersion>;
  justeringSignatures: EntityRepository<JusteringSignatureRecord>;
  justeringChangeRequests: EntityRepository<JusteringChangeRequest>;
  minutesLocks: EntityRepository<MinutesLock>;
  graphPublications: EntityRepository<GraphPublication>;
}

export interface Store {
  kind: 'pglite' | 'postgres';
  tenantId: string;
  /** Runs fn in one transaction: all of it commits, or none. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Reads (and single writes) outside an explicit transaction. */
  read: Repositories;
}

/** Everything a service needs from the outside world besides the store. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  next(): string;
}
