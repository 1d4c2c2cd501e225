import { Badge, Link, makeStyles, tokens } from '@fluentui/react-components';
import type { Body, Meeting, MembershipRole } from '../../../shared/domain';
import type { Me } from '../../../shared/contracts/caller-views';
import type { PageProps } from '../app/page-props';
import { formatDate, formatTime, useLocale, useT } from '../i18n/locale';
import type { StringKey } from '../i18n/strings';
import { ErrorPage, Loading, useAsync } from '../ui/common';
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
    const [me, meetings, bodies] = await Promise.all([api.me(), api.meetings(), api.bodies()]);
    return { me, meetings, bodies: new Map(bodies.map((b) => [b.id, b])) };
  }, [api]);
  if (!data.data) return data.error ? <ErrorPage error={data.error} onRetry={data.reload} /> : <Loading />;
  const { me, meetings, bodies } = data.data;
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
            <MeetingRow key={m.id} m={m} me={me} bodies={bodies} devLinks={devLinks} />
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

function MeetingRow({ m, me, bodies, devLinks }: { m: Meeting; me: Me; bodies: Map<string, Body>; devLinks: boolean }) {
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
