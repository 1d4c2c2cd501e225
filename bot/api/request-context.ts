import type { Request } from 'express';
import type { Actor } from '../../shared/domain';
import type { RequestContext } from '../../shared/services/context';
import type { Logger } from '../logger';

/** Who called, as established by the auth middleware (token or local identity header). */
export interface Identity {
  tenantId: string;
  aadObjectId: string | null;
  email: string | null;
  name: string | null;
  /** 'entra' (verified token) or 'local' (development header). */
  method: 'entra' | 'local' | 'stream-ticket';
}

declare module 'express-serve-static-core' {
  interface Request {
    correlationId: string;
    log: Logger;
    locale: 'sv' | 'en';
    identity?: Identity;
    actor?: Actor;
  }
}

export function requestContext(req: Request): RequestContext {
  if (!req.actor) throw new Error('requestContext called before authentication');
  return { actor: req.actor, correlationId: req.correlationId, locale: req.locale };
}

export function localeOf(req: Request): 'sv' | 'en' {
  const q = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (q === 'en' || q === 'sv') return q;
  const header = req.headers['accept-language'];
  if (typeof header === 'string' && /^en\b/i.test(header.trim())) return 'en';
  return 'sv';
}
