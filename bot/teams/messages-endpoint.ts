import type { Request, Response } from 'express';
import type { CloudAdapter, ActivityHandler } from 'botbuilder';
import { RadslagError, toErrorBody } from '../../shared/errors/catalog';
import { failsTheRequest } from './turn-failure';

const ACTIVITY_TYPES = new Set([
  'message',
  'conversationUpdate',
  'installationUpdate',
  'event',
  'invoke',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'typing',
  'endOfConversation',
]);

/** The smallest shape botbuilder needs; anything less would make it throw and answer 500. */
export function checkActivityShape(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body is not an activity object';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || a.type.length > 100) return 'type is missing';
  if (typeof a.serviceUrl !== 'string' || a.serviceUrl.length > 2000) return 'serviceUrl is missing';
  try {
    const u = new URL(a.serviceUrl);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'serviceUrl is not http(s)';
  } catch {
    return 'serviceUrl is not a URL';
  }
  const conv = a.conversation as Record<string, unknown> | undefined;
  if (!conv || typeof conv !== 'object' || typeof conv.id !== 'string') return 'conversation.id is missing';
  const from = a.from as Record<string, unknown> | undefined;
  if (from !== undefined && (typeof from !== 'object' || from === null)) return 'from is not an object';
  if (a.channelId !== undefined && typeof a.channelId !== 'string') return 'channelId is not a string';
  if (a.text !== undefined && typeof a.text !== 'string') return 'text is not a string';
  if (a.type === 'invoke' && (typeof a.name !== 'string' || a.name.length === 0 || a.name.length > 200)) return 'invoke without a name';
  return null;
}

/**
 * POST /api/messages. botbuilder answers some bad tokens and bodies with 500 and echoes their error text;
 * this wrapper checks the body first, and turns anything botbuilder throws into a clean status without
 * detail. Unknown activity types are authenticated, then acknowledged and ignored.
 */
export function createMessagesEndpoint(adapter: CloudAdapter, bot: ActivityHandler) {
  return async function messages(req: Request, res: Response): Promise<void> {
    const problem = checkActivityShape(req.body);
    if (problem) {
      req.log.info({ problem }, 'bot: malformed activity refused');
      res.status(400).json(toErrorBody(new RadslagError('VALIDATION_FAILED', { detail: problem }), req.locale, req.correlationId));
      return;
    }
    // Unknown activity types are authenticated like any other, then acknowledged without a turn.
    const known = ACTIVITY_TYPES.has((req.body as { type: string }).type);
    // botbuilder writes to the response itself; we intercept failures it would otherwise echo. Whether the
    // turn had started tells a refused request (authentication runs before the turn) from a failed turn.
    const state = { turnStarted: false, storeUnavailable: false };
    const original = { status: res.status.bind(res), send: res.send.bind(res), end: res.end.bind(res) };
    try {
      await adapter.process(req, wrapResponse(res, original, req, state), (context) => {
        if (!known) return Promise.resolve();
        state.turnStarted = true;
        return bot.run(context).catch((e: unknown) => {
          // The store is down: nothing of this activity is recorded; answer 503 so that it may come again.
          if (failsTheRequest(e)) state.storeUnavailable = true;
          throw e;
        });
      });
    } catch (e) {
      if (state.storeUnavailable) {
        storeUnavailable(res, original, req);
        return;
      }
      const status = state.turnStarted ? 500 : 400;
      req.log[status === 500 ? 'error' : 'info']({ err: (e as Error).message }, 'bot: activity failed');
      if (!res.headersSent) {
        const err = status === 500 ? new RadslagError('INTERNAL') : new RadslagError('VALIDATION_FAILED', { detail: 'activity refused' });
        original.status(status);
        res.json(toErrorBody(err, req.locale, req.correlationId));
      }
    }
  };
}

/** 503 STORE_UNAVAILABLE with Retry-After: the turn recorded nothing and may be delivered again. */
function storeUnavailable(res: Response, original: { status: Response['status'] }, req: Request): Response {
  if (res.headersSent) return res;
  original.status(503);
  res.setHeader('Retry-After', '2');
  return res.json(toErrorBody(new RadslagError('STORE_UNAVAILABLE'), req.locale, req.correlationId));
}

/** botbuilder's own failure to fetch the channel's signing keys: our side's problem, retryable. */
const KEY_FETCH_FAILURE = /^Failed to load (openID config|Keys)/;

/**
 * How a botbuilder error status reaches the caller. Before the turn: 400 stays 400, a signing-key fetch
 * failure is 502, and every other refusal is 401 — botbuilder answers a bad signature or an HS256 token
 * with 500 and the library's message, which must neither look like our fault nor echo why.
 * After the turn started: the bot's own failure (500).
 */
export function mapBotbuilderStatus(status: number, body: string, turnStarted: boolean): 400 | 401 | 500 | 502 {
  if (turnStarted) return status >= 500 ? 500 : 400;
  if (status === 400) return 400;
  if (status >= 500 && KEY_FETCH_FAILURE.test(body)) return 502;
  return 401;
}

/**
 * botbuilder's error path sets 401/500 and sends the exception text as a string; keep the status class but
 * replace the text. Invoke responses (objects) pass unchanged.
 */
function wrapResponse(
  res: Response,
  original: { status: Response['status']; send: Response['send']; end: Response['end'] },
  req: Request,
  state: { turnStarted: boolean; storeUnavailable: boolean },
): Response {
  let status = 200;
  const proxy = Object.create(res) as Response;
  proxy.status = (code: number) => {
    status = code;
    original.status(code);
    return proxy;
  };
  proxy.send = ((body?: unknown) => {
    if (state.storeUnavailable) return storeUnavailable(res, original, req);
    if (status >= 400 && (typeof body === 'string' || body instanceof Error)) {
      const mapped = mapBotbuilderStatus(status, String(body instanceof Error ? body.message : body), state.turnStarted);
      original.status(mapped);
      const err =
        mapped === 401
          ? new RadslagError('UNAUTHENTICATED')
          : mapped === 500
            ? new RadslagError('INTERNAL')
            : mapped === 502
              ? new RadslagError('UPSTREAM_FAILED', { detail: 'Bot Framework signing keys' })
              : new RadslagError('VALIDATION_FAILED', { detail: 'activity refused' });
      // The library's reason goes to the log only (it never contains the token).
      req.log.info({ status, mapped, reason: String(body instanceof Error ? body.message : body).slice(0, 200) }, 'bot: botbuilder refused the activity');
      return res.json(toErrorBody(err, req.locale, req.correlationId));
    }
    return original.send(body as any);
  }) as Response['send'];
  // The turn failed for want of the store: whatever botbuilder answers (200 after onTurnError), it is 503.
  proxy.end = ((...args: unknown[]) => (state.storeUnavailable && !res.headersSent ? storeUnavailable(res, original, req) : (original.end as (...a: unknown[]) => Response)(...args))) as Response['end'];
  return proxy;
}
