/**
 * Bench-only routes, served by bench/server-child.ts in front of the app (never by the real server):
 * bulk seeding that the public API would take minutes for.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../bot/app';

/** POST /__bench/decisions {meetingId, itemIds, count, proposedBy} → proposed decisions, inserted in one transaction. */
export async function benchRoute(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { meetingId: string; itemIds: string[]; count: number; proposedBy: string };
    if (req.url !== '/__bench/decisions') throw new Error('unknown bench route');
    const now = new Date().toISOString();
    const out = await app.store.transaction(async (tx) => {
      const made: { id: string; version: number }[] = [];
      for (let k = 0; k < body.count; k++) {
        const d = await tx.decisions.insert({
          id: randomUUID(),
          tenantId: app.store.tenantId,
          meetingId: body.meetingId,
          itemId: body.itemIds[k % body.itemIds.length]!,
          text: `Rådet beslutar att godkänna förslaget (${k + 1}).`,
          standardKey: null,
          status: 'proposed',
          postponed: false,
          proposedBy: body.proposedBy,
          proposedAt: now,
          confirmedBy: null,
          confirmedAt: null,
          vote: null,
          reservations: [],
          version: 1,
        });
        made.push({ id: d.id, version: d.version });
      }
      return made;
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
  } catch (e) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end((e as Error).message);
  }
}

