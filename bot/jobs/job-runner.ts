import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Job } from '../../shared/ports/store';
import type { Logger } from '../logger';
import type { DB } from '../store/schema';
import { mapJob } from '../store/repositories/job-repository';
import type { JobHandoff } from './job-handoff';
import { ALL_ON, type LayersOff } from '../perf-layers';

/** A handler's way of asking for a later retry at a given time (e.g. Retry-After from Graph). */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** A failure that retrying cannot fix (bad payload, 4xx other than 408/429): the job goes to `dead`. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export type JobHandler = (job: Job, ctx: { logger: Logger; signal: AbortSignal }) => Promise<unknown>;

export interface JobRunnerOptions {
  db: Kysely<DB>;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  /** How often to look for due jobs when idle. */
  pollMs?: number;
  /** Pokes this soon after a claim wait for the next one (default 50 ms; 0 = claim on every poke). */
  pokeCoalesceMs?: number;
  /** How long a claimed job is ours before another replica may take it over (crash recovery). */
  leaseMs?: number;
  batchSize?: number;
  now?: () => Date;
  workerId?: string;
  /**
   * This is the only runner on the database (PGlite: one process per data directory). Jobs still marked
   * running at start were claimed by a process that died (a crash between a commit and its follow-up):
   * they go back to the queue at once instead of waiting out their lease.
   */
  soleRunner?: boolean;
  /**
   * Called once a job's outcome is stored (done, failed for a retry, or dead): open tabs that show the
   * outcome (a justering card delivered or not) are told through the event bus instead of polling.
   */
  onFinished?: (job: Job, state: 'done' | 'failed' | 'dead') => void;
  /** The bench only: custom performance layers turned off to measure their gain (bot/perf-layers.ts). */
  layersOff?: LayersOff;
}

/** Exponential backoff with a cap: 2 s, 4 s, 8 s … 15 min. */
export function backoffMs(attempt: number): number {
  return Math.min(2000 * 2 ** Math.max(0, attempt - 1), 15 * 60_000);
}

/**
 * Runs durable jobs. Claiming uses FOR UPDATE SKIP LOCKED so several replicas never run one job twice; a
 * lease lets a job claimed by a replica that died be picked up again once its lease expires.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private timerDueAt = 0;
  private lastClaimAt = 0;
  private running = false;
  private stopped = false;
  private started = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  readonly workerId: string;

  constructor(private readonly opts: JobRunnerOptions) {
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  }

  start(): void {
    this.stopped = false;
    this.started = true;
    if (!this.opts.soleRunner) return this.schedule(0);
    void this.releaseOrphans()
      .catch((e: unknown) => this.opts.logger.warn({ err: (e as Error).message }, 'job runner: jobs of a stopped process wait for their lease'))
      .finally(() => this.schedule(0));
  }

  /** Jobs left running by an earlier process (soleRunner only): queued again, the interrupted attempt not counted. */
  private async releaseOrphans(): Promise<void> {
    const released = await this.opts.db
      .updateTable('jobs')
      .set({ state: 'queued', locked_by: null, locked_until: null, attempts: sql`greatest(attempts - 1, 0)` })
      .where('state', '=', 'running')
      .where('locked_by', '<>', this.workerId)
      .returning('id')
      .execute();
    if (released.length) this.opts.logger.info({ jobs: released.length }, 'job runner: jobs left running by a stopped process are queued again');
  }

  /** Jobs claimed as they are enqueued, run as soon as their transaction commits (job-handoff.ts). */
  readonly handoff: JobHandoff = {
    claimAtEnqueue: () =>
      this.started && !this.stopped && !(this.opts.layersOff ?? ALL_ON).has('job-handoff') ? { workerId: this.workerId, kinds: new Set(Object.keys(this.opts.handlers)), now: () => this.now(), leaseMs: this.opts.leaseMs ?? 60_000 } : null,
    adopt: (jobs) => {
      if (this.stopped) {
        // Stopped while the enqueuing transaction was still running: the jobs are not run here. They go back
        // to the queue for the next runner; if even that fails, their lease runs out and one takes them over.
        void this.release(jobs).catch((e: unknown) => {
          this.opts.logger.warn({ jobs: jobs.map((j) => j.id), err: (e as Error).message }, 'job runner: stopped; handed-over jobs wait for their lease');
        });
        return;
      }
      for (const job of jobs) {
        void this.track(this.execute(job)).catch((e: unknown) => {
          // The job keeps its lease; when it runs out another claim takes the job over.
          this.opts.logger.error({ jobId: job.id, err: (e as Error).message }, 'job runner: finishing a handed-over job failed');
        });
      }
    },
  };

  /**
   * Ask for a prompt look (after an enqueue) instead of waiting for the next poll. Pokes within
   * `pokeCoalesceMs` of the last claim share one claim: every bot activity pokes after its commit, and a
   * claim is a transaction of its own, so under a burst one claim per activity was a large share of the
   * store's work (bench). A send waits at most that long more; Teams allows seconds.
   */
  poke(): void {
    if (this.stopped || this.running) return;
    const wait = Math.max(0, this.lastClaimAt + (this.opts.pokeCoalesceMs ?? 50) - Date.now());
    if (this.timer && this.timerDueAt <= Date.now() + wait) return;
    this.schedule(wait);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerDueAt = Date.now() + ms;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, ms);
    this.timer.unref();
  }

  private now(): Date {
    return this.opts.now ? this.opts.now() : new Date();
  }

  /** Claims and runs due jobs once; returns how many ran. Exposed for tests and the bench. */
  async runDue(): Promise<number> {
    this.lastClaimAt = Date.now();
    const claimed = await this.claim();
    await Promise.all(claimed.map((job) => this.track(this.execute(job))));
    return claimed.length;
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    let ran = 0;
    try {
      ran = await this.runDue();
    } catch (e) {
      this.opts.logger.error({ err: (e as Error).message }, 'job runner: claim failed');
    } finally {
      this.running = false;
      if (!this.stopped) this.schedule(ran > 0 ? 0 : (this.opts.pollMs ?? 1000));
    }
  }

  private track(p: Promise<void>): Promise<void> {
    this.inFlight.add(p);
    return p.finally(() => this.inFlight.delete(p));
  }

  private async claim(): Promise<Job[]> {
    const now = this.now();
    const leaseUntil = new Date(now.getTime() + (this.opts.leaseMs ?? 60_000));
    const kinds = Object.keys(this.opts.handlers);
    if (kinds.length === 0) return [];
    return this.opts.db.transaction().execute(async (tx) => {
      const due = await tx
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', kinds)
        .where((eb) =>
          eb.or([
            eb.and([eb('state', 'in', ['queued', 'failed']), eb('run_at', '<=', now)]),
            eb.and([eb('state', '=', 'running'), eb('locked_until', '<', now)]),
          ]),
        )
        .orderBy('run_at')
        .limit(this.opts.batchSize ?? 10)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      const rows = await tx
        .updateTable('jobs')
        .set({
          state: 'running',
          locked_by: this.workerId,
          locked_until: leaseUntil,
          attempts: sql`attempts + 1`,
          updated_at: now,
        })
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .returningAll()
        .execute();
      return rows.map(mapJob);
    });
  }

  private async execute(job: Job): Promise<void> {
    const handler = this.opts.handlers[job.kind];
    const log = this.opts.logger.child({ jobId: job.id, jobKind: job.kind, attempt: job.attempts });
    if (!handler) return;
    let result: unknown;
    try {
      result = await handler(job, { logger: log, signal: this.abort.signal });
    } catch (e) {
      const err = e as Error;
      const message = err.message?.slice(0, 2000) ?? String(e);
      if (err instanceof PermanentJobError || job.attempts >= job.maxAttempts) {
        await this.finish(job, { state: 'dead', lastError: message });
        log.error({ err: message }, 'job failed permanently');
        this.finished(job, 'dead');
        return;
      }
      const delay = err instanceof RetryLaterError ? Math.max(err.retryAfterMs, 0) : backoffMs(job.attempts);
      const runAt = new Date(this.now().getTime() + delay);
      await this.finish(job, { state: 'failed', lastError: message, runAt });
      log.warn({ err: message, retryInMs: delay }, 'job failed, will retry');
      this.finished(job, 'failed');
      return;
    }
    // Outside the handler's try: the work is done, so a store that cannot record it now must not schedule
    // the work again; the job keeps its lease and is only taken over if its finish never lands. Every finish
    // is its own UPDATE right away: a message sent is recorded as sent before anything else can delay it (a
    // crash in a wait left it `running`, and after the lease another runner sent it again; Teams takes no
    // idempotency key, so the one window left is between Teams' answer and this UPDATE).
    await this.finish(job, { state: 'done', result });
    log.info('job done');
    this.finished(job, 'done');
  }

  /** Best effort, after the outcome is stored: a listener's failure never fails the job. */
  private finished(job: Job, state: 'done' | 'failed' | 'dead'): void {
    try {
      this.opts.onFinished?.(job, state);
    } catch (e) {
      this.opts.logger.warn({ jobId: job.id, err: (e as Error).message }, 'jobs: a finish listener failed');
    }
  }

  private async release(jobs: Job[]): Promise<void> {
    await this.opts.db
      .updateTable('jobs')
      .set({ state: 'queued', locked_by: null, locked_until: null, attempts: sql`greatest(attempts - 1, 0)` })
      .where(
        'id',
        'in',
        jobs.map((j) => j.id),
      )
      .where('locked_by', '=', this.workerId)
      .where('state', '=', 'running')
      .execute();
  }

  /** Only the holder of the lease may finish it: a job taken over after lease expiry is not finished twice. */
  private async finish(job: Job, outcome: Outcome): Promise<void> {
    const now = this.now();
    await this.opts.db
      .updateTable('jobs')
      .set({
        state: outcome.state,
        result: outcome.result === undefined ? null : storableJson(outcome.result),
        last_error: outcome.lastError === undefined ? null : withoutNul(outcome.lastError),
        run_at: outcome.runAt ?? now,
        locked_by: null,
        locked_until: null,
        updated_at: now,
        finished_at: outcome.state === 'failed' ? null : now,
      })
      .where('id', '=', job.id)
      .where('locked_by', '=', this.workerId)
      .execute();
  }
}

/** PostgreSQL text and jsonb cannot hold a NUL character. */
function withoutNul(text: string): string {
  return text.split(String.fromCharCode(0)).join('');
}

/** A handler's result as jsonb text, whatever it returned: what cannot be stored is described instead. */
function storableJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    text = JSON.stringify({ unstorableResult: (e as Error).message });
  }
  // JSON writes NUL as the escape \u0000, which jsonb refuses; an escaped backslash before "u0000" is text.
  return text === undefined ? 'null' : text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1');
}

type Outcome = { state: 'done' | 'failed' | 'dead'; result?: unknown; lastError?: string; runAt?: Date };
