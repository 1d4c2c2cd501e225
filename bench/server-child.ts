/**
 * One server under test, run as its own process so its CPU time (read from /proc/<pid>/stat by the
 * bench) is the server's alone and the load generator's work is not counted.
 *   BENCH_SERVER=express   a bare express JSON POST handler (baseline)
 *   BENCH_SERVER=echo-bot  a bare botbuilder CloudAdapter echo bot (baseline): a message is answered
 *                          with a reply through the connector; an adaptiveCard/action invoke with a small card
 *   BENCH_SERVER=echo-bot-durable  the echo bot that first commits one row per activity (one INSERT in one
 *                          transaction) to the store Rådslag would use (PGlite in RADSLAG_DATA_DIR, or
 *                          DATABASE_URL): the floor of any bot whose effect is durable before it answers
 *   BENCH_SERVER=radslag   the real app (buildApp) with the environment's configuration; with
 *                          RADSLAG_BENCH_LAYERS_OFF=<layers> some custom performance layers off (bot/perf-layers.ts)
 * The bots use the same adapter construction (createAdapter) so both sides have the same auth mode.
 */
import { createServer } from 'node:http';
import { benchRoute } from './bench-routes';
import express from 'express';
import { TeamsActivityHandler, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type TurnContext } from 'botbuilder';
import { buildApp } from '../bot/app';
import { parseLayersOff } from '../bot/perf-layers';
import { openDatabase } from '../bot/store/database';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { createAdapter } from '../bot/teams/adapter';

class EchoBot extends TeamsActivityHandler {
  constructor(private readonly durable: ((activityId: string) => Promise<void>) | null = null) {
    super();
    this.onMessage(async (context, next) => {
      await this.durable?.(context.activity.id ?? '');
      await context.sendActivity(`Eko: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    await this.durable?.(context.activity.id ?? '');
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: {
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.5',
        body: [{ type: 'TextBlock', text: `Bekräftat: ${value.action?.verb ?? ''}`, wrap: true }],
      } as unknown as AdaptiveCardInvokeResponse['value'],
    };
  }
}

async function main(): Promise<void> {
  const kind = process.env.BENCH_SERVER ?? 'express';
  const port = Number(process.env.PORT ?? 0);
  if (kind === 'radslag') {
    const config = loadConfig(process.env);
    // RADSLAG_BENCH_LAYERS_OFF=pglite-cache,…: the server with custom performance layers off (their on/off rows).
    const app = await buildApp({ config, logger: createLogger(config.logLevel), layersOff: parseLayersOff(process.env.RADSLAG_BENCH_LAYERS_OFF) });
    // The app's own express handler serves everything; only /__bench/* (bulk seeding that the public API
    // would take minutes for) is answered here, in front of it. Never part of the real server.
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/__bench/')) void benchRoute(app, req, res);
      else app.express(req, res);
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    const stop = () => {
      server.closeAllConnections();
      server.close();
      void app.close().finally(() => process.exit(0));
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    return;
  }
  const app = express();
  app.disable('x-powered-by');
  app.get('/readyz', (_req, res) => {
    res.json({ status: 'ready' });
  });
  if (kind === 'express') {
    app.post('/echo', express.json({ limit: '256kb' }), (req, res) => {
      const body = req.body as { id?: unknown };
      res.json({ ok: true, id: body?.id ?? null });
    });
  } else if (kind === 'echo-bot' || kind === 'echo-bot-durable') {
    const config = loadConfig(process.env);
    const adapter = createAdapter(config, createLogger('silent'));
    const database = kind === 'echo-bot-durable' ? await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }) : null;
    const write = database
      ? async (activityId: string) => {
          await database.db.transaction().execute((tx) =>
            tx.insertInto('audit_log').values({ tenant_id: 'bench', actor_person_id: null, actor_label: 'bench', action: 'bench.echo', entity: 'activity', entity_id: activityId, details: JSON.stringify({}), correlation_id: activityId }).execute(),
          );
        }
      : null;
    const bot = new EchoBot(write);
    app.post('/api/messages', express.json({ limit: '512kb' }), async (req, res) => {
      await adapter.process(req, res, (context) => bot.run(context));
    });
  } else {
    throw new Error(`unknown BENCH_SERVER ${kind}`);
  }
  const server = app.listen(port, '127.0.0.1');
  server.keepAliveTimeout = 5_000;
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  console.error('bench server failed:', e);
  process.exit(1);
});
