import { Badge, Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Body, Meeting, MembershipRole } from '../../../shared/domain';
import type { Me } from '../../../shared/contracts/caller-views';
import type { MyMeeting } from '../../../shared/contracts/absence';
import type { Api } from '../api/client';
import type { PageProps } from '../app/page-props';
import { formatDate, formatTime, useLocale, useT } from '../i18n/locale';
import type { StringKey } from '../i18n/strings';
import { ErrorBox, ErrorPage, Loading, Notice, useAction, useAsync } from '../ui/common';
import { Page, Section, usePageStyles } from '../ui/page';

const useStyles = makeStyles({
  meeting: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, overflowWrap: 'anywhere' },
  title: { fontWeight: tokens.fontWeightSemibold },
  links: { display: 'flex', flexWrap: 'wrap', gap: '4px 12px' },
});

/** How many past meetings the page lists (newest first); older ones are in each council's archive. */
const PAST_SHOWN = 10;

/**
 * "Mina möten", the personal tab: the person's own meetings across every body they sit on, upcoming first
 * (soonest at the top), then the latest past ones, and their councils. Outside Teams (local mode) it also
 * links each meeting's side panel and stage, so every page can be opened in a plain browser.
 */
export default function Personal({ api, host }: PageProps) {
  const t = useT();
  const s = usePageStyles();
  const data = useAsync(async () => {
    const [me, mine, bodies] = await Promise.all([api.me(), api.myMeetings(), api.bodies()]);
    return { me, meetings: mine.map((x) => x.meeting), mine: new Map(mine.map((x) => [x.meeting.id, x])), bodies: new Map(bodies.map((b) => [b.id, b])) };
  }, [api]);
  if (!data.data) return data.error ? <ErrorPage error={data.error} onRetry={data.reload} /> : <Loading />;
  const { me, meetings, mine, bodies } = data.data;
  const now = Date.now();
  const upcoming = meetings.filter((m) => Date.parse(m.endsAt) >= now).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const past = meetings.filter((m) => Date.parse(m.endsAt) < now).sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt)).slice(0, PAST_SHOWN);
  const devLinks = !host.inTeams;
  return (
    <Page title={t('myMeetings')}>
      <span data-ready="true" hidden />
      {bodies.size === 0 && meetings.length === 0 ? <p style={{ margin: 0 }}>{t('noBodiesYet')}</p> : null}
      <Section title={t('upcomingMeetings')}>
        {upcoming.length === 0 ? <p className={s.muted} style={{ margin: 0 }}>{t('noUpcoming')}</p> : null}
        <ul className={s.list} data-meetings="upcoming">
          {upcoming.map((m) => (
            <MeetingRow key={m.id} m={m} me={me} bodies={bodies} devLinks={devLinks} mine={mine.get(m.id)} api={api} reload={data.reload} />
          ))}
        </ul>
      </Section>
      {past.length > 0 ? (
        <Section title={t('pastMeetings')}>
          <ul className={s.list} data-meetings="past">
            {past.map((m) => (
              <MeetingRow key={m.id} m={m} me={me} bodies={bodies} devLinks={devLinks} />
            ))}
          </ul>
        </Section>
      ) : null}
      {bodies.size > 0 ? (
        <Section title={t('myBodies')}>
          <ul className={s.list}>
            {[...bodies.values()].map((b) => (
              <li key={b.id}>
                <Link href={`/tab/?bodyId=${encodeURIComponent(b.id)}`}>{b.name}</Link>
                {rolesOn(me, [b.id]).length ? <span className={s.muted}> · {rolesOn(me, [b.id]).map((r) => t(`role_${r}` as StringKey)).join(', ')}</span> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </Page>
  );
}

function MeetingRow({ m, me, bodies, devLinks, mine, api, reload }: { m: Meeting; me: Me; bodies: Map<string, Body>; devLinks: boolean; mine?: MyMeeting | undefined; api?: Api; reload?: () => void }) {
  const t = useT();
  const locale = useLocale();
  const s = usePageStyles();
  const st = useStyles();
  const q = `?meetingId=${encodeURIComponent(m.id)}`;
  const names = m.bodyIds.map((id) => bodies.get(id)?.shortName ?? bodies.get(id)?.name).filter(Boolean);
  const roles = rolesOn(me, m.bodyIds);
  const status = statusOf(m);
  return (
    <li className={`${s.card} ${st.meeting}`} data-meeting={m.id}>
      <span className={st.title}>
        {m.title ?? names.join(', ')}
        {status ? (
          <>
            {' '}
            <Badge color={status.color}>{t(status.label)}</Badge>
          </>
        ) : null}
      </span>
      <span>
        {formatDate(m.startsAt, locale, m.timeZone)} · {formatTime(m.startsAt, locale, m.timeZone)}–{formatTime(m.endsAt, locale, m.timeZone)}
      </span>
      <span className={s.muted}>
        {m.bodyIds.length > 1 ? `${t('jointMeeting')}: ` : ''}
        {names.join(', ')}
        {m.place ? ` · ${m.place}` : ''}
      </span>
      {roles.length ? <span className={s.muted}>{t('youAre', { role: roles.map((r) => t(`role_${r}` as StringKey)).join(', ') })}</span> : null}
      {mine && api && reload ? <MyAttendance m={m} mine={mine} api={api} reload={reload} what={m.title ?? names.join(', ')} /> : null}
      <span className={st.links}>
        <Link href={`/tab/${q}`}>{t('openMeeting')}</Link>
        {devLinks ? (
          <>
            <Link href={`/tab/panel${q}`}>{t('pagePanel')}</Link>
            <Link href={`/tab/stage${q}`}>{t('pageStage')}</Link>
          </>
        ) : null}
      </span>
    </li>
  );
}

/** What a person should notice about a meeting before anything else, if anything. */
function statusOf(m: Meeting, now = Date.now()): { label: StringKey; color: 'danger' | 'warning' | 'success' } | null {
  if (m.status === 'cancelled') return { label: 'meetingCancelled', color: 'danger' };
  if (m.status === 'moved') return { label: 'meetingMoved', color: 'warning' };
  if (!m.endedAt && (m.startedAt || Date.parse(m.startsAt) <= now) && Date.parse(m.endsAt) >= now) return { label: 'meetingNow', color: 'success' };
  return null;
}

/** The person's roles on these bodies, each once (a person on both councils of a joint meeting). */
function rolesOn(me: Me, bodyIds: readonly string[]): MembershipRole[] {
  return [...new Set(me.roles.filter((r) => bodyIds.includes(r.bodyId)).map((r) => r.role))];
}

/**
 * The person's own attendance in an upcoming meeting and "Anmäl förhinder" / "Ångra förhinder": the same
 * förhinder as one given in chat (the ersättare is called in), offered only where the server accepts it.
 */
function MyAttendance({ m, mine, api, reload, what }: { m: Meeting; mine: MyMeeting; api: Api; reload: () => void; what: string }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const [done, setDone] = useState<'reported' | 'withdrawn' | null>(null);
  if (mine.myState === null) return null;
  const absent = mine.myState === 'förhinder';
  const run = (fn: () => Promise<unknown>, next: 'reported' | 'withdrawn') => act.run(fn, () => (setDone(next), reload()));
  return (
    <div className={s.row} style={{ alignItems: 'center' }} data-my-state={mine.myState}>
      <span>
        {t('myState')}{' '}
        <Badge appearance="tint" color={absent ? 'danger' : mine.myState === 'present' ? 'success' : 'informative'}>
          {t(`state_${mine.myState}` as StringKey)}
        </Badge>
        {mine.partOfMeeting ? <span className={s.muted}> ({t('myStatePart')})</span> : null}
        {mine.replacesName ? <span className={s.muted}> · {t('youServeFor', { name: mine.replacesName })}</span> : null}
      </span>
      {mine.canReportAbsence ? (
        absent ? (
          <Button size="small" disabled={act.busy} aria-label={t('withdrawAbsenceFor', { what })} onClick={() => run(() => api.withdrawAbsence(m.id), 'withdrawn')}>
            {t('withdrawAbsence')}
          </Button>
        ) : (
          <Button size="small" disabled={act.busy} aria-label={t('reportAbsenceFor', { what })} onClick={() => run(() => api.reportAbsence(m.id), 'reported')}>
            {t('reportAbsence')}
          </Button>
        )
      ) : null}
      {done === 'reported' && absent ? <Notice>{t('absenceReported')}</Notice> : null}
      {done === 'withdrawn' && !absent ? <Notice>{t('absenceWithdrawn')}</Notice> : null}
      {act.error ? <ErrorBox error={act.error} /> : null}
    </div>
  );
}
