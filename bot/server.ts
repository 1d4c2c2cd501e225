import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { cleaningReviver } from '../shared/contracts/text';
import { RadslagError } from '../shared/errors/catalog';
import type { Store } from '../shared/ports/store';
import type { Config } from './config';
import type { Logger } from './logger';
import { ApiRouter } from './api/api-router';
import { createAuthenticate } from './api/authenticate';
import { createRateLimit } from './api/rate-limit';
import { errorHandler, notFoundHandler } from './api/error-handler';
import { localeOf } from './api/request-context';
import { registerRoutes, type ApiDeps } from './api/routes';
import { createMessagesEndpoint } from './teams/messages-endpoint';
import { mountLegalPages } from './legal-pages';
import { mountTab } from './tab-static';

export interface ServerDeps {
  config: Config;
  logger: Logger;
  store: Store;
  api: ApiDeps;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  /** Checks the store answers; /readyz is 200 only when it does. */
  storeReady: () => Promise<boolean>;
  tabDir: string;
  /** Extra routers mounted by features (e.g. live-update streams) before the 404 handler. */
  extraApi?: (api: ApiRouter) => void;
  /** Runs on /api/v1 before the token check (the live stream's one-use ticket). */
  preAuthenticate?: RequestHandler;
  version: string;
}

function requireJson(req: Request, _res: Response, next: NextFunction): void {
  next(req.is('application/json') ? undefined : new RadslagError('UNSUPPORTED_MEDIA_TYPE'));
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Builds the express app (no listen): bot endpoint, /api/v1, tab files, health. */
export function createServer(deps: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-correlation-id'];
    req.correlationId = typeof incoming === 'string' && CORRELATION_ID.test(incoming) ? incoming : randomUUID();
    req.log = deps.logger.child({ correlationId: req.correlationId });
    req.locale = localeOf(req);
    res.setHeader('X-Correlation-Id', req.correlationId);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log[res.statusCode >= 500 ? 'error' : 'debug']({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    // A database that does not answer within 3 s counts as gone: the pool's connect timeout is longer, and a
    // load balancer's probe must get an answer while the database is down.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 3_000);
    });
    const ok = await Promise.race([deps.storeReady().catch(() => false), timeout]);
    clearTimeout(timer);
    if (!ok) res.setHeader('Retry-After', '2');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', store: deps.store.kind, mode: deps.config.mode });
  });

  // The Bot Framework posts JSON; anything else is 415 before it is parsed. Every string of the activity is
  // cleaned as it is parsed (NUL stripped, unpaired surrogates → U+FFFD): a förhinder is never lost over text
  // the store cannot keep (shared/contracts/text.ts).
  app.post('/api/messages', requireJson, express.json({ limit: '512kb', reviver: cleaningReviver }), createMessagesEndpoint(deps.adapter, deps.bot));

  const api = new ApiRouter();
  registerRoutes(api, deps.api);
  deps.extraApi?.(api);
  const openApi = api.openApi({ title: 'Rådslag API', version: deps.version, serverUrl: deps.config.publicUrl });
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.use('/api/v1', express.json({ limit: '256kb' }), ...(deps.preAuthenticate ? [deps.preAuthenticate] : []), createAuthenticate(deps.config, deps.store, deps.api.runner), ...(deps.config.apiRateLimit ? [createRateLimit(deps.config.apiRateLimit)] : []), api.router);
  app.use('/api', notFoundHandler);

  mountTab(app, deps.tabDir, deps.config.mode);
  mountLegalPages(app, { accessibilityContact: deps.config.accessibilityContact ?? null });
  app.get('/', (_req, res) => res.redirect('/tab/'));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
