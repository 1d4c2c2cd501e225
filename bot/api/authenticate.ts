import type { NextFunction, Request, Response } from 'express';
import { RadslagError } from '../../shared/errors/catalog';
import type { Store } from '../../shared/ports/store';
import type { Config } from '../config';
import { createEntraTokenVerifier, TokenRejected } from './entra-token-verifier';

export const LOCAL_IDENTITY_HEADER = 'x-radslag-dev-user';

/**
 * Production mode: a verified Entra access token, nothing else (the local header gets 401).
 * Local mode: the X-Radslag-Dev-User header names the user by e-mail.
 * Then the identity is resolved to a person of the roster (by object id, else e-mail) to form the actor.
 */
export function createAuthenticate(config: Config, store: Store) {
  const verify = config.mode === 'production' ? createEntraTokenVerifier(config) : null;

  return async function authenticate(req: Request, _res: Response, next: NextFunction) {
    if (req.identity) return resolveActor(req, store, next);
    if (verify) {
      const header = req.headers.authorization;
      const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header) : null;
      if (!match) {
        req.log.info({ reason: header ? 'malformed authorization header' : 'no token' }, 'auth: rejected');
        return next(new RadslagError('UNAUTHENTICATED'));
      }
      try {
        const user = await verify(match[1]!);
        req.identity = { tenantId: user.tenantId, aadObjectId: user.aadObjectId, email: user.email, name: user.name, method: 'entra' };
        (req as Request & { userToken?: string }).userToken = user.token;
      } catch (e) {
        req.log.info({ reason: e instanceof TokenRejected ? e.reason : 'verification error' }, 'auth: token rejected');
        return next(new RadslagError('UNAUTHENTICATED'));
      }
    } else {
      const raw = req.headers[LOCAL_IDENTITY_HEADER];
      const email = typeof raw === 'string' ? raw.trim() : '';
      if (!email || email.length > 320 || !/^[^\s@]+@[^\s@]+$/.test(email)) return next(new RadslagError('UNAUTHENTICATED'));
      req.identity = { tenantId: config.tenantId, aadObjectId: null, email, name: null, method: 'local' };
    }
    return resolveActor(req, store, next);
  };
}

async function resolveActor(req: Request, store: Store, next: NextFunction) {
  try {
    const id = req.identity!;
    const people = store.read.people;
    const person = (id.aadObjectId ? await people.findByAadObjectId(id.aadObjectId) : null) ?? (id.email ? await people.findByEmail(id.email) : null);
    req.actor = { personId: person?.id ?? null, tenantId: id.tenantId, isAdmin: person?.isAdmin ?? false };
    req.log = req.log.child({ personId: person?.id ?? null });
    next();
  } catch (e) {
    next(e);
  }
}
