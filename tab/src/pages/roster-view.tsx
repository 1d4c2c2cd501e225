import { Badge, Button } from '@fluentui/react-components';
import type { AttendanceState, Membership, MembershipRole } from '../../../shared/domain';
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

type Group = 'members' | 'substitutes' | 'officials' | 'others';
const GROUP_OF: Record<MembershipRole, Group> = {
  ordförande: 'members',
  vice_ordförande: 'members',
  ledamot: 'members',
  ersättare: 'substitutes',
  tjänsteperson: 'officials',
  adjungerad: 'officials',
  sekreterare: 'others',
  övrig: 'others',
};
const GROUPS: Group[] = ['members', 'substitutes', 'officials', 'others'];

interface RosterRow {
  key: string;
  personId: string | null;
  group: Group;
  /** Every seat the person holds in the meeting's bodies (a vacancy: its one seat). */
  seats: Membership[];
}

/**
 * One row per person, however many of the meeting's councils they sit on, grouped as the minutes group them
 * (ledamöter, ersättare, tjänstepersoner, övriga; a person in the first group any of their seats belongs to).
 * A joint meeting shows each person's councils in a column of its own.
 */
export function rosterRows(b: Pick<MeetingBundle, 'meeting' | 'memberships'>): RosterRow[] {
  const rows = new Map<string, RosterRow>();
  const order = (m: Membership) => b.meeting.bodyIds.indexOf(m.bodyId);
  for (const m of [...b.memberships].sort((x, y) => order(x) - order(y))) {
    if (m.role === 'sekreterare' && !m.personId) continue;
    const key = m.personId ?? `vacant:${m.id}`;
    const row = rows.get(key) ?? { key, personId: m.personId, group: GROUP_OF[m.role], seats: [] };
    row.seats.push(m);
    if (GROUPS.indexOf(GROUP_OF[m.role]) < GROUPS.indexOf(row.group)) row.group = GROUP_OF[m.role];
    rows.set(key, row);
  }
  return [...rows.values()];
}

/**
 * The meeting's roster: each person once with the attendance state, förhinder and the call-in chain.
 * The secretary marks förhinder here (the same förhinder as one given in chat: the ersättare is called in)
 * and follows and steers the call-in as it happens.
 */
export function RosterView({ b, api, canManage, reload }: { b: MeetingBundle; api: Api; canManage: boolean; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const joint = b.meeting.bodyIds.length > 1;
  const rows = rosterRows(b);
  const open = absenceOpen(b);
  const roleText = (r: RosterRow) => [...new Set(r.seats.map((m) => t(`role_${m.role}`)))].join(', ');
  const councils = (r: RosterRow) => {
    const sameRole = new Set(r.seats.map((m) => m.role)).size === 1;
    return r.seats.map((m) => `${b.bodyNames.get(m.bodyId) ?? ''}${sameRole ? '' : ` (${t(`role_${m.role}`)})`}`).join(', ');
  };
  return (
    <div>
      {GROUPS.map((g) => {
        const list = rows.filter((r) => r.group === g);
        if (list.length === 0) return null;
        return (
          <table key={g} className={s.table} data-roster-group={g} style={{ marginBottom: 8, overflowWrap: 'break-word' }}>
            <caption style={{ textAlign: 'left', fontWeight: 600, padding: '4px 0' }}>{t(`rosterGroup_${g}`)}</caption>
            {/* The same column widths in every group where the width allows, so the groups read as one list. */}
            <colgroup>
              {(joint ? ['30%', '20%', '28%', '22%'] : ['38%', '27%', '35%']).map((w, i) => (
                <col key={i} style={{ width: w }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('person')}</th>
                <th scope="col">{t('role')}</th>
                {joint ? <th scope="col">{t('councils')}</th> : null}
                <th scope="col">{t('attendance')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => {
                const a = r.personId ? attendanceIn(b, r.personId, seatBodies(b, r.personId).length ? r.seats[0]!.bodyId : null)?.attendance : undefined;
                const state: AttendanceState = a?.state ?? 'expected';
                // An ersättare is expected only once called in (or when they come anyway).
                const waiting = g === 'substitutes' && state === 'expected' && !a?.replacesPersonId;
                return (
                  <tr key={r.key} data-roster-person={r.personId ? personName(b, r.personId) : t('vacant')}>
                    <td className={state === 'förhinder' ? s.strike : undefined}>{r.personId ? personName(b, r.personId) : t('vacant')}</td>
                    <td>{roleText(r)}</td>
                    {joint ? <td data-councils>{councils(r)}</td> : null}
                    <td>
                      {waiting ? (
                        <Badge appearance="tint" color="subtle" style={{ whiteSpace: 'nowrap' }}>
                          {t('notCalledIn')}
                        </Badge>
                      ) : (
                        <Badge appearance="tint" color={STATE_COLOR[state]}>
                          {t(`state_${state}`)}
                        </Badge>
                      )}
                      {a?.note ? <span className={s.muted}> {a.note}</span> : null}
                      {a?.replacesPersonId ? <span className={s.muted}> ({t('replaces', { name: personName(b, a.replacesPersonId) })})</span> : null}
                      {canManage && r.personId && open ? <AbsenceToggle b={b} api={api} personId={r.personId} bodyId={r.seats.length === 1 && joint ? r.seats[0]!.bodyId : undefined} absent={state === 'förhinder'} reload={reload} /> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      })}
      <h3 style={{ fontSize: 14, margin: '12px 0 4px' }}>{t('callIns')}</h3>
      <CallInList b={b} api={api} canManage={canManage} reload={reload} />
    </div>
  );
}

/** "Förhinder" / "Ångra förhinder" on one seat, with its error next to it. */
function AbsenceToggle({ b, api, personId, bodyId, absent, reload }: { b: MeetingBundle; api: Api; personId: string; bodyId: string | undefined; absent: boolean; reload: () => void }) {
  const t = useT();
  const act = useAction();
  const name = personName(b, personId);
  // One row per person: a person on one council of a joint meeting gives förhinder on that council's list;
  // someone on several councils gives it for all of them (the server's rule when no council is named).
  const input = { personId, ...(bodyId ? { bodyId } : {}) };
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
