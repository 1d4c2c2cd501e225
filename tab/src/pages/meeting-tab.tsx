import { Button, Link } from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import { resolveMeetingId, type PageProps } from '../app/page-props';
import { formatDate, formatTime, useLocale, useT } from '../i18n/locale';
import { useMeetingLive } from '../live/use-meeting-live';
import { ErrorBox, ErrorPage, LiveBadge, Loading, Notice, useAction, useAsync } from '../ui/common';
import { Page, Section, usePageStyles } from '../ui/page';
import { Tabs } from '../ui/tabs';
import { AgendaEditor } from './agenda-editor';
import { useMeetingBundle, rolesIn, type MeetingBundle } from './meeting-data';
import { KallelseReach } from './kallelse-reach';
import { MeetingDetails } from './meeting-details';
import { RosterView } from './roster-view';

const MinutesView = lazy(() => import('./minutes-view'));

/** The meeting's content tab: preparation before the meeting, minutes after it. */
export default function MeetingTab({ api, host }: PageProps) {
  const id = useAsync(() => resolveMeetingId(api, host), [api]);
  if (id.error) return <ErrorPage error={id.error} onRetry={id.reload} />;
  if (!id.data) return <Loading />;
  return <MeetingTabFor {...{ api, host }} meetingId={id.data} />;
}

function MeetingTabFor({ api, host, meetingId }: PageProps & { meetingId: string }) {
  const t = useT();
  const locale = useLocale();
  const bundle = useMeetingBundle(api, meetingId);
  const reload = bundle.reload;
  const live = useMeetingLive(api, meetingId, bundle.onEvents);
  const b = bundle.data;
  const after = !!b && (!!b.meeting.endedAt || b.meeting.status === 'held' || Date.parse(b.meeting.endsAt) < Date.now());
  const [tab, setTab] = useState<'prepare' | 'minutes' | null>(null);
  const current = tab ?? (after ? 'minutes' : 'prepare');
  if (!b) return bundle.error ? <ErrorPage error={bundle.error} onRetry={bundle.reload} /> : <Loading />;
  const m = b.meeting;
  // A meeting planned without a title is named by its councils (a joint meeting) rather than "Dagordning".
  const title = m.title ?? (b.bodyNames.size > 1 ? `${t('jointMeeting')}: ${[...b.bodyNames.values()].join(', ')}` : t('agenda'));
  return (
    <Page
      title={title}
      aside={<LiveBadge status={live} />}
      subtitle={
        <span data-ready="true">
          {formatDate(m.startsAt, locale, m.timeZone)} · {formatTime(m.startsAt, locale, m.timeZone)}–{formatTime(m.endsAt, locale, m.timeZone)}
          {m.place ? ` · ${m.place}` : ''}
        </span>
      }
    >
      {bundle.error ? <ErrorBox error={bundle.error} onRetry={bundle.reload} /> : null}
      <Tabs
        label={title}
        value={current}
        onChange={setTab}
        items={[
          { value: 'prepare', label: t('tabPrepare') },
          { value: 'minutes', label: t('tabMinutes') },
        ]}
      />
      {current === 'prepare' ? (
        <Prepare api={api} teamsMeetingId={host.teamsMeetingId} b={b} reload={reload} channel={!host.teamsMeetingId} />
      ) : (
        <Suspense fallback={<Loading inline />}>
          <MinutesView api={api} b={b} reload={reload} />
        </Suspense>
      )}
    </Page>
  );
}

function Prepare({ api, b, reload, teamsMeetingId, channel }: { api: Api; b: MeetingBundle; reload: () => void; teamsMeetingId: string | null; channel: boolean }) {
  const t = useT();
  const s = usePageStyles();
  const roles = rolesIn(b);
  const kallelse = useAction();
  const link = useAction();
  const [sent, setSent] = useState(0);
  const linked = b.meeting.teams?.meetingId ?? null;
  const cancelled = b.meeting.status === 'cancelled';
  const bodyLink = `/tab/?bodyId=${encodeURIComponent(b.meeting.bodyIds[0]!)}`;
  return (
    <>
      <Section title={t('meetingDetails')}>
        <MeetingDetails api={api} meeting={b.meeting} canManage={roles.isSecretary} onChanged={reload} />
        {channel ? <Link href={bodyLink}>{t('backToCouncil')}</Link> : null}
      </Section>
      {/* Justerat: the store refuses changes to the agenda, attendance and call-ins (LOCKED_FINAL), so none is offered. */}
      <Section title={t('agenda')}>
        {roles.isSecretary && b.minutesLocked ? (
          <p className={s.muted} style={{ margin: 0 }} data-agenda-locked>
            {t('minutesLocked')}
          </p>
        ) : null}
        <AgendaEditor api={api} meetingId={b.meeting.id} items={b.items} canEdit={roles.isSecretary && !b.minutesLocked} onChanged={reload} />
      </Section>
      <Section title={t('roster')}>
        <RosterView b={b} api={api} canManage={roles.isSecretary && !b.minutesLocked} reload={reload} />
      </Section>
      {roles.isSecretary && !cancelled ? (
        <Section title={t('sendKallelse')} id="kallelse">
          <div className={s.row}>
            <Button appearance="primary" disabled={kallelse.busy} onClick={() => kallelse.run(() => api.sendKallelse(b.meeting.id), () => setSent((n) => n + 1))}>
              {t('sendKallelse')}
            </Button>
            {teamsMeetingId && linked !== teamsMeetingId ? (
              <Button disabled={link.busy} onClick={() => link.run(() => api.linkTeams(b.meeting.id, { version: b.meeting.version, teamsMeetingId }), reload)}>
                {t('linkTeams')}
              </Button>
            ) : null}
          </div>
          {sent ? <Notice>{t('kallelseSent')}</Notice> : null}
          <KallelseReach api={api} meetingId={b.meeting.id} stamp={sent} />
          {kallelse.error ? <ErrorBox error={kallelse.error} /> : null}
          {link.error ? <ErrorBox error={link.error} /> : null}
          <p className={s.muted} style={{ margin: 0 }}>
            {linked ? t('linkedTeams') : t('notLinkedTeams')}
          </p>
        </Section>
      ) : null}
    </>
  );
}

type Api = PageProps['api'];
