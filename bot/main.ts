import { buildApp } from './app';
import { demoBanner } from './demo/demo-banner';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { DataDirLockedError } from './store/data-dir-lock';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Rådslag cannot start: ${e.message}`);
      process.exit(78);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  let app;
  try {
    app = await buildApp({ config, logger, demo: true });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      logger.fatal(e.message);
      console.error(e.message);
      process.exit(75);
    }
    throw e;
  }
  const { url } = await app.listen(config.port);
  logger.info({ url, publicUrl: config.publicUrl, mode: config.mode }, 'Rådslag is listening');
  if (config.mode === 'local') {
    const base = `http://localhost:${new URL(url).port}`;
    console.log(
      [
        '',
        'Rådslag kör lokalt / is running locally:',
        `  Flik / tab:          ${base}/tab/`,
        `  Bot endpoint:        ${base}/api/messages`,
        `  API (OpenAPI):       ${base}/api/v1/openapi.json`,
        `  Hälsa / readiness:   ${base}/readyz`,
        '  Lokal identitet:     header X-Radslag-Dev-User: admin@radslag.local',
        ...(await demoBanner(app.store, base)),
        '',
      ].join('\n'),
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close().catch((e) => logger.error({ err: (e as Error).message }, 'shutdown error'));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  console.error('Rådslag failed to start:', (e as Error).message);
  process.exit(1);
});
