/**
 * The secretary's attendance list in the side panel, grouped as the minutes list it: per council in a joint
 * meeting, then ledamöter, tjänstgörande ersättare, ersättare, tjänstepersoner och övriga (ledamöter first:
 * they decide quorum). A search field finds a person among 60 rows; "Närvarande" is one tap (tap again to
 * undo), the list beside it sets any other state. A person with seats on several councils has a row per
 * council: the correction is sent with that council's body id.
 */
import { Badge, Input, Select, ToggleButton } from '@fluentui/react-components';
import { useState } from 'react';
import type { AttendanceState, MembershipRole } from '../../../shared/domain';
import { attendanceGroups, type AttendanceGroupLine } from '../../../shared/services/attendance-groups';
import type { Api } from '../api/client';
import { formatTime, useLocale, useT } from '../i18n/locale';
import { ErrorBox, useAction } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';
import { attendanceIn, personName, type MeetingBundle } from './meeting-data';

export function AttendanceSection({ api, b, reload }: { api: Api; b: MeetingBundle; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const [query, setQuery] = useState('');
  const quorum = b.quorum;
  const joint = b.meeting.bodyIds.length > 1;
  const bodies = attendanceGroups({ bodyIds: b.meeting.bodyIds, memberships: b.memberships, attendance: (b.attendance ?? []).map((r) => r.attendance), name: (id) => personName(b, id), query });
  return (
    <Section title={t('attendance')}>
      {quorum ? (
        <Badge appearance="filled" color={quorum.quorate ? 'success' : 'danger'} data-quorate={quorum.quorate} style={{ height: 'auto', minHeight: 20, whiteSpace: 'normal', justifyContent: 'flex-start', padding: '2px 8px', alignSelf: 'flex-start', maxWidth: '100%' }}>
          {quorum.quorate ? t('quorumOk') : t('quorumNo')} — {t('quorum', { present: quorum.present, total: quorum.total })}
        </Badge>
      ) : null}
      {b.attendance === null ? <p className={s.muted}>{t('notAvailable')}</p> : null}
      <Input type="search" aria-label={t('attendanceSearch')} placeholder={t('attendanceSearch')} value={query} onChange={(_, d) => setQuery(d.value)} style={{ minWidth: 0, width: '100%' }} />
      {bodies.length === 0 && query.trim() ? <p className={s.muted}>{t('attendanceNoMatch')}</p> : null}
      {bodies.map((body) => (
        <div key={body.bodyId} data-attendance-body={body.bodyId} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {joint ? <h3 style={{ margin: 0, fontSize: 'inherit' }}>{b.bodyNames.get(body.bodyId) ?? ''}</h3> : null}
          {body.groups.map((g) => (
            <div key={g.key} data-attendance-group={g.key}>
              {joint ? <h4 style={{ margin: '0 0 4px' }}>{t(`attendanceGroup_${g.key}`)}</h4> : <h3 style={{ margin: '0 0 4px', fontSize: 'inherit' }}>{t(`attendanceGroup_${g.key}`)}</h3>}
              <ul className={s.list}>
                {g.lines.map((line) => (
                  <AttendanceRow key={`${line.personId}:${line.bodyId ?? ''}`} api={api} b={b} line={line} reload={reload} />
                ))}
              </ul>
            </div>
          ))}
        </div>
      ))}
    </Section>
  );
}

const ROLE_SHOWN: ReadonlySet<MembershipRole> = new Set(['ordförande', 'vice_ordförande', 'sekreterare', 'tjänsteperson', 'adjungerad']);

function AttendanceRow({ api, b, line, reload }: { api: Api; b: MeetingBundle; line: AttendanceGroupLine; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const locale = useLocale();
  const act = useAction();
  const { personId, bodyId } = line;
  const row = attendanceIn(b, personId, bodyId);
  const state: AttendanceState = row?.attendance.state ?? 'expected';
  const name = personName(b, personId);
  const body = bodyId ? (b.bodyNames.get(bodyId) ?? '') : '';
  const label = body ? `${name} (${body})` : name;
  const set = (next: AttendanceState) => act.run(() => api.correctAttendance(b.meeting.id, personId, next, row?.attendance.version, bodyId ?? undefined), reload);
  const detail = [
    line.role && ROLE_SHOWN.has(line.role) ? t(`role_${line.role}`) : null,
    line.servingForPersonId ? t('servingFor', { name: personName(b, line.servingForPersonId) }) : null,
    ...(row?.intervals ?? []).map((i) => `${t('joined', { time: formatTime(i.from, locale, b.meeting.timeZone) })}${i.to ? `, ${t('left', { time: formatTime(i.to, locale, b.meeting.timeZone) })}` : ''}`),
  ].filter(Boolean);
  return (
    <li data-person={name} data-state={state} {...(bodyId ? { 'data-body': bodyId } : {})} style={{ display: 'flex', flexDirection: 'column', gap: 4, minWidth: 0 }}>
      <span style={{ overflowWrap: 'anywhere' }}>
        <span className={state === 'förhinder' ? s.strike : undefined}>{name}</span>
        {detail.length ? <span className={s.muted}> · {detail.join(' · ')}</span> : null}
      </span>
      {b.minutesLocked ? (
        // Justerat: nothing to change, so the state is text (disabled controls are too faint to read).
        <span data-attendance-state={state}>{t(`state_${state}`)}</span>
      ) : (
        <div className={s.row} style={{ alignItems: 'center', gap: 6 }}>
          <ToggleButton size="small" appearance={state === 'present' ? 'primary' : 'secondary'} checked={state === 'present'} aria-label={t('markPresent', { name: label })} disabled={act.busy} onClick={() => set(state === 'present' ? 'expected' : 'present')}>
            {state === 'present' ? <span aria-hidden="true">✓&nbsp;</span> : null}
            {t('state_present')}
          </ToggleButton>
          <Select size="small" aria-label={t('correct', { name: label })} value={state} disabled={act.busy} onChange={(_, d) => set(d.value as AttendanceState)} style={{ minWidth: 0 }}>
            {(['expected', 'present', 'förhinder', 'absent'] as const).map((st) => (
              <option key={st} value={st}>
                {t(`state_${st}`)}
              </option>
            ))}
          </Select>
        </div>
      )}
      {act.error ? <ErrorBox error={act.error} /> : null}
    </li>
  );
}
