import type { Response } from 'express';
import type { DomainEvent, EventBus } from '../../shared/ports/events';

export interface StreamFilter {
  meetingId: string;
  bodyIds: readonly string[];
}

/** Whether an event concerns the meeting a stream watches (its own events, or body-wide ones of its bodies). */
export function eventConcerns(event: DomainEvent, f: StreamFilter): boolean {
  if (event.meetingId) return event.meetingId === f.meetingId;
  return !!event.bodyId && f.bodyIds.includes(event.bodyId);
}

/**
 * The open server-sent-event streams of this process. Each subscribes to the event bus (which on
 * PostgreSQL carries events from every replica) and forwards the events of its meeting. Held per app
 * instance so closing the app ends its streams (an open stream would otherwise keep the server open).
 */
export class EventStreams {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly events: EventBus,
    private readonly opts: { heartbeatMs?: number } = {},
  ) {}

  get size(): number {
    return this.open.size;
  }

  attach(res: Response, filter: StreamFilter, onClose?: () => void): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Connection', 'keep-alive');
    // Reverse proxies (nginx) buffer responses by default, which would delay every event.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    let seq = 0;
    const write = (chunk: string) => {
      if (!res.writableEnded) res.write(chunk);
    };
    // The client asks for a new ticket on every reconnect; tell it to wait a little first.
    write(`retry: 2000\n\n`);
    write(`event: ready\ndata: ${JSON.stringify({ meetingId: filter.meetingId })}\n\n`);
    const unsubscribe = this.events.subscribe((event) => {
      if (!eventConcerns(event, filter)) return;
      seq += 1;
      write(`id: ${seq}\nevent: change\ndata: ${JSON.stringify({ type: event.type, meetingId: event.meetingId ?? null, bodyId: event.bodyId ?? null, data: event.data ?? {} })}\n\n`);
    });
    const heartbeat = setInterval(() => write(`: keep-alive\n\n`), this.opts.heartbeatMs ?? 20_000);
    heartbeat.unref();
    const close = () => {
      if (!this.open.has(close)) return;
      this.open.delete(close);
      clearInterval(heartbeat);
      unsubscribe();
      if (!res.writableEnded) res.end();
      onClose?.();
    };
    this.open.add(close);
    res.on('close', close);
  }

  /** Ends every open stream (app shutdown). */
  closeAll(): void {
    for (const close of [...this.open]) close();
  }
}
