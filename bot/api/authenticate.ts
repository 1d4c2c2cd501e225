import type { NextFunction, Request, Response } from 'express';
import { RadslagError } from '../../shared/errors/catalog';
import type { Person } from '../../shared/domain';
import type { Store } from '../../shared/ports/store';
import { signInWithEntra } from '../../shared/services/identity-service';
import type { Config } from '../config';
import type { UseCaseRunner } from '../usecase/run-use-case';
import { createEntraTokenVerifier, TokenRejected } from './entra-token-verifier';
import type { Identity } from './request-context';

export const LOCAL_IDENTITY_HEADER = 'x-radslag-dev-user';

/**
 * Production mode: a verified Entra access token, nothing else (the local header gets 401).
 * Local mode: the X-Radslag-Dev-User header names the user by e-mail.
 * Then the identity is resolved to a person of the roster to form the actor: an Entra identity by its object
 * id, the e-mail only linking a person never linked before (shared/services/identity-service.ts); the local
 * header by e-mail.
 */
export function createAuthenticate(config: Config, store: Store, runner: UseCaseRunner) {
  const verify = config.mode === 'production' ? createEntraTokenVerifier(config) : null;
  const resolve = createResolver(config, store, runner);

  return async function authenticate(req: Request, _res: Response, next: NextFunction) {
    if (req.identity) return resolveActor(req, resolve, next);
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
        return next(new RadslagError(e instanceof TokenRejected && e.kind === 'scope' ? 'INSUFFICIENT_SCOPE' : 'UNAUTHENTICATED'));
      }
    } else {
      const raw = req.headers[LOCAL_IDENTITY_HEADER];
      const email = typeof raw === 'string' ? raw.trim() : '';
      if (!email || email.length > 320 || !/^[^\s@]+@[^\s@]+$/.test(email)) return next(new RadslagError('UNAUTHENTICATED'));
      req.identity = { tenantId: config.tenantId, aadObjectId: null, email, name: null, method: 'local' };
    }
    return resolveActor(req, resolve, next);
  };
}

type Resolve = (identity: Identity, req: Request) => Promise<Person | null>;

function createResolver(config: Config, store: Store, runner: UseCaseRunner): Resolve {
  const admins = config.bootstrapAdmins ?? { emails: [], objectIds: [] };
  const isBootstrapAdmin = (id: Identity): boolean =>
    id.method === 'entra' && ((!!id.aadObjectId && admins.objectIds.includes(id.aadObjectId.toLowerCase())) || (!!id.email && admins.emails.includes(id.email.toLowerCase())));
  return async (id, req) => {
    const people = store.read.people;
    if (!id.aadObjectId) return id.email ? people.findByEmail(id.email) : null;
    const known = await people.findByAadObjectId(id.aadObjectId);
    const bootstrapAdmin = isBootstrapAdmin(id);
    // The hot path: a linked person (and a first administrator already made one) is only read.
    if (known && (known.isAdmin || !bootstrapAdmin)) return known;
    // An unknown object id whose e-mail names nobody unlinked needs no transaction either.
    if (!known && !bootstrapAdmin) {
      const byMail = id.email ? await people.findByEmail(id.email) : null;
      if (!byMail) return null;
    }
    try {
      return await runner.run(runner.system(req.correlationId), signInWithEntra, { aadObjectId: id.aadObjectId, email: id.email, name: id.name, bootstrapAdmin });
    } catch (e) {
      if (e instanceof RadslagError && e.code === 'IDENTITY_CONFLICT') {
        req.log.warn({ aadObjectId: id.aadObjectId }, 'auth: the e-mail names a person linked to another Entra object id; refused');
        throw e;
      }
      // The tab's first load sends several requests at once: a concurrent one may have linked (or created)
      // the person first (a stale version, or the unique object id). Then this one is simply that person.
      const linked = await people.findByAadObjectId(id.aadObjectId);
      if (linked && (linked.isAdmin || !bootstrapAdmin)) return linked;
      throw e;
    }
  };
}

async function resolveActor(req: Request, resolve: Resolve, next: NextFunction) {
  try {
    const id = req.identity!;
    const person = await resolve(id, req);
    req.actor = { personId: person?.id ?? null, tenantId: id.tenantId, isAdmin: person?.isAdmin ?? false };
    req.log = req.log.child({ personId: person?.id ?? null });
    next();
  } catch (e) {
    next(e);
  }
}
