/**
 * The secretary's attendance list in the side panel: each seat with its state and join/leave times, and the
 * quorum. In a joint meeting a person with seats on several councils has a row per council: the
 * correction is sent with that council's body id.
 */
import { Badge, Select } from '@fluentui/react-components';
import type { AttendanceState } from '../../../shared/domain';
import type { Api } from '../api/client';
import { formatTime, useLocale, useT } from '../i18n/locale';
import { ErrorBox, useAction } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';
import { attendanceIn, personName, seatBodies, type MeetingBundle } from './meeting-data';

export function AttendanceSection({ api, b, reload }: { api: Api; b: MeetingBundle; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const locale = useLocale();
  const seats = [...new Set(b.memberships.filter((m) => m.personId).map((m) => m.personId!))];
  // A person with seats on several councils of a joint meeting gets a row per council.
  const lines = seats.flatMap((pid) => {
    const bodies = seatBodies(b, pid);
    return bodies.length ? bodies.map((bodyId) => ({ pid, bodyId })) : [{ pid, bodyId: null as string | null }];
  });
  const quorum = b.quorum;
  return (
    <Section title={t('attendance')}>
      {quorum ? (
        <Badge appearance="filled" color={quorum.quorate ? 'success' : 'danger'} data-quorate={quorum.quorate} style={{ height: 'auto', minHeight: 20, whiteSpace: 'normal', justifyContent: 'flex-start', padding: '2px 8px', alignSelf: 'flex-start', maxWidth: '100%' }}>
          {quorum.quorate ? t('quorumOk') : t('quorumNo')} — {t('quorum', { present: quorum.present, total: quorum.total })}
        </Badge>
      ) : null}
      {b.attendance === null ? <p className={s.muted}>{t('notAvailable')}</p> : null}
      <ul className={s.list}>
        {lines.map(({ pid, bodyId }) => {
          const row = attendanceIn(b, pid, bodyId);
          return (
            <AttendanceRow
              key={`${pid}:${bodyId ?? ''}`}
              api={api}
              b={b}
              personId={pid}
              bodyId={bodyId}
              state={row?.attendance.state ?? 'expected'}
              version={row?.attendance.version}
              intervals={(row?.intervals ?? []).map((i) => [formatTime(i.from, locale, b.meeting.timeZone), i.to ? formatTime(i.to, locale, b.meeting.timeZone) : null] as const)}
              reload={reload}
            />
          );
        })}
      </ul>
    </Section>
  );
}

function AttendanceRow({
  api,
  b,
  personId,
  bodyId,
  state,
  version,
  intervals,
  reload,
}: {
  api: Api;
  b: MeetingBundle;
  personId: string;
  /** A joint meeting where the person sits on several councils: the council this row's state is for. */
  bodyId: string | null;
  state: AttendanceState;
  version?: number;
  intervals: (readonly [string, string | null])[];
  reload: () => void;
}) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const name = personName(b, personId);
  const body = bodyId ? (b.bodyNames.get(bodyId) ?? '') : '';
  const label = body ? `${name} (${body})` : name;
  return (
    <li className={s.row} style={{ alignItems: 'center' }} data-person={name} data-state={state} {...(bodyId ? { 'data-body': bodyId } : {})}>
      <span style={{ minWidth: 160 }}>
        {name}
        {body ? <span className={s.muted}> · {body}</span> : null}
      </span>
      <Select size="small" aria-label={t('correct', { name: label })} value={state} disabled={act.busy} onChange={(_, d) => act.run(() => api.correctAttendance(b.meeting.id, personId, d.value as AttendanceState, version, bodyId ?? undefined), reload)}>
        {(['expected', 'present', 'förhinder', 'absent'] as const).map((st) => (
          <option key={st} value={st}>
            {t(`state_${st}`)}
          </option>
        ))}
      </Select>
      <span className={s.muted}>{intervals.map(([from, to]) => `${t('joined', { time: from })}${to ? `, ${t('left', { time: to })}` : ''}`).join('; ')}</span>
      {act.error ? <ErrorBox error={act.error} /> : null}
    </li>
  );
}

