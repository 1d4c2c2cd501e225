/**
 * One replica for the scale-out test: the real app (buildApp, its own job runner and handlers), plus a
 * second job runner that knows only the test kind `scale.count`, whose handler reports each run to the
 * test's counter (SCALE_COUNTER_URL) with this replica's name. Registered only here, never in the app.
 */
import { buildApp } from '../../../bot/app';
import { loadConfig } from '../../../bot/config';
import { JobRunner } from '../../../bot/jobs/job-runner';
import { createLogger } from '../../../bot/logger';

export const COUNT_JOB = 'scale.count';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const app = await buildApp({ config, logger });
  const replica = process.env.SCALE_REPLICA ?? String(process.pid);
  const counter = process.env.SCALE_COUNTER_URL;
  const counting = new JobRunner({
    db: app.database.db,
    logger: logger.child({ component: 'scale-count' }),
    pollMs: 100,
    handlers: {
      [COUNT_JOB]: async (job) => {
        if (!counter) throw new Error('SCALE_COUNTER_URL missing');
        // A short pause makes overlapping claims by the two replicas likely, which is what is under test.
        await new Promise((r) => setTimeout(r, 5));
        const res = await fetch(counter, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jobId: job.id, replica }) });
        if (!res.ok) throw new Error(`counter answered ${res.status}`);
        return { replica };
      },
    },
  });
  counting.start();
  await app.listen(config.port);
  logger.info({ replica }, 'replica ready');
  const stop = () => {
    void counting
      .stop()
      .then(() => app.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  console.error('replica failed:', e);
  process.exit(1);
});
