import type { Request } from 'express';
import { RadslagError } from '../../../shared/errors/catalog';
import type { EffectContext } from '../../../shared/services/agenda-access';
import { requestContext } from '../request-context';

const KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * The request context plus an optional `Idempotency-Key` header: a tab that retries a POST after a lost
 * answer (start item, propose, cast a vote) gets the first result back instead of a second effect. The key
 * is scoped to the caller so two people cannot collide.
 */
export function effectContext(req: Request): EffectContext {
  const ctx = requestContext(req);
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return ctx;
  if (typeof raw !== 'string' || !KEY.test(raw)) throw new RadslagError('VALIDATION_FAILED', { detail: 'Idempotency-Key: 8–100 characters A–Z a–z 0–9 . _ : -' });
  return { ...ctx, idempotencyKey: `api:${ctx.actor.personId ?? 'anonymous'}:${req.method}:${req.path}:${raw}` };
}
