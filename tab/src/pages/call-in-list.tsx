/**
 * The call-in chains of a meeting as they happen: for each förhinder, who was asked, when, and what they
 * answered, kept current by the meeting's live stream. The secretary can step in: ask someone now, or put
 * someone in the seat directly (the server checks callin.manage).
 */
import { Badge, Button, Field, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { CallInChainView } from '../../../shared/contracts/meeting-views';
import type { Api } from '../api/client';
import { formatTime, useLocale, useT } from '../i18n/locale';
import type { Locale, StringKey } from '../i18n/strings';
import { ErrorBox, useAction } from '../ui/common';
import { usePageStyles } from '../ui/page';
import { personName, type MeetingBundle } from './meeting-data';

/** "kl. 09.00" as the minutes write it; "at 09:00" in English. */
export function clockText(iso: string | null | undefined, locale: Locale, timeZone: string): string {
  if (!iso) return '';
  const hm = formatTime(iso, locale, timeZone);
  return locale === 'sv' ? `kl. ${hm.replace(':', '.')}` : `at ${hm}`;
}

const STATUS: Record<string, { key: StringKey; color: 'success' | 'warning' | 'danger' | 'subtle' }> = {
  filled: { key: 'callInFilled', color: 'success' },
  open: { key: 'callInOpen', color: 'warning' },
  exhausted: { key: 'callInExhausted', color: 'danger' },
  cancelled: { key: 'callInCancelled', color: 'subtle' },
};

/**
 * What a step says. "skipped" is written for three reasons: not reachable in Teams (never asked), passed over
 * when the secretary stepped in (asked before), and the rest of a chain stopped by a withdrawn förhinder.
 */
export function stepKey(st: Pick<CallInChainView['steps'][number], 'state' | 'askedAt' | 'putInBySecretary'>, chainStatus: string): StringKey {
  // Serving because the secretary put them in ("Sätt som tjänstgörande"), not because they said yes.
  if (st.state === 'accepted' && st.putInBySecretary) return 'step_put_in';
  if (st.state !== 'skipped') return `step_${st.state}`;
  if (st.askedAt) return 'step_passed_over';
  return chainStatus === 'cancelled' ? 'step_withdrawn' : 'step_skipped';
}

export function CallInList({ b, api, canManage, reload }: { b: MeetingBundle; api: Api; canManage: boolean; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  if (b.callIns === null) return <p className={s.muted} style={{ margin: 0 }}>{t('notAvailable')}</p>;
  if (b.callIns.length === 0) return <p className={s.muted} style={{ margin: 0 }}>{t('noCallIns')}</p>;
  return (
    <ul className={s.list} data-call-ins>
      {b.callIns.map((c) => (
        <Chain key={c.callIn.id} b={b} c={c} api={api} canManage={canManage} reload={reload} />
      ))}
    </ul>
  );
}

function Chain({ b, c, api, canManage, reload }: { b: MeetingBundle; c: CallInChainView; api: Api; canManage: boolean; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const locale = useLocale();
  const tz = b.meeting.timeZone;
  const absent = c.absentName || personName(b, c.callIn.absentPersonId);
  const status = STATUS[c.callIn.status] ?? STATUS.open!;
  const filledBy = personName(b, c.callIn.filledByPersonId);
  const joint = b.meeting.bodyIds.length > 1 ? ` · ${b.bodyNames.get(c.callIn.bodyId) ?? ''}` : '';
  return (
    <li className={s.card} data-call-in={absent} data-status={c.callIn.status} style={{ display: 'flex', flexDirection: 'column', gap: 4, minWidth: 0, overflowWrap: 'anywhere' }}>
      <span>
        <strong>{t('callInFor', { name: absent })}</strong>
        {c.callIn.purpose === 'chair' ? ` (${t('role_ordförande')})` : ''}
        {joint}{' '}
        <Badge appearance="tint" color={status.color} style={{ height: 'auto', whiteSpace: 'normal' }}>
          {t(status.key, { name: filledBy })}
        </Badge>
      </span>
      {c.steps.length === 0 ? <span className={s.muted}>{t('callInNobody')}</span> : null}
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        {c.steps.map((st) => (
          <li key={st.id} data-step={st.name} data-state={st.state}>
            {st.name || personName(b, st.personId)}
            {st.organisation ? <span className={s.muted}> ({st.organisation})</span> : null}
            {': '}
            {t(stepKey(st, c.callIn.status), { time: clockText(st.state === 'asked' || st.state === 'skipped' ? st.askedAt : st.answeredAt, locale, tz) })}
          </li>
        ))}
      </ol>
      {/* Justerat: call-in chains are frozen with the meeting (the store refuses a change), so no step is offered. */}
      {canManage && !b.minutesLocked && c.callIn.status !== 'cancelled' ? <Override b={b} c={c} absent={absent} api={api} reload={reload} /> : null}
    </li>
  );
}

/** The secretary picks an ersättare (of the chain's council) and asks them now or seats them directly. */
function Override({ b, c, absent, api, reload }: { b: MeetingBundle; c: CallInChainView; absent: string; api: Api; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  // Ersättare of the council first, then anyone else on its list; never the absent person, never twice.
  const onBody = b.memberships.filter((m) => m.bodyId === c.callIn.bodyId && m.personId && m.personId !== c.callIn.absentPersonId);
  const ordered = [...onBody.filter((m) => m.role === 'ersättare'), ...onBody.filter((m) => m.role !== 'ersättare' && m.role !== 'sekreterare')];
  const people = [...new Map(ordered.map((m) => [m.personId!, personName(b, m.personId)])).entries()];
  const [chosen, setChosen] = useState(people[0]?.[0] ?? '');
  if (people.length === 0) return null;
  const go = (mode: 'ask' | 'assign') => act.run(() => api.overrideCallIn(b.meeting.id, c.callIn.id, chosen, mode), reload);
  return (
    <div className={s.row} style={{ alignItems: 'end' }}>
      <Field label={t('overridePerson', { name: absent })} size="small">
        <Select size="small" value={chosen} onChange={(_, d) => setChosen(d.value)}>
          {people.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </Select>
      </Field>
      <Button size="small" disabled={act.busy || !chosen} onClick={() => go('ask')}>
        {t('overrideAsk')}
      </Button>
      <Button size="small" disabled={act.busy || !chosen} onClick={() => go('assign')}>
        {t('overrideAssign')}
      </Button>
      {act.error ? <ErrorBox error={act.error} /> : null}
    </div>
  );
}
