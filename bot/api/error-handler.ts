import type { NextFunction, Request, Response } from 'express';
import { isStoreUnavailable } from '../store/connection-errors';
import { isRadslagError, RadslagError, toErrorBody } from '../../shared/errors/catalog';

/**
 * Maps every error to the catalog's JSON shape. Unknown errors become INTERNAL with only a correlation id:
 * their text stays in the log, never in the response.
 */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  let error: RadslagError;
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string };
  if (isRadslagError(err)) error = err;
  // The database refuses changes to a justerad meeting (migrations/0400_minutes.sql, SQLSTATE RSLCK).
  else if ((err as { code?: string })?.code === 'RSLCK') error = new RadslagError('LOCKED_FINAL');
  // A lost or refused database connection: the request may be sent again.
  else if (isStoreUnavailable(err)) error = new RadslagError('STORE_UNAVAILABLE');
  else if (e?.type === 'entity.too.large') error = new RadslagError('PAYLOAD_TOO_LARGE');
  else if (e?.type === 'entity.parse.failed' || e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') error = new RadslagError('MALFORMED_BODY');
  else if ((e?.status ?? e?.statusCode) === 400) error = new RadslagError('MALFORMED_BODY');
  else {
    error = new RadslagError('INTERNAL');
    (req.log ?? console).error({ err: e?.message, stack: (err as Error)?.stack }, 'unhandled error');
  }
  if (error.status >= 500 && error.code !== 'INTERNAL') req.log?.warn({ code: error.code }, 'request failed');
  if (res.headersSent) return;
  if (error.code === 'STORE_UNAVAILABLE') res.setHeader('Retry-After', '2');
  res.status(error.status).json(toErrorBody(error, req.locale ?? 'sv', req.correlationId));
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(new RadslagError('NOT_FOUND', { entity: `${req.method} ${req.path.slice(0, 200)}` }));
}
