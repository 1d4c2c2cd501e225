import type { Request } from 'express';
import type { Actor } from '../../shared/domain';
import { RadslagError } from '../../shared/errors/catalog';
import type { Caller, UseCase } from '../../shared/usecase/context';
import type { Logger } from '../logger';
import type { UseCaseRunner } from '../usecase/run-use-case';

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

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * The caller of a use case from an API request. An `Idempotency-Key` header makes a retried request (a tab
 * that lost the answer to "start item", "propose", "cast a vote") get the first result back instead of a
 * second effect; the key is scoped to the caller, method and path so two people cannot collide.
 */
export function callerOf(req: Request): Caller {
  if (!req.actor) throw new Error('callerOf called before authentication');
  return { actor: req.actor, correlationId: req.correlationId, locale: req.locale, idempotencyKey: idempotencyKeyOf(req, req.actor) };
}

function idempotencyKeyOf(req: Request, actor: Actor): string | null {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !IDEMPOTENCY_KEY.test(raw)) throw new RadslagError('VALIDATION_FAILED', { detail: 'Idempotency-Key: 8–100 characters A–Z a–z 0–9 . _ : -' });
  return `api:${actor.personId ?? 'anonymous'}:${req.method}:${req.path}:${raw}`;
}

/** A route's way to run a use case: the request's caller, through the one runner. */
export type RunForRequest = <I, O>(req: Request, useCase: UseCase<I, O>, input: I) => Promise<O>;

export function runForRequest(runner: UseCaseRunner): RunForRequest {
  return (req, useCase, input) => runner.run(callerOf(req), useCase, input);
}

export function localeOf(req: Request): 'sv' | 'en' {
  const q = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (q === 'en' || q === 'sv') return q;
  const header = req.headers['accept-language'];
  if (typeof header === 'string' && /^en\b/i.test(header.trim())) return 'en';
  return 'sv';
}
