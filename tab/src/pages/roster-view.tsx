import { Badge } from '@fluentui/react-components';
import type { AttendanceState } from '../../../shared/domain';
import { useT } from '../i18n/locale';
import { usePageStyles } from '../ui/page';
import { attendanceIn, callInProgress, personName, seatBodies, type MeetingBundle } from './meeting-data';

const STATE_COLOR: Record<AttendanceState, 'informative' | 'success' | 'danger' | 'subtle'> = {
  expected: 'informative',
  present: 'success',
  förhinder: 'danger',
  absent: 'subtle',
};

/** The meeting's roster: every seat of its bodies with the attendance state, förhinder and the call-in chain. */
export function RosterView({ b }: { b: MeetingBundle }) {
  const t = useT();
  const s = usePageStyles();
  // A joint meeting lists each council's seats with the council; a person on several councils' lists has a state per council.
  const joint = b.meeting.bodyIds.length > 1;
  const seats = b.memberships.filter((m) => m.role !== 'sekreterare' || m.personId);
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
                  {a?.replacesPersonId ? <span className={s.muted}> ({personName(b, a.replacesPersonId)})</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3 style={{ fontSize: 14, margin: '12px 0 4px' }}>{t('callIns')}</h3>
      {b.callIns && b.callIns.length ? (
        <ul className={s.list}>
          {b.callIns.map((c) => (
            <li key={c.callIn.id}>
              {c.absentName || personName(b, c.callIn.absentPersonId)} → {callInProgress(b, c)}
            </li>
          ))}
        </ul>
      ) : (
        <p className={s.muted} style={{ margin: 0 }}>
          {b.callIns === null ? t('notAvailable') : t('noCallIns')}
        </p>
      )}
    </div>
  );
}
