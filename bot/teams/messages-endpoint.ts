import type { Request, Response } from 'express';
import type { CloudAdapter, ActivityHandler } from 'botbuilder';
import { RadslagError, toErrorBody } from '../../shared/errors/catalog';

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
  return null;
}

/**
 * POST /api/messages. botbuilder answers some bad tokens and bodies with 500 and echoes their error text;
 * this wrapper checks the body first, and turns anything botbuilder throws into a clean status without
 * detail. Unknown activity types are acknowledged and ignored.
 */
export function createMessagesEndpoint(adapter: CloudAdapter, bot: ActivityHandler) {
  return async function messages(req: Request, res: Response): Promise<void> {
    const problem = checkActivityShape(req.body);
    if (problem) {
      req.log.info({ problem }, 'bot: malformed activity refused');
      res.status(400).json(toErrorBody(new RadslagError('VALIDATION_FAILED', { detail: problem }), req.locale, req.correlationId));
      return;
    }
    if (!ACTIVITY_TYPES.has((req.body as { type: string }).type)) {
      res.status(200).end();
      return;
    }
    // botbuilder writes to the response itself; we intercept failures it would otherwise echo.
    const original = { status: res.status.bind(res), send: res.send.bind(res), end: res.end.bind(res) };
    try {
      await adapter.process(req, wrapResponse(res, original, req), (context) => bot.run(context));
    } catch (e) {
      const status = authFailure(e) ? 401 : 500;
      req.log[status === 401 ? 'info' : 'error']({ err: (e as Error).message }, 'bot: activity failed');
      if (!res.headersSent) {
        const err = new RadslagError(status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL');
        original.status(status);
        res.json(toErrorBody(err, req.locale, req.correlationId));
      }
    }
  };
}

function authFailure(e: unknown): boolean {
  const err = e as { statusCode?: number; message?: string };
  return err?.statusCode === 401 || err?.statusCode === 403 || /unauthori[sz]ed|token|jwt|signature|issuer|audience/i.test(err?.message ?? '');
}

/**
 * botbuilder's error path sets 401/500 and sends the exception text as a string; keep the status class but
 * replace the text. Invoke responses (objects) pass unchanged.
 */
function wrapResponse(res: Response, original: { status: Response['status']; send: Response['send']; end: Response['end'] }, req: Request): Response {
  let status = 200;
  const proxy = Object.create(res) as Response;
  proxy.status = (code: number) => {
    status = code;
    original.status(code);
    return proxy;
  };
  proxy.send = ((body?: unknown) => {
    if (status >= 400 && (typeof body === 'string' || body instanceof Error)) {
      const mapped = status === 401 || status === 403 ? 401 : status >= 500 ? 500 : 400;
      original.status(mapped);
      const code = mapped === 401 ? 'UNAUTHENTICATED' : mapped === 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
      req.log.info({ status, mapped }, 'bot: botbuilder refused the activity');
      return res.json(toErrorBody(new RadslagError(code, { detail: 'activity refused' }), req.locale, req.correlationId));
    }
    return original.send(body as any);
  }) as Response['send'];
  proxy.end = ((...args: unknown[]) => (original.end as (...a: unknown[]) => Response)(...args)) as Response['end'];
  return proxy;
}
