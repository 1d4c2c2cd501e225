import { Badge, Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, NetworkError } from '../api/http';
import { useLocale, useT } from '../i18n/locale';
import type { LiveStatus } from '../live/use-meeting-live';
import { Page } from './page';

/**
 * Waiting for data. As a whole page it is still a page (one <main>, one h1, marked busy) so a screen reader
 * announces where the user is while it loads; `inline` is for a part of a page that already has its <main>.
 */
export function Loading({ label, inline }: { label?: string; inline?: boolean }) {
  const t = useT();
  const text = label ?? t('loading');
  if (inline) {
    return (
      <div style={{ padding: 24 }} aria-busy="true">
        <Spinner label={text} labelPosition="below" />
      </div>
    );
  }
  return (
    <main style={{ padding: 24 }} aria-busy="true">
      <h1 style={VISUALLY_HIDDEN}>{text}</h1>
      <Spinner label={text} labelPosition="below" />
    </main>
  );
}

const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, margin: -1, padding: 0, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap', border: 0 } as const;

/** An error in plain words: what happened and what to do (the API's message says both), and a reference. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const locale = useLocale();
  let text: string;
  let ref: string | null = null;
  if (error instanceof ApiError) {
    text = error.routeMissing ? t('notAvailable') : error.text(locale);
    ref = error.correlationId;
  } else if (error instanceof NetworkError) text = t('errorNetwork');
  else if (error instanceof AuthFailure) text = t('errorAuth');
  else if (error instanceof NoMeeting) text = t('errorNoMeeting');
  else text = (error as Error)?.message ?? String(error);
  return (
    <MessageBar intent={error instanceof ApiError && error.routeMissing ? 'info' : 'error'} role="alert">
      <MessageBarBody>
        <MessageBarTitle>{error instanceof ApiError && error.routeMissing ? '' : t('errorTitle')}</MessageBarTitle>
        {text}
        {ref ? <div style={{ fontSize: 12 }}>{t('reference', { id: ref })}</div> : null}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('retry')}</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

export class AuthFailure extends Error {}

/** A meeting page opened without a meeting id, in a Teams meeting not linked to any Rådslag meeting. */
export class NoMeeting extends Error {
  constructor() {
    super('no meeting');
  }
}

/** The current time, re-rendering every `ms` (elapsed time on the agenda runner). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export function Notice({ children, intent = 'success' }: { children: ReactNode; intent?: 'success' | 'info' | 'warning' }) {
  return (
    // Multiline: a notice wraps inside a 320 px side panel instead of running past its edge.
    <MessageBar intent={intent} role="status" layout="multiline">
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}

export function LiveBadge({ status }: { status: LiveStatus }) {
  const t = useT();
  if (status === 'off') return null;
  return (
    <Badge appearance="outline" color={status === 'live' ? 'success' : 'warning'} data-live={status} aria-live="polite">
      {status === 'live' ? t('liveOn') : t('liveOff')}
    </Badge>
  );
}

export interface AsyncState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads on mount and when reload() is called; keeps showing the old data while reloading. */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    fn().then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(e);
        setLoading(false);
      },
    );
    // deps are the caller's: fn is a fresh closure each render.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** Runs an action, exposing its busy state and error for the button that started it. */
export function useAction(): { busy: boolean; error: unknown; run: (fn: () => Promise<unknown>, after?: () => void) => Promise<boolean>; clear: () => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (fn: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      after?.();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(null) };
}

/** Optional data: a feature route that is not on the server yet yields null instead of an error. */
export async function optional<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError && e.routeMissing) return null;
    throw e;
  }
}

/** A page that could not load: still one main landmark with a heading, then the error and a retry. */
export function ErrorPage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Page title={t('appName')}>
      <ErrorBox error={error} onRetry={onRetry} />
    </Page>
  );
}

/**
 * A question that replaces the button pressed: while `open`, focus moves to its answer (the returned ref's
 * button), so keyboard and screen-reader users are not left on nothing.
 */
export function useFocusWhenOpen(open: boolean) {
  const answer = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) answer.current?.focus();
  }, [open]);
  return answer;
}
