import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { EventBus } from '../shared/ports/events';
import type { Clock, IdGenerator, Store } from '../shared/ports/store';
import { CouncilService } from '../shared/services/council-service';
import { MeetingService } from '../shared/services/meeting-service';
import { PeopleMatchService } from '../shared/services/people-match-service';
import { RosterImportService } from '../shared/services/roster-import-service';
import { AgendaService } from '../shared/services/agenda-service';
import { DecisionService } from '../shared/services/decision-service';
import { EvaluationService } from '../shared/services/evaluation-service';
import { TaskService } from '../shared/services/task-service';
import { VoteService } from '../shared/services/vote-service';
import type { ServiceDeps } from '../shared/services/context';
import { PrivacyService } from '../shared/services/privacy-service';
import type { ApiServices } from './api/routes';
import { describeConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { JobRunner, type JobHandler } from './jobs/job-runner';
import { bootstrapLocalMode } from './local-bootstrap';
import { createServer } from './server';
import { openDatabase, type Database } from './store/database';
import { InProcessEventBus, PostgresEventBus } from './store/event-bus';
import { createStore } from './store/store';
import { createAdapter } from './teams/adapter';
import { wireTeamsBot } from './teams/bot-wiring';
import { createConnectorClient } from './teams/connector-client';
import { registerAgendaCardActions } from './teams/handlers/agenda-card-actions';
import { AGENDA_POST_JOB, createAgendaPostJobHandler } from './teams/handlers/agenda-post-job';
import { subscribeAgendaChatPosts } from './teams/handlers/agenda-chat-posts';
import { GraphAccess, type GraphTransportOptions } from './graph/graph-access';
import { GRAPH_PUBLISH_JOB, GraphPublisher } from './graph/graph-publisher';
import { MINUTES_MEETING_END_JOB, MinutesService } from '../shared/services/minutes-service';
import { JUSTERING_REMINDER_JOB, JusteringService } from '../shared/services/justering-service';
import { registerJusteringCardActions } from './teams/handlers/justering-handlers';
import { createStreamTicketAuth } from './api/stream-ticket-auth';
import { registerLiveRoutes } from './api/routes/live';
import { EventStreams } from './live/event-streams';
import { StreamTickets } from './live/stream-tickets';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface AppOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  /** Start the job runner (tests may drive jobs by hand). */
  runJobs?: boolean;
  /** Local mode only: load the demo region into an empty store (npm start asks for it; tests usually do not). */
  demo?: boolean;
  /** Issue 6: Graph/Entra transport (an extra CA and msal authority host for test stand-ins over HTTPS). */
  graph?: GraphTransportOptions;
}

export interface App {
  config: Config;
  logger: Logger;
  database: Database;
  store: Store;
  events: EventBus;
  services: ApiServices;
  serviceDeps: ServiceDeps;
  jobs: JobRunner;
  express: ReturnType<typeof createServer>;
  listen(port?: number): Promise<{ server: Server; url: string }>;
  close(): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date() };
export const uuidIds: IdGenerator = { next: () => randomUUID() };

/** The composition root: config → store → services → bot and API. Nothing here is module-level state. */
export async function buildApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.logLevel);
  if (config.mode === 'local') {
    logger.warn('*** LOCAL MODE: bot authentication is OFF and the API trusts the X-Radslag-Dev-User header. Set MicrosoftAppId for production. ***');
  }
  logger.info(describeConfig(config), 'configuration');

  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onConnectionError: (err) => logger.warn({ err: err.message }, 'store: idle PostgreSQL connection lost; the pool replaces it'),
    onCheckpointError: (err) => logger.warn({ err: err.message }, 'store: PGlite checkpoint failed; the WAL keeps every commit and the next checkpoint tries again'),
  });
  logger.info({ store: database.kind, applied: database.migration.applied }, 'store open and migrated');
  // The runner is built further down (its handlers need the services); until it runs, nothing is handed over.
  let runner: JobRunner | null = null;
  const store = createStore(database.db, database.kind, config.tenantId, () => runner?.handoff ?? null);
  const events: EventBus = database.postgresUrl ? await PostgresEventBus.create(database.postgresUrl, logger) : new InProcessEventBus();
  const clock = opts.clock ?? systemClock;
  const serviceDeps: ServiceDeps = { store, clock, ids: uuidIds, events };

  const council = new CouncilService(serviceDeps);
  const meetings = new MeetingService(serviceDeps);
  // Issue 6: minutes versions, justering, Graph publishing (outbox jobs acting for the secretary).
  const minutesUrl = (meetingId: string, n: number) => `${config.publicUrl}/tab/meeting?meetingId=${encodeURIComponent(meetingId)}&minutesVersion=${n}`;
  const minutesService = new MinutesService(serviceDeps);
  const justeringService = new JusteringService(serviceDeps, { minutesUrl });
  const graphAccess = new GraphAccess(config, database.db, logger.child({ component: 'graph' }), opts.graph);
  const graphPublisher = new GraphPublisher({ store, graph: graphAccess, logger: logger.child({ component: 'graph' }), clock, ids: uuidIds, publicUrl: config.publicUrl });
  if (!graphAccess.enabled) logger.warn({ reason: graphAccess.disabledReason }, 'graph: publishing to Teams is off; minutes are still produced and stored');
  const services: ApiServices = {
    council,
    meetings,
    minutes: { minutes: minutesService, justering: justeringService, publisher: graphPublisher, deps: serviceDeps },
    // issue 3: roster import and person-match suggestions
    roster: new RosterImportService(serviceDeps),
    peopleMatch: new PeopleMatchService(serviceDeps),
    // issue 5: the meeting run (agenda, decisions, votes, tasks, evaluation)
    agenda: new AgendaService(serviceDeps),
    decisions: new DecisionService(serviceDeps),
    votes: new VoteService(serviceDeps),
    tasks: new TaskService(serviceDeps),
    evaluations: new EvaluationService(serviceDeps),
    jobs: store.read.jobs,
    // issue 9: privacy export/erase and the audit log
    privacy: new PrivacyService(serviceDeps),
    async me(_ctx, identity) {
      const person = _ctx.actor.personId ? await store.read.people.get(_ctx.actor.personId) : null;
      const memberships = person ? await store.read.memberships.findBy({ personId: person.id }) : [];
      return {
        identity: { email: identity.email, name: identity.name, method: identity.method },
        person,
        isAdmin: _ctx.actor.isAdmin,
        roles: memberships.map((m) => ({ bodyId: m.bodyId, role: m.role })),
      };
    },
  };

  if (config.mode === 'local') await bootstrapLocalMode(serviceDeps, logger, { demo: opts.demo === true, mode: config.mode });

  const jobHandlers: Record<string, JobHandler> = {};
  // issue 6
  jobHandlers[GRAPH_PUBLISH_JOB] = graphPublisher.handler();
  jobHandlers[JUSTERING_REMINDER_JOB] = async (job) => justeringService.remind(job.payload as { meetingId: string; versionId: string; personId: string; daysBefore: number });
  // issue 4: the bot, card actions (other features: teams.cardActions.register), teams.send and callin.timeout jobs
  const teams = wireTeamsBot({ config, logger, store, clock, ids: uuidIds, events, jobHandlers, poke: () => (opts.runJobs !== false ? jobs.poke() : undefined) });
  services.meetingBot = teams.meetingBot;
  // issue 5: agenda, decision, vote, task and evaluation card actions; the cards they post go out as jobs
  registerAgendaCardActions(teams.cardActions, { store, clock, ids: uuidIds });
  // issue 6: Justera / Begär ändring on the justering card
  registerJusteringCardActions(teams.cardActions, { justering: justeringService, minutesUrl });
  // issue 6: at meeting end (issue 4's meetingEnd sets endedAt and publishes meeting.updated) the first draft
  // is generated and "Utkast klart …" posted in the channel: a durable job, deduplicated per meeting.
  jobHandlers[MINUTES_MEETING_END_JOB] = async (job) => minutesService.draftAtMeetingEnd(String(job.payload.meetingId), { minutesUrl });
  const unsubscribeMinutes = events.subscribe((event) => {
    if (event.type !== 'meeting.updated' || !event.meetingId) return;
    const meetingId = event.meetingId;
    void (async () => {
      const m = await store.read.meetings.get(meetingId);
      if (!m?.endedAt) return;
      await store.read.jobs.enqueue({ kind: MINUTES_MEETING_END_JOB, payload: { meetingId }, runAt: clock.now().toISOString(), dedupeKey: `${MINUTES_MEETING_END_JOB}:${meetingId}` });
      if (opts.runJobs !== false) jobs.poke();
    })().catch((e: unknown) => logger.warn({ err: (e as Error).message, meetingId }, 'minutes: could not queue the meeting-end draft'));
  });
  jobHandlers[AGENDA_POST_JOB] = createAgendaPostJobHandler({ store, client: createConnectorClient(config) });
  subscribeAgendaChatPosts({ store, clock, events, logger: logger.child({ component: 'agenda' }), poke: () => jobs.poke() });
  const jobs = new JobRunner({ db: database.db, logger: logger.child({ component: 'jobs' }), handlers: jobHandlers, now: () => clock.now() });
  runner = jobs;

  // Issue 7: live updates for the tab (one-use stream tickets, server-sent events fed by the bus).
  const streamTickets = new StreamTickets({ store, clock });
  const eventStreams = new EventStreams(events);

  const adapter = createAdapter(config, logger);
  const bot = teams.bot;
  const expressApp = createServer({
    config,
    logger,
    store,
    services,
    adapter,
    bot,
    tabDir: join(ROOT, 'dist', 'tab'),
    preAuthenticate: createStreamTicketAuth(streamTickets),
    extraApi: (api) => registerLiveRoutes(api, { store, clock, ids: serviceDeps.ids, db: database.db, events, tickets: streamTickets, streams: eventStreams }),
    version: '0.1.0',
    storeReady: async () => {
      await sql`SELECT 1`.execute(database.db);
      return true;
    },
  });

  let server: Server | null = null;
  if (opts.runJobs !== false) jobs.start();

  return {
    config,
    logger,
    database,
    store,
    events,
    services,
    serviceDeps,
    jobs,
    express: expressApp,
    listen(port = config.port) {
      return new Promise((resolve, reject) => {
        const s = expressApp.listen(port, '0.0.0.0', () => {
          server = s;
          const address = s.address();
          const actual = typeof address === 'object' && address ? address.port : port;
          resolve({ server: s, url: `http://127.0.0.1:${actual}` });
        });
        s.once('error', reject);
        // Teams retries an invoke after 5 s; nothing should hang longer than the platform waits anyway.
        s.requestTimeout = 30_000;
        s.headersTimeout = 15_000;
        s.keepAliveTimeout = 5_000;
      });
    },
    async close() {
      unsubscribeMinutes();
      eventStreams.closeAll();
      await jobs.stop();
      if (server) await new Promise<void>((r) => server!.close(() => r()));
      server?.closeAllConnections?.();
      await events.close();
      await database.close();
    },
  };
}
