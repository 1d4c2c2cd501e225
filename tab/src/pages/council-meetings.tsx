/** The council's meetings in the channel: the coming ones (with planning), the held ones, and the archive export. */
import { Badge, Button, Link } from '@fluentui/react-components';
import { useState } from 'react';
import type { Body, Meeting } from '../../../shared/domain';
import type { Api } from '../api/client';
import { formatDate, formatTime, useLocale, useT } from '../i18n/locale';
import { ErrorBox, Loading, Notice, useAction, useAsync } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';
import { MeetingPlanner } from './meeting-planner';

/** The secretary's (or an administrator's) archive export; the server checks the role too. */
export function ArchiveExport({ api, body }: { api: Api; body: Body }) {
  const t = useT();
  const s = usePageStyles();
  const me = useAsync(() => api.me(), [api]);
  const act = useAction();
  const allowed = me.data && (me.data.isAdmin || me.data.roles.some((r) => r.bodyId === body.id && r.role === 'sekreterare'));
  if (!allowed) return null;
  const save = async (): Promise<void> => {
    const { blob, fileName } = await api.archive(body.id);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return (
    <Section title={t('exportArchive')}>
      <p className={s.muted} style={{ margin: 0 }}>
        {t('exportArchiveHint')}
      </p>
      <div className={s.row}>
        <Button disabled={act.busy} onClick={() => act.run(save)} data-archive-export>
          {t('exportArchive')}
        </Button>
      </div>
      {act.error ? <ErrorBox error={act.error} /> : null}
    </Section>
  );
}

export function Meetings({ api, body, past }: { api: Api; body: Body; past: boolean }) {
  const t = useT();
  const s = usePageStyles();
  const locale = useLocale();
  const data = useAsync(async () => {
    const [meetings, me] = await Promise.all([api.meetings(body.id), api.me()]);
    return { meetings, canPlan: me.isAdmin || me.roles.some((r) => r.bodyId === body.id && r.role === 'sekreterare') };
  }, [api, body.id]);
  const [planning, setPlanning] = useState(false);
  const [created, setCreated] = useState<number | null>(null);
  if (!data.data) return data.error ? <ErrorBox error={data.error} onRetry={data.reload} /> : <Loading />;
  const now = Date.now();
  const when = (m: Meeting) =>
    `${formatDate(m.startsAt, locale, m.timeZone)}${locale === 'sv' ? ` kl. ${formatTime(m.startsAt, locale, m.timeZone).replace(':', '.')}` : `, ${formatTime(m.startsAt, locale, m.timeZone)}`}`;
  const list = data.data.meetings.filter((m) => (past ? Date.parse(m.endsAt) < now || m.status === 'held' : Date.parse(m.endsAt) >= now && m.status !== 'held'));
  return (
    <Section title={past ? t('minutesArchive') : t('meetings')}>
      {/* Only the secretary (or an administrator) is offered planning; the server checks the role too. */}
      {!past && data.data.canPlan ? (
        planning ? (
          <MeetingPlanner api={api} body={body} onCancel={() => setPlanning(false)} onCreated={(n) => (setPlanning(false), setCreated(n), data.reload())} />
        ) : (
          <div className={s.row}>
            <Button appearance="primary" onClick={() => (setCreated(null), setPlanning(true))}>
              {t('planMeeting')}
            </Button>
          </div>
        )
      ) : null}
      {created ? <Notice>{created > 1 ? t('planCreatedSeries', { n: created }) : t('planCreated')}</Notice> : null}
      {list.length === 0 ? <p className={s.muted}>{t('noMeetings')}</p> : null}
      <ul className={s.list}>
        {(past ? [...list].reverse() : list).map((m) => (
          <li key={m.id} className={s.card} data-meeting={m.id} style={{ overflowWrap: 'anywhere' }}>
            <Link href={`/tab/meeting?meetingId=${encodeURIComponent(m.id)}`}>{m.title ?? when(m)}</Link>{' '}
            <span className={s.muted}>
              {m.title ? when(m) : ''}
              {m.title && m.place ? ' · ' : ''}
              {m.place ?? ''}
              {m.bodyIds.length > 1 ? ` · ${t('jointMeeting')}` : ''}
            </span>{' '}
            {m.status !== 'planned' ? <Badge appearance="outline" color={m.status === 'cancelled' ? 'danger' : m.status === 'moved' ? 'warning' : 'informative'}>{t(`status_${m.status}`)}</Badge> : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}
