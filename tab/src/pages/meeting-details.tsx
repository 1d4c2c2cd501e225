import { Badge, Button, Field, Input, Link } from '@fluentui/react-components';
import { useState } from 'react';
import { localDate, zonedInstant } from '../../../shared/absence/zoned';
import type { Meeting } from '../../../shared/domain';
import type { Api } from '../api/client';
import { ApiError } from '../api/http';
import { formatDate, formatTime, useLocale, useT } from '../i18n/locale';
import { ErrorBox, Notice, useAction } from '../ui/common';
import { usePageStyles } from '../ui/page';

const hhmm = (iso: string, tz: string) => formatTime(iso, 'sv', tz);

/**
 * Time, place and Teams link of a meeting, and for the secretary moving it or cancelling it. Both go through
 * PATCH /meetings/:id, whose use case queues the notices to everyone who got the kallelse; cancelling asks first.
 */
export function MeetingDetails({ api, meeting: m, canManage, onChanged }: { api: Api; meeting: Meeting; canManage: boolean; onChanged: () => void }) {
  const t = useT();
  const locale = useLocale();
  const s = usePageStyles();
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState(false);
  const [saved, setSaved] = useState(false);
  const act = useAction();
  const cancelled = m.status === 'cancelled';
  const when = (iso: string) => `${formatDate(iso, locale, m.timeZone)} ${locale === 'sv' ? `kl. ${hhmm(iso, m.timeZone).replace(':', '.')}` : formatTime(iso, locale, m.timeZone)}`;
  return (
    <div data-meeting-details={m.status} style={{ display: 'flex', flexDirection: 'column', gap: 8, minWidth: 0, overflowWrap: 'anywhere' }}>
      <p style={{ margin: 0 }}>
        {when(m.startsAt)}–{locale === 'sv' ? hhmm(m.endsAt, m.timeZone).replace(':', '.') : formatTime(m.endsAt, locale, m.timeZone)}
        {m.place ? ` · ${m.place}` : ''}{' '}
        {m.status !== 'planned' ? <Badge appearance="outline" color={cancelled ? 'danger' : 'warning'}>{t(`status_${m.status}`)}</Badge> : null}
      </p>
      {m.status === 'moved' && m.movedFromStartsAt ? <p className={s.muted} style={{ margin: 0 }}>{t('movedFrom', { when: when(m.movedFromStartsAt) })}</p> : null}
      {m.teams?.joinUrl ? (
        <Link href={m.teams.joinUrl} target="_blank" rel="noreferrer noopener">
          {t('planTeamsLink')}
        </Link>
      ) : null}
      {cancelled ? <Notice intent="warning">{t('meetingIsCancelled')}</Notice> : null}
      {saved ? <Notice>{t('meetingSaved')}</Notice> : null}
      {canManage && !cancelled && !m.startedAt ? (
        editing ? (
          <MoveForm api={api} meeting={m} onDone={() => (setEditing(false), setSaved(true), onChanged())} onCancel={() => setEditing(false)} />
        ) : asking ? (
          <div role="group" aria-label={t('cancelMeeting')} data-cancel-question className={s.row} style={{ alignItems: 'center' }}>
            <Notice intent="warning">{t('cancelMeetingQ')}</Notice>
            <Button appearance="primary" disabled={act.busy} onClick={() => act.run(() => api.updateMeeting(m.id, { version: m.version, status: 'cancelled' }), () => (setAsking(false), onChanged()))}>
              {t('cancelMeetingYes')}
            </Button>
            <Button onClick={() => setAsking(false)}>{t('keepMeeting')}</Button>
          </div>
        ) : (
          <div className={s.row}>
            <Button onClick={() => (setSaved(false), setEditing(true))}>{t('changeMeeting')}</Button>
            <Button onClick={() => (setSaved(false), setAsking(true))}>{t('cancelMeeting')}</Button>
          </div>
        )
      ) : null}
      {act.error ? <ErrorBox error={act.error} /> : null}
    </div>
  );
}

function MoveForm({ api, meeting: m, onDone, onCancel }: { api: Api; meeting: Meeting; onDone: () => void; onCancel: () => void }) {
  const t = useT();
  const locale = useLocale();
  const s = usePageStyles();
  const [date, setDate] = useState(localDate(m.startsAt, m.timeZone));
  const [start, setStart] = useState(hhmm(m.startsAt, m.timeZone));
  const [end, setEnd] = useState(hhmm(m.endsAt, m.timeZone));
  const [place, setPlace] = useState(m.place ?? '');
  const [link, setLink] = useState(m.teams?.joinUrl ?? '');
  const [errors, setErrors] = useState<Partial<Record<'date' | 'end' | 'link', string>>>({});
  const act = useAction();
  const serverLink = act.error instanceof ApiError && JSON.stringify(act.error.data ?? '').includes('teamsJoinUrl') ? act.error.text(locale) : undefined;
  const save = () => {
    const e: typeof errors = {};
    if (!date) e.date = t('errRequired', { field: t('planDate').toLowerCase() });
    if (!start || !end || end <= start) e.end = t('errEndAfterStart');
    if (link.trim() && !/^https:\/\/\S+$/.test(link.trim())) e.link = t('errHttps');
    setErrors(e);
    if (Object.keys(e).length) return;
    const at = (hm: string) => zonedInstant(date, Number(hm.slice(0, 2)), Number(hm.slice(3, 5)), m.timeZone);
    const startsAt = at(start);
    const endsAt = at(end);
    void act.run(
      () =>
        api.updateMeeting(m.id, {
          version: m.version,
          ...(Date.parse(startsAt) !== Date.parse(m.startsAt) ? { startsAt } : {}),
          ...(Date.parse(endsAt) !== Date.parse(m.endsAt) ? { endsAt } : {}),
          place: place.trim() || null,
          teamsJoinUrl: link.trim() || null,
        }),
      onDone,
    );
  };
  return (
    <form
      noValidate
      aria-label={t('changeMeeting')}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
    >
      <div className={s.row}>
        <Field label={t('planDate')} validationMessage={errors.date} style={{ flex: '1 1 150px' }}>
          <Input type="date" value={date} onChange={(_, v) => setDate(v.value)} />
        </Field>
        <Field label={t('planStart')} style={{ flex: '1 1 100px' }}>
          <Input type="time" value={start} onChange={(_, v) => setStart(v.value)} />
        </Field>
        <Field label={t('planEnd')} validationMessage={errors.end} style={{ flex: '1 1 100px' }}>
          <Input type="time" value={end} onChange={(_, v) => setEnd(v.value)} />
        </Field>
      </div>
      <Field label={t('planPlace')}>
        <Input value={place} onChange={(_, v) => setPlace(v.value)} />
      </Field>
      <Field label={t('planTeamsLink')} validationMessage={errors.link ?? serverLink}>
        <Input type="url" value={link} onChange={(_, v) => setLink(v.value)} />
      </Field>
      <p className={s.muted} style={{ margin: 0 }}>
        {t('moveNotice')}
      </p>
      {act.error && !serverLink ? <ErrorBox error={act.error} /> : null}
      <div className={s.row}>
        <Button type="submit" appearance="primary" disabled={act.busy}>
          {t('save')}
        </Button>
        <Button onClick={onCancel}>{t('cancel')}</Button>
      </div>
    </form>
  );
}
