import { Button, Field, ProgressBar, Select, Textarea, Input, Badge } from '@fluentui/react-components';
import { useState } from 'react';
import type { AgendaItem, AttendanceState } from '../../../shared/domain';
import type { Api } from '../api/client';
import { resolveMeetingId, type PageProps } from '../app/page-props';
import { formatTime, useLocale, useT } from '../i18n/locale';
import { useMeetingLive } from '../live/use-meeting-live';
import { shareToStage, type HostInfo } from '../teams/teams-host';
import { ErrorBox, ErrorPage, LiveBadge, Loading, Notice, useAction, useAsync, useNow } from '../ui/common';
import { Page, Section, usePageStyles } from '../ui/page';
import { Tabs } from '../ui/tabs';
import { backTarget, currentItem, useMeetingBundle, nextItem, personName, rolesIn, type MeetingBundle } from './meeting-data';
import { DecisionRow, OpenVotes } from './side-panel-decisions';

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
      {current === 'secretary' ? <SecretaryDesk api={api} b={b} reload={reload} /> : null}
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
            <Button appearance="primary" disabled={act.busy} onClick={() => act.run(() => api.finishItem(mId, cur.id, cur.version), reload)}>
              {t('finishItem', { n: cur.number })}
            </Button>
          ) : next && !b.meeting.endedAt ? (
            <Button appearance="primary" disabled={act.busy} onClick={() => act.run(() => api.startItem(mId, next.id, next.version), reload)}>
              {started ? t('startItem', { n: next.number }) : `${t('startMeeting')}: ${t('startItem', { n: next.number })}`}
            </Button>
          ) : null}
          {/* A mis-click on "finish" (which closes the meeting after the last item) can be undone. */}
          {back ? (
            <Button disabled={act.busy} onClick={() => act.run(() => api.backItem(mId, back.id, back.version), reload)}>
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

function SecretaryDesk({ api, b, reload }: { api: Api; b: MeetingBundle; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const locale = useLocale();
  const cur = currentItem(b.items);
  const [itemId, setItemId] = useState<string>('');
  const item = b.items.find((i) => i.id === itemId) ?? cur ?? b.items[0] ?? null;
  const [decisionText, setDecisionText] = useState('');
  const [task, setTask] = useState({ text: '', owner: '' });
  const act = useAction();
  const itemDecisions = (b.decisions ?? []).filter((d) => item && d.itemId === item.id);
  const rows = new Map((b.attendance ?? []).map((r) => [r.attendance.personId, r]));
  const seats = [...new Set(b.memberships.filter((m) => m.personId).map((m) => m.personId!))];
  const quorum = b.quorum;
  return (
    <>
      <Field label={t('item')}>
        <Select value={item?.id ?? ''} onChange={(_, d) => setItemId(d.value)}>
          {b.items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.number}. {i.title}
              {i.status === 'active' ? ' ◀' : ''}
            </option>
          ))}
        </Select>
      </Field>
      {item ? (
        <>
          <NotesBox key={`${item.id}-${item.version}`} api={api} meetingId={b.meeting.id} item={item} onSaved={reload} />
          <Section title={t('decisions')}>
            {b.decisions === null ? <p className={s.muted}>{t('notAvailable')}</p> : null}
            <ul className={s.list}>
              {itemDecisions.map((d) => (
                <DecisionRow key={d.id} api={api} d={d} canConfirm reload={reload} />
              ))}
            </ul>
            <form
              className={s.row}
              onSubmit={(e) => {
                e.preventDefault();
                if (decisionText.trim()) void act.run(() => api.proposeDecision(b.meeting.id, item.id, decisionText.trim()), () => (setDecisionText(''), reload()));
              }}
            >
              <Field label={t('decisionText')} style={{ flex: '1 1 200px' }}>
                <Textarea value={decisionText} onChange={(_, d) => setDecisionText(d.value)} resize="vertical" />
              </Field>
              <Button type="submit" disabled={!decisionText.trim() || act.busy}>
                {t('proposeDecision')}
              </Button>
            </form>
          </Section>
          <Section title={t('tasks')}>
            <ul className={s.list}>
              {(b.tasks ?? [])
                .filter((x) => x.itemId === item.id)
                .map((x) => (
                  <li key={x.id}>
                    {x.text}
                    {x.ownerName || x.ownerPersonId ? ` — ${x.ownerName ?? personName(b, x.ownerPersonId)}` : ''}
                  </li>
                ))}
            </ul>
            <form
              className={s.row}
              onSubmit={(e) => {
                e.preventDefault();
                if (task.text.trim()) void act.run(() => api.addTask(b.meeting.id, { text: task.text.trim(), itemId: item.id, ownerName: task.owner.trim() || null }), () => (setTask({ text: '', owner: '' }), reload()));
              }}
            >
              <Field label={t('taskText')}>
                <Input value={task.text} onChange={(_, d) => setTask({ ...task, text: d.value })} />
              </Field>
              <Field label={t('taskOwner')}>
                <Input value={task.owner} onChange={(_, d) => setTask({ ...task, owner: d.value })} />
              </Field>
              <Button type="submit" disabled={!task.text.trim() || act.busy}>
                {t('addTask')}
              </Button>
            </form>
          </Section>
        </>
      ) : null}
      {act.error ? <ErrorBox error={act.error} /> : null}
      <Section title={t('attendance')}>
        {quorum ? (
          <Badge appearance="filled" color={quorum.quorate ? 'success' : 'danger'} data-quorate={quorum.quorate}>
            {quorum.quorate ? t('quorumOk') : t('quorumNo')} — {t('quorum', { present: quorum.present, total: quorum.total })}
          </Badge>
        ) : null}
        {b.attendance === null ? <p className={s.muted}>{t('notAvailable')}</p> : null}
        <ul className={s.list}>
          {seats.map((pid) => (
            <AttendanceRow key={pid} api={api} b={b} personId={pid} state={rows.get(pid)?.attendance.state ?? 'expected'} version={rows.get(pid)?.attendance.version} intervals={(rows.get(pid)?.intervals ?? []).map((i) => [formatTime(i.from, locale, b.meeting.timeZone), i.to ? formatTime(i.to, locale, b.meeting.timeZone) : null] as const)} reload={reload} />
          ))}
        </ul>
      </Section>
    </>
  );
}

function AttendanceRow({ api, b, personId, state, version, intervals, reload }: { api: Api; b: MeetingBundle; personId: string; state: AttendanceState; version?: number; intervals: (readonly [string, string | null])[]; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const name = personName(b, personId);
  return (
    <li className={s.row} style={{ alignItems: 'center' }} data-person={name} data-state={state}>
      <span style={{ minWidth: 160 }}>{name}</span>
      <Select size="small" aria-label={t('correct', { name })} value={state} disabled={act.busy} onChange={(_, d) => act.run(() => api.correctAttendance(b.meeting.id, personId, d.value as AttendanceState, version), reload)}>
        {(['expected', 'present', 'förhinder', 'absent'] as const).map((st) => (
          <option key={st} value={st}>
            {t(`state_${st}`)}
          </option>
        ))}
      </Select>
      <span className={s.muted}>{intervals.map(([from, to]) => `${t('joined', { time: from })}${to ? `, ${t('left', { time: to })}` : ''}`).join('; ')}</span>
      {act.error ? <ErrorBox error={act.error} /> : null}
    </li>
  );
}

function NotesBox({ api, meetingId, item, onSaved }: { api: Api; meetingId: string; item: AgendaItem; onSaved: () => void }) {
  const t = useT();
  const [text, setText] = useState(item.notes);
  const act = useAction();
  return (
    <Section title={t('notesFor', { n: item.number })} id="notes">
      <Textarea aria-label={t('notesFor', { n: item.number })} value={text} onChange={(_, d) => setText(d.value)} resize="vertical" rows={4} />
      <div>
        <Button disabled={act.busy || text === item.notes} onClick={() => act.run(() => api.setNotes(meetingId, item.id, text, item.version), onSaved)}>
          {t('saveNotes')}
        </Button>
      </div>
      {act.error ? <ErrorBox error={act.error} /> : null}
    </Section>
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
