import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { EventBus } from '../shared/ports/events';
import type { Clock, IdGenerator, Store } from '../shared/ports/store';
import { publicationUseCases } from '../shared/services/publication-service';
import type { AppLinks } from '../shared/usecase/context';
import { describeConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { eventAfterJob } from './jobs/job-events';
import { JobRunner } from './jobs/job-runner';
import { jobRunnerHandlers } from './jobs/job-handlers';
import { createUseCaseJobHandlers } from './jobs/use-case-jobs';
import { DEFAULT_JOB_RETENTION_DAYS, scheduleJobPurge } from '../shared/services/job-retention';
import { bootstrapLocalMode } from './local-bootstrap';
import { createServer } from './server';
import { openDatabase, type Database } from './store/database';
import type { LayersOff } from './perf-layers';
import { InProcessEventBus, PostgresEventBus } from './store/event-bus';
import { createStore } from './store/store';
import { createAdapter } from './teams/adapter';
import { wireTeamsBot } from './teams/bot-wiring';
import { GraphAccess, type GraphTransportOptions } from './graph/graph-access';
import { GraphPublisher, graphPortOf } from './graph/graph-publisher';
import { createStreamTicketAuth } from './api/stream-ticket-auth';
import { registerLiveRoutes } from './api/routes/live';
import { EventStreams } from './live/event-streams';
import { StreamTickets } from './live/stream-tickets';
import { UseCaseRunner, type UseCaseRunnerDeps } from './usecase/run-use-case';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface AppOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  /** Start the job runner (tests may drive jobs by hand). */
  runJobs?: boolean;
  /** Local mode only: load the demo region into an empty store (npm start asks for it; tests usually do not). */
  demo?: boolean;
  /** Graph/Entra transport (an extra CA and msal authority host for test stand-ins over HTTPS). */
  graph?: GraphTransportOptions;
  /** The bench only: custom performance layers turned off to measure their gain (bot/perf-layers.ts). */
  layersOff?: LayersOff;
}

export interface App {
  config: Config;
  logger: Logger;
  database: Database;
  store: Store;
  events: EventBus;
  /** The one way a use case runs (adapters, jobs, and tests acting as a caller). */
  runner: UseCaseRunner;
  /** What the runner was built with (a test may build one over a store of its own). */
  runnerDeps: UseCaseRunnerDeps;
  jobs: JobRunner;
  express: ReturnType<typeof createServer>;
  listen(port?: number): Promise<{ server: Server; url: string }>;
  close(): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date() };
export const uuidIds: IdGenerator = { next: () => randomUUID() };

/** The composition root: config → store → runner → bot, jobs and API. Nothing here is module-level state. */
export async function buildApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.logLevel);
  if (config.mode === 'local') {
    logger.warn('*** LOCAL MODE: bot authentication is OFF and the API trusts the X-Radslag-Dev-User header. Set MicrosoftAppId for production. ***');
    const bind = config.bindHost ?? '127.0.0.1';
    if (bind !== '127.0.0.1' && bind !== '::1' && bind !== 'localhost')
      logger.warn({ bind }, '*** LOCAL MODE IS LISTENING BEYOND THIS MACHINE (RADSLAG_BIND): anyone who can reach it can act as anyone. ***');
  }
  logger.info(describeConfig(config), 'configuration');

  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onConnectionError: (err) => logger.warn({ err: err.message }, 'store: PostgreSQL connection lost; the pool replaces it'),
    layersOff: opts.layersOff,
    onCheckpointError: (err) => logger.warn({ err: err.message }, 'store: PGlite checkpoint failed; the WAL keeps every commit and the next checkpoint tries again'),
  });
  logger.info({ store: database.kind, applied: database.migration.applied }, 'store open and migrated');
  // The job runner is built further down (its handlers need the runner); until it runs, nothing is handed over.
  let jobs: JobRunner | null = null;
  const store = createStore(database.db, database.kind, config.tenantId, () => jobs?.handoff ?? null);
  const events: EventBus = database.postgresUrl ? await PostgresEventBus.create(database.postgresUrl, logger) : new InProcessEventBus();
  const clock = opts.clock ?? systemClock;
  const links: AppLinks = { minutesUrl: (meetingId, n) => `${config.publicUrl}/tab/meeting?meetingId=${encodeURIComponent(meetingId)}&minutesVersion=${n}` };
  const runnerDeps: UseCaseRunnerDeps = { store, clock, ids: uuidIds, events, logger: logger.child({ component: 'usecase' }), links, wake: () => (opts.runJobs !== false ? jobs?.poke() : undefined), ...(config.testCrashAfterCommitOf ? { crashAfterCommitOf: config.testCrashAfterCommitOf } : {}) };
  const runner = new UseCaseRunner(runnerDeps);

  const graphAccess = new GraphAccess(config, database.db, logger.child({ component: 'graph' }), opts.graph);
  if (!graphAccess.enabled) logger.warn({ reason: graphAccess.disabledReason }, 'graph: publishing to Teams is off; minutes are still produced and stored');
  const publisher = new GraphPublisher({ store, graph: graphAccess, clock, runner });

  if (config.mode === 'local') await bootstrapLocalMode({ store, ids: uuidIds, clock }, logger, { demo: opts.demo === true, mode: config.mode, localStore: config.localSeed !== false });

  const teams = wireTeamsBot({ config, logger, store, runner });
  // One handler per job kind (a kind without one does not compile).
  const jobRunner = new JobRunner({
    db: database.db,
    logger: logger.child({ component: 'jobs' }),
    handlers: jobRunnerHandlers({ ...teams.jobHandlers, ...createUseCaseJobHandlers(runner, { jobRetentionDays: config.jobRetentionDays ?? DEFAULT_JOB_RETENTION_DAYS }), 'graph.publish': publisher.handler() }),
    now: () => clock.now(),
    leaseMs: (config.jobLeaseSeconds ?? 60) * 1000,
    onFinished: (job, state) => {
      const event = eventAfterJob(job, state);
      if (event) void events.publish(event).catch((e: Error) => logger.warn({ err: e.message, event: event.type }, 'event bus: a finished job was not announced'));
    },
    // PGlite: the data-dir lock lets one process open the store, so jobs left running belong to one that died.
    soleRunner: database.kind === 'pglite',
    layersOff: opts.layersOff,
  });
  jobs = jobRunner;

  // Live updates for the tab (one-use stream tickets, server-sent events fed by the bus).
  const streamTickets = new StreamTickets({ store, clock });
  const eventStreams = new EventStreams(events);

  const adapter = createAdapter(config, logger);
  const expressApp = createServer({
    config,
    logger,
    store,
    api: { runner, publications: publicationUseCases(graphPortOf(graphAccess)) },
    adapter,
    bot: teams.bot,
    tabDir: join(ROOT, 'dist', 'tab'),
    preAuthenticate: createStreamTicketAuth(streamTickets),
    extraApi: (api) => registerLiveRoutes(api, { store, runner, tickets: streamTickets, streams: eventStreams }),
    version: '0.1.0',
    storeReady: async () => {
      await sql`SELECT 1`.execute(database.db);
      return true;
    },
  });

  let server: Server | null = null;
  if (opts.runJobs !== false) {
    jobRunner.start();
    // Housekeeping: the nightly purge of finished jobs queues its next run itself; this starts the chain.
    await runner.run(runner.system('startup:jobs.purge'), scheduleJobPurge, {});
  }

  return {
    config,
    logger,
    database,
    store,
    events,
    runner,
    runnerDeps,
    jobs: jobRunner,
    express: expressApp,
    listen(port = config.port) {
      return new Promise((resolve, reject) => {
        const bind = config.bindHost ?? (config.mode === 'local' ? '127.0.0.1' : '0.0.0.0');
        const s = expressApp.listen(port, bind, () => {
          server = s;
          const address = s.address();
          const actual = typeof address === 'object' && address ? address.port : port;
          resolve({ server: s, url: `http://${reachableHost(bind)}:${actual}` });
        });
        s.once('error', reject);
        // Teams retries an invoke after 5 s; nothing should hang longer than the platform waits anyway.
        s.requestTimeout = 30_000;
        s.headersTimeout = 15_000;
        s.keepAliveTimeout = 5_000;
      });
    },
    async close() {
      eventStreams.closeAll();
      await jobRunner.stop();
      if (server) await new Promise<void>((r) => server!.close(() => r()));
      server?.closeAllConnections?.();
      await events.close();
      await database.close();
    },
  };
}

/** Where this process can reach a server bound to `bind` (the wildcard addresses answer on loopback). */
function reachableHost(bind: string): string {
  if (bind === '0.0.0.0' || bind === '::' || bind === '[::]') return '127.0.0.1';
  return bind.includes(':') ? `[${bind}]` : bind;
}
