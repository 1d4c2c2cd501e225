import { Badge, Button } from '@fluentui/react-components';
import type { AttendanceState, Membership } from '../../../shared/domain';
import type { Api } from '../api/client';
import { useT } from '../i18n/locale';
import { ErrorBox, useAction } from '../ui/common';
import { usePageStyles } from '../ui/page';
import { CallInList } from './call-in-list';
import { attendanceIn, personName, seatBodies, type MeetingBundle } from './meeting-data';

const STATE_COLOR: Record<AttendanceState, 'informative' | 'success' | 'danger' | 'subtle'> = {
  expected: 'informative',
  present: 'success',
  förhinder: 'danger',
  absent: 'subtle',
};

/** Förhinder can be given or taken back until the meeting is over (the server's rule, absenceOpen). */
export function absenceOpen(b: MeetingBundle, now = Date.now()): boolean {
  return b.meeting.status !== 'cancelled' && !b.meeting.endedAt && Date.parse(b.meeting.endsAt) > now;
}

/**
 * The meeting's roster: every seat of its bodies with the attendance state, förhinder and the call-in chain.
 * The secretary marks förhinder here (the same förhinder as one given in chat: the ersättare is called in)
 * and follows and steers the call-in as it happens.
 */
export function RosterView({ b, api, canManage, reload }: { b: MeetingBundle; api: Api; canManage: boolean; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  // A joint meeting lists each council's seats with the council; a person on several councils' lists has a state per council.
  const joint = b.meeting.bodyIds.length > 1;
  const seats = b.memberships.filter((m) => m.role !== 'sekreterare' || m.personId);
  const open = absenceOpen(b);
  return (
    <div>
      <table className={s.table}>
        <thead>
          <tr>
            <th scope="col">{t('person')}</th>
            <th scope="col">{t('role')}</th>
            {joint ? <th scope="col">{t('body')}</th> : null}
            <th scope="col">{t('attendance')}</th>
          </tr>
        </thead>
        <tbody>
          {seats.map((m) => {
            const a = m.personId ? attendanceIn(b, m.personId, seatBodies(b, m.personId).length ? m.bodyId : null)?.attendance : undefined;
            const state: AttendanceState = a?.state ?? 'expected';
            return (
              <tr key={m.id}>
                <td className={state === 'förhinder' ? s.strike : undefined}>{m.personId ? personName(b, m.personId) : t('vacant')}</td>
                <td>{t(`role_${m.role}`)}</td>
                {joint ? <td>{b.bodyNames.get(m.bodyId) ?? ''}</td> : null}
                <td>
                  <Badge appearance="tint" color={STATE_COLOR[state]}>
                    {t(`state_${state}`)}
                  </Badge>
                  {a?.note ? <span className={s.muted}> {a.note}</span> : null}
                  {a?.replacesPersonId ? <span className={s.muted}> {t('servesFor', { name: personName(b, a.replacesPersonId) })}</span> : null}
                  {canManage && m.personId && open ? <AbsenceToggle b={b} api={api} seat={m} absent={state === 'förhinder'} reload={reload} /> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3 style={{ fontSize: 14, margin: '12px 0 4px' }}>{t('callIns')}</h3>
      <CallInList b={b} api={api} canManage={canManage} reload={reload} />
    </div>
  );
}

/** "Förhinder" / "Ångra förhinder" on one seat, with its error next to it. */
function AbsenceToggle({ b, api, seat, absent, reload }: { b: MeetingBundle; api: Api; seat: Membership; absent: boolean; reload: () => void }) {
  const t = useT();
  const act = useAction();
  const name = personName(b, seat.personId);
  // A person with seats on several councils of a joint meeting: the förhinder is for this council's list.
  const bodyId = seatBodies(b, seat.personId!).length ? seat.bodyId : undefined;
  const input = { personId: seat.personId!, ...(bodyId ? { bodyId } : {}) };
  return (
    <>
      {' '}
      <Button
        size="small"
        disabled={act.busy}
        aria-label={t(absent ? 'unmarkAbsenceFor' : 'markAbsenceFor', { name })}
        onClick={() => act.run(() => (absent ? api.withdrawAbsence(b.meeting.id, input) : api.reportAbsence(b.meeting.id, input)), reload)}
      >
        {absent ? t('withdrawAbsence') : t('markAbsence')}
      </Button>
      {act.error ? <ErrorBox error={act.error} /> : null}
    </>
  );
}
