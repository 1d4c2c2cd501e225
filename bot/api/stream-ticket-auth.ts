import type { NextFunction, Request, Response } from 'express';
import type { StreamTickets } from '../live/stream-tickets';

const EVENTS_PATH = /^\/meetings\/([A-Za-z0-9_.:-]{1,100})\/events$/;
/**
 * The minutes' files: a download inside Teams is a plain link (Teams opens it itself, or in the browser,
 * where the tab's access token cannot go), so it carries a one-use ticket of that meeting instead.
 */
const DOWNLOAD_PATH = /^\/meetings\/([A-Za-z0-9_.:-]{1,100})\/minutes\/versions\/\d{1,6}\/(?:docx|pdf)$/;

/**
 * Runs before the token check on /api/v1: a GET of a meeting's event stream (or of one of its minutes' files) that carries `?ticket=` is
 * authenticated by consuming the ticket (one use, about a minute, bound to that meeting), never by an
 * access token in the URL. Any other request passes through untouched to the normal token check.
 */
export function createStreamTicketAuth(tickets: StreamTickets) {
  return async function streamTicketAuth(req: Request, _res: Response, next: NextFunction) {
    const m = req.method === 'GET' ? (EVENTS_PATH.exec(req.path) ?? DOWNLOAD_PATH.exec(req.path)) : null;
    const ticket = typeof req.query.ticket === 'string' ? req.query.ticket : null;
    if (!m || !ticket) return next();
    try {
      req.identity = await tickets.redeem(ticket, m[1]!);
      next();
    } catch (e) {
      req.log.info({ reason: 'stream ticket rejected' }, 'auth: rejected');
      next(e);
    }
  };
}
