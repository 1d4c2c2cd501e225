import { Button, Field, ProgressBar, Select, Badge } from '@fluentui/react-components';
import { useState } from 'react';
import type { AgendaItem } from '../../../shared/domain';
import type { Api } from '../api/client';
import { ApiError } from '../api/http';
import { resolveMeetingId, type PageProps } from '../app/page-props';
import { useT } from '../i18n/locale';
import { useMeetingLive } from '../live/use-meeting-live';
import { shareToStage, type HostInfo } from '../teams/teams-host';
import { ErrorBox, ErrorPage, LiveBadge, Loading, Notice, useAction, useAsync, useNow } from '../ui/common';
import { Page, Section, usePageStyles } from '../ui/page';
import { Tabs } from '../ui/tabs';
import { backTarget, currentItem, useMeetingBundle, nextItem, personName, rolesIn, type MeetingBundle } from './meeting-data';
import { useNotesDrafts } from './notes-drafts';
import { SecretaryDesk } from './secretary-desk';
import { OpenVotes } from './side-panel-decisions';

type View = 'chair' | 'secretary' | 'member';

/** The side panel during the meeting: the chair's agenda runner, the secretary's desk, the member view. */
export default function SidePanel({ api, host }: PageProps) {
  const id = useAsync(() => resolveMeetingId(api, host), [api]);
  if (id.error) return <ErrorPage error={id.error} onRetry={id.reload} />;
  if (!id.data) return <Loading />;
  return <Panel api={api} host={host} meetingId={id.data} />;
}

function Panel({ api, host, meetingId }: PageProps & { meetingId: string }) {
  const t = useT();
  const bundle = useMeetingBundle(api, meetingId, { roster: true });
  const reload = bundle.reload;
  const live = useMeetingLive(api, meetingId, bundle.onEvents);
  const [view, setView] = useState<View | null>(null);
  const b = bundle.data;
  // The secretary's notes outlive the desk's item and view (saved by themselves, never dropped).
  const drafts = useNotesDrafts(api, meetingId, b?.items);
  if (!b) return bundle.error ? <ErrorPage error={bundle.error} onRetry={bundle.reload} /> : <Loading />;
  const roles = rolesIn(b);
  const views: View[] = [...(roles.isChair || roles.isSecretary ? (['chair'] as const) : []), ...(roles.isSecretary ? (['secretary'] as const) : []), 'member'];
  const current: View = view && views.includes(view) ? view : roles.isChair ? 'chair' : roles.isSecretary ? 'secretary' : 'member';
  return (
    <Page title={b.meeting.title ?? t('agenda')} aside={<LiveBadge status={live} />}>
      <span data-ready="true" data-panel-view={current} hidden />
      {bundle.error ? <ErrorBox error={bundle.error} onRetry={bundle.reload} /> : null}
      {views.length > 1 ? (
        <Tabs label={t('viewAs')} value={current} onChange={setView} items={views.map((v) => ({ value: v, label: t(v === 'chair' ? 'role_chair' : v === 'secretary' ? 'role_secretary' : 'role_member') }))} />
      ) : null}
      {current === 'chair' ? <ChairRunner api={api} host={host} b={b} reload={reload} /> : null}
      {current === 'secretary' ? <SecretaryDesk api={api} b={b} drafts={drafts} reload={reload} /> : null}
      {current === 'member' ? <MemberView api={api} b={b} reload={reload} /> : null}
    </Page>
  );
}

function Elapsed({ item }: { item: AgendaItem }) {
  const t = useT();
  const now = useNow(1000);
  if (!item.startedAt) return null;
  const elapsed = Math.max(0, Math.floor((now - Date.parse(item.startedAt)) / 60_000));
  const planned = item.plannedMinutes ?? 0;
  const over = planned > 0 && elapsed > planned;
  return (
    <div>
      <ProgressBar value={planned > 0 ? Math.min(1, elapsed / planned) : 0} color={over ? 'error' : 'brand'} aria-label={t('elapsed', { elapsed, planned })} />
      <span data-elapsed={elapsed}>{t('elapsed', { elapsed, planned })}</span> {over ? <Badge color="danger">{t('overTime')}</Badge> : null}
    </div>
  );
}

/**
 * The secretary's notes save themselves and each save bumps the item's version, so the chair's step may be
 * refused as stale only because of a note: when the item is still in the state the chair saw, the step is
 * retried once on the fresh version. Any other change (someone else moved the agenda) is still refused.
 */
async function agendaStep(api: Api, meetingId: string, item: AgendaItem, step: (version: number) => Promise<unknown>): Promise<unknown> {
  try {
    return await step(item.version);
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'CONFLICT_STALE')) throw e;
    const fresh = (await api.agenda(meetingId)).items.find((i) => i.id === item.id);
    if (!fresh || fresh.status !== item.status || fresh.number !== item.number) throw e;
    return step(fresh.version);
  }
}

function ChairRunner({ api, host, b, reload }: { api: Api; host: HostInfo; b: MeetingBundle; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const [shared, setShared] = useState(false);
  const [handover, setHandover] = useState('');
  const [handed, setHanded] = useState(false);
  const cur = currentItem(b.items);
  const next = nextItem(b.items);
  const back = backTarget(b.items);
  const mId = b.meeting.id;
  const started = !!b.meeting.startedAt;
  const candidates = [...new Set(b.memberships.filter((m) => m.personId && ['ordförande', 'vice_ordförande', 'ledamot'].includes(m.role)).map((m) => m.personId!))].filter((p) => p !== b.currentChairPersonId);
  return (
    <>
      <Section title={t('currentItem')}>
        {cur ? (
          <div className={`${s.card} ${s.active}`} data-current-item={cur.number}>
            <strong>
              {cur.number}. {cur.title}
            </strong>
            <Elapsed item={cur} />
          </div>
        ) : (
          <p className={s.muted} style={{ margin: 0 }}>
            {t('noCurrentItem')}
          </p>
        )}
        <div className={s.row}>
          {/* The meeting opens with the first item started and closes when the last is finished. */}
          {cur ? (
            <Button appearance="primary" disabled={act.busy} onClick={() => act.run(() => agendaStep(api, mId, cur, (v) => api.finishItem(mId, cur.id, v)), reload)}>
              {t('finishItem', { n: cur.number })}
            </Button>
          ) : next && !b.meeting.endedAt ? (
            <Button appearance="primary" disabled={act.busy} onClick={() => act.run(() => agendaStep(api, mId, next, (v) => api.startItem(mId, next.id, v)), reload)}>
              {started ? t('startItem', { n: next.number }) : `${t('startMeeting')}: ${t('startItem', { n: next.number })}`}
            </Button>
          ) : null}
          {/* A mis-click on "finish" (which closes the meeting after the last item) can be undone. */}
          {back ? (
            <Button disabled={act.busy} onClick={() => act.run(() => agendaStep(api, mId, back, (v) => api.backItem(mId, back.id, v)), reload)}>
              {t('backItem')}
            </Button>
          ) : null}
          {b.meeting.endedAt ? <Badge appearance="outline">{t('meetingEnded')}</Badge> : null}
        </div>
        {act.error ? <ErrorBox error={act.error} /> : null}
      </Section>
      <Section title={t('nextItem')}>
        <p style={{ margin: 0 }}>{next ? `${next.number}. ${next.title}${next.plannedMinutes ? ` (${next.plannedMinutes} min)` : ''}` : '—'}</p>
      </Section>
      {host.inTeams ? (
        <div className={s.row}>
          <Button onClick={() => act.run(() => shareToStage(`${window.location.origin}/tab/stage?meetingId=${encodeURIComponent(mId)}`), () => setShared(true))}>{t('shareToStage')}</Button>
          {shared ? <Notice>{t('shared')}</Notice> : null}
        </div>
      ) : null}
      <Section title={t('handOver')}>
        <div className={s.row}>
          <Field label={t('handOverTo')}>
            <Select value={handover} onChange={(_, d) => setHandover(d.value)}>
              <option value="">—</option>
              {candidates.map((p) => (
                <option key={p} value={p}>
                  {personName(b, p)}
                </option>
              ))}
            </Select>
          </Field>
          <Button disabled={!handover || act.busy} onClick={() => act.run(() => api.handOverChair(mId, { version: b.meeting.version, personId: handover, fromItemNumber: cur?.number ?? next?.number ?? 1 }), () => (setHanded(true), reload()))}>
            {t('handOver')}
          </Button>
        </div>
        {handed ? <Notice>{t('handedOver')}</Notice> : null}
      </Section>
    </>
  );
}

/** Open votes the member can answer: ja, nej or avstår (final; the server checks who is serving). */
function MemberView({ api, b, reload }: { api: Api; b: MeetingBundle; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const me = b.me.person?.id;
  const mine = me ? b.attendance?.find((r) => r.attendance.personId === me)?.attendance : undefined;
  const present = mine?.state === 'present';
  return (
    <>
      <div className={s.row}>
        <Button appearance="primary" disabled={act.busy || present} onClick={() => act.run(() => api.checkIn(b.meeting.id), reload)}>
          {t('checkIn')}
        </Button>
      </div>
      {present ? <Notice>{t('checkedIn')}</Notice> : null}
      {act.error ? <ErrorBox error={act.error} /> : null}
      <Section title={t('agenda')}>
        <ol className={s.list}>
          {b.items.map((i) => (
            <li key={i.id} className={i.status === 'active' ? `${s.card} ${s.active}` : s.card} aria-current={i.status === 'active' ? 'step' : undefined}>
              {i.number}. {i.title} {i.status === 'done' ? '✓' : ''}
            </li>
          ))}
        </ol>
      </Section>
      <OpenVotes api={api} b={b} reload={reload} />
      <Section title={t('decisionsSoFar')}>
        {(b.decisions ?? []).filter((d) => d.status === 'confirmed').length === 0 ? <p className={s.muted}>{t('noDecisions')}</p> : null}
        <ul className={s.list}>
          {(b.decisions ?? [])
            .filter((d) => d.status === 'confirmed')
            .map((d) => (
              <li key={d.id} data-confirmed-decision>
                <strong>{b.items.find((i) => i.id === d.itemId)?.number ?? ''}.</strong> {d.text}
              </li>
            ))}
        </ul>
      </Section>
    </>
  );
}
