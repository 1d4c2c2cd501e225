/**
 * The side panel for members, ersättare and officials: an open vote first (it is what needs an answer now),
 * then "Jag är på plats" when the server would accept it, the current item standing out, the agenda and the
 * confirmed decisions.
 */
import { Button } from '@fluentui/react-components';
import { attendsRemotely, checkInRefusal, checkInUndoable } from '../../../shared/services/check-in-rule';
import { isoDateInZone, longSwedishDate } from '../../../shared/minutes/swedish-time';
import type { AgendaItem } from '../../../shared/domain';
import type { Api } from '../api/client';
import { useLocale, useT } from '../i18n/locale';
import { ErrorBox, Notice, useAction, useNow } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';
import { currentItem, type MeetingBundle } from './meeting-data';
import { ItemTimes, presenterNames } from './item-facts';
import { OpenVotes } from './side-panel-decisions';

export function MemberView({ api, b, reload }: { api: Api; b: MeetingBundle; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const cur = currentItem(b.items);
  const confirmed = (b.decisions ?? []).filter((d) => d.status === 'confirmed');
  return (
    <>
      <OpenVotes api={api} b={b} reload={reload} />
      <CheckIn api={api} b={b} reload={reload} />
      {cur ? (
        <Section title={t('currentItem')} id="member-current">
          <div className={`${s.card} ${s.active}`} data-current-item={cur.number}>
            <strong>
              {cur.number}. {cur.title}
            </strong>
            {presenterNames(cur) ? <div>{t('presenterLine', { names: presenterNames(cur) })}</div> : null}
            <ItemTimes item={cur} timeZone={b.meeting.timeZone} />
          </div>
        </Section>
      ) : null}
      <Section title={t('agenda')}>
        <ol className={s.list}>
          {b.items.map((i) => (
            <AgendaRow key={i.id} item={i} />
          ))}
        </ol>
      </Section>
      <Section title={t('decisionsSoFar')}>
        {confirmed.length === 0 ? <p className={s.muted}>{t('noDecisions')}</p> : null}
        <ul className={s.list}>
          {confirmed.map((d) => (
            <li key={d.id} data-confirmed-decision>
              <strong>{b.items.find((i) => i.id === d.itemId)?.number ?? ''}.</strong> {d.text}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

function AgendaRow({ item: i }: { item: AgendaItem }) {
  const t = useT();
  const s = usePageStyles();
  const active = i.status === 'active';
  const done = i.status === 'done';
  return (
    <li className={active ? `${s.card} ${s.active}` : s.card} aria-current={active ? 'step' : undefined} data-member-item={i.number} data-status={i.status}>
      <span className={done ? s.muted : undefined} style={active ? { fontWeight: 600 } : undefined}>
        {i.number}. {i.title}
      </span>
      {done ? (
        <span>
          {' '}
          <span aria-hidden="true">✓</span>
          <span className="visually-hidden" style={HIDDEN}>
            {t('itemDoneLabel')}
          </span>
        </span>
      ) : active ? (
        <span> {t('itemNow')}</span>
      ) : null}
    </li>
  );
}

const HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/**
 * "Jag är på plats", offered by the rule the server applies (check-in-rule.ts): expected people, on the meeting
 * day. Someone known to take part through Teams gets it as a secondary choice ("i rummet"), not the main button.
 * A check-in can be undone ("Ångra") until the meeting ends; presence from Teams or the secretary is only shown.
 */
function CheckIn({ api, b, reload }: { api: Api; b: MeetingBundle; reload: () => void }) {
  const t = useT();
  const locale = useLocale();
  const s = usePageStyles();
  const act = useAction();
  const now = useNow(60_000);
  const me = b.me.person?.id;
  if (!me) return null;
  const rows = (b.attendance ?? []).filter((r) => r.attendance.personId === me);
  const present = rows.some((r) => r.attendance.state === 'present');
  const byCheckIn = rows.some((r) => r.attendance.state === 'present' && r.attendance.source === 'check_in');
  const refusal = checkInRefusal({ meeting: b.meeting, personId: me, memberships: b.memberships, attendance: rows.map((r) => r.attendance), now: new Date(now).toISOString() });
  const remote = attendsRemotely(b.meeting, rows.flatMap((r) => r.intervals));
  const isErsattare = b.memberships.some((m) => m.personId === me && m.role === 'ersättare');
  const body = (() => {
    if (present)
      return (
        <div className={s.row} style={{ alignItems: 'center' }} data-checked-in={byCheckIn ? 'check_in' : 'other'}>
          <Notice>{t('checkedIn')}</Notice>
          {byCheckIn && checkInUndoable(b.meeting) ? (
            <Button disabled={act.busy} aria-label={t('undoCheckInLabel')} onClick={() => act.run(() => api.undoCheckIn(b.meeting.id), reload)}>
              {t('undoCheckIn')}
            </Button>
          ) : null}
        </div>
      );
    if (refusal === 'not_expected') return isErsattare ? <p className={s.muted} style={{ margin: 0 }} data-check-in="not-called-in">{t('youAreNotCalledIn')}</p> : null;
    if (refusal === 'not_meeting_day') {
      const day = isoDateInZone(b.meeting.startsAt, b.meeting.timeZone);
      return <p className={s.muted} style={{ margin: 0 }} data-check-in="not-today">{t('checkInOnDay', { date: locale === 'sv' ? longSwedishDate(day) : day })}</p>;
    }
    if (refusal !== null) return null;
    return remote ? (
      <div data-check-in="remote">
        <p className={s.muted} style={{ margin: '0 0 6px' }}>
          {t('remoteNote')}
        </p>
        <Button appearance="secondary" disabled={act.busy} onClick={() => act.run(() => api.checkIn(b.meeting.id), reload)}>
          {t('checkInInRoom')}
        </Button>
      </div>
    ) : (
      <div className={s.row} data-check-in="offered">
        <Button appearance="primary" disabled={act.busy} onClick={() => act.run(() => api.checkIn(b.meeting.id), reload)}>
          {t('checkIn')}
        </Button>
      </div>
    );
  })();
  if (!body && !act.error) return null;
  return (
    <div data-check-in-block>
      {body}
      {act.error ? <ErrorBox error={act.error} /> : null}
    </div>
  );
}
