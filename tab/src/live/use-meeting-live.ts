import { useEffect, useRef, useState } from 'react';
import type { Api } from '../api/client';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'off';

/**
 * Keeps a server-sent-event stream open for one meeting and calls onChange (debounced) when anything in
 * it changes. Each connection uses a fresh one-use ticket, so a dropped connection is reopened with a new
 * ticket (never by EventSource's own retry of the old URL) and the data is refetched: events may have been
 * missed in between.
 */
export function useMeetingLive(api: Api, meetingId: string | null, onChange: (types: string[] | null) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>(meetingId ? 'connecting' : 'off');
  const cb = useRef(onChange);
  cb.current = onChange;

  useEffect(() => {
    if (!meetingId) return;
    let stopped = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let debounce: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    // Event types seen in the debounce window; null = refetch everything (after a reconnect).
    let pending: string[] | null = [];

    const flush = () => {
      const types = pending;
      pending = [];
      cb.current(types);
    };
    const changed = (type: string | null) => {
      pending = type === null || pending === null ? null : [...pending, type];
      if (debounce) clearTimeout(debounce);
      debounce = setTimeout(flush, 30);
    };
    const onChangeEvent = (ev: MessageEvent) => {
      let type: string | null = null;
      try {
        type = (JSON.parse(ev.data as string) as { type?: string }).type ?? null;
      } catch {
        type = null;
      }
      changed(type);
    };

    const connect = async () => {
      if (stopped) return;
      try {
        const t = await api.streamTicket(meetingId);
        if (stopped) return;
        source = new EventSource(t.url);
        source.addEventListener('ready', () => {
          if (attempt > 0) changed(null);
          attempt = 0;
          setStatus('live');
        });
        source.addEventListener('change', onChangeEvent as EventListener);
        source.onerror = () => {
          source?.close();
          source = null;
          retry();
        };
      } catch {
        retry();
      }
    };
    const retry = () => {
      if (stopped) return;
      setStatus('reconnecting');
      attempt += 1;
      timer = setTimeout(() => void connect(), Math.min(15_000, 1000 * 2 ** Math.min(attempt - 1, 4)));
    };

    void connect();
    return () => {
      stopped = true;
      source?.close();
      if (timer) clearTimeout(timer);
      if (debounce) clearTimeout(debounce);
    };
  }, [api, meetingId]);

  return status;
}
