import { Button, Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { VOTING_ROLES } from '../../../shared/domain';
import { servingMembers } from '../../../shared/services/quorum';
import type { MinutesState } from '../../../shared/contracts/minutes-views';
import type { Api } from '../api/client';
import type { Locale } from '../i18n/strings';
import { useLocale, useT } from '../i18n/locale';
import { ErrorBox, Notice, useAction } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';
import { PendingJusterareControls } from './justering-delivery';
import { personName, rolesIn, type MeetingBundle } from './meeting-data';

/** The most justerare a meeting has (the API's limit). */
const MAX_JUSTERARE = 3;

const useStyles = makeStyles({
  signed: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  item: { overflowWrap: 'anywhere' },
});

/**
 * "Skicka för justering" sends the minutes as they stand now: a new draft first, then that draft. A draft
 * made before the justerare were appointed (or before a late correction of attendance or a decision) would
 * not name them, and the server rightly refuses to lock minutes whose data changed after they were sent,
 * so the justerare would sign in vain.
 */
async function sendFresh(api: Api, meetingId: string): Promise<unknown> {
  await api.regenerateMinutes(meetingId);
  return api.sendForJustering(meetingId);
}

function signDate(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', locale === 'sv' ? { year: 'numeric', month: '2-digit', day: '2-digit', timeZone } : { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(new Date(iso));
}

/**
 * Justering in the tab: the secretary appoints justerare from the serving members and
 * sends the draft; an appointed justerare signs here as well as on the card; everyone who reads the minutes
 * sees who has signed and when, updated live. Nobody is offered what the server would refuse.
 */
export function JusteringPanel({ api, b, minutes, onChanged }: { api: Api; b: MeetingBundle; minutes: MinutesState | null; onChanged: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const js = useStyles();
  const locale = useLocale();
  const roles = rolesIn(b);
  const me = b.me.person?.id ?? null;
  const locked = minutes?.locked === true;
  const round = minutes?.justeringRound ?? null;
  const appointed = b.meeting.justerarePersonIds;
  // In the order they were appointed, whoever signed first (the server lists the signed first).
  const order = (id: string) => (appointed.includes(id) ? appointed.indexOf(id) : appointed.length);
  const status = [...(minutes?.justering ?? [])].sort((x, y) => order(x.personId) - order(y.personId));
  const anySigned = status.some((j) => j.signedAt);
  const mine = me ? status.find((j) => j.personId === me) : undefined;
  const canSign = !!me && appointed.includes(me) && !!round && !locked && !!mine && !mine.signedAt;
  const canAppoint = roles.isSecretary && !locked && !anySigned;

  const appoint = useAction();
  const send = useAction();
  const sign = useAction();
  const [done, setDone] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const selected = chosen ?? appointed;

  // Candidates: the voting members serving at the meeting; with no attendance recorded, every ledamot.
  const serving = servingMembers({ bodyIds: b.meeting.bodyIds, memberships: b.memberships, attendance: (b.attendance ?? []).map((r) => r.attendance) }).map((m) => m.personId);
  const fromRoster = serving.length === 0;
  const pool = fromRoster ? b.memberships.filter((m) => m.personId && b.meeting.bodyIds.includes(m.bodyId) && VOTING_ROLES.includes(m.role)).map((m) => m.personId!) : serving;
  const candidates = [...new Set([...pool, ...appointed])].sort((x, y) => personName(b, x).localeCompare(personName(b, y), 'sv'));
  const changed = selected.length !== appointed.length || selected.some((p) => !appointed.includes(p));
  // A card on its way needs no polling: when its send ends the server announces it on the live stream
  // (bot/jobs/job-events.ts) and the minutes are fetched again.
  const toggle = (personId: string, on: boolean) => setChosen((c) => ((on ? [...(c ?? appointed), personId] : (c ?? appointed).filter((p) => p !== personId))));

  if (!roles.isSecretary && appointed.length === 0 && status.length === 0) return null;
  return (
    <Section title={t('justeringState')} id="justering">
      {round && !locked ? (
        <p className={s.muted} style={{ margin: 0 }}>
          {t('justeringOut', { n: round.version, date: round.deadline ? signDate(round.deadline, locale, b.meeting.timeZone) : '—' })}
        </p>
      ) : null}
      {status.length ? (
        <ul className={s.list} data-justering-status>
          {status.map((j) => (
            <li key={j.personId} className={js.item} data-justerare={j.name || personName(b, j.personId)} data-signed={j.signedAt ? 'yes' : 'no'}>
              {j.signedAt ? <span className={js.signed}>✓ </span> : null}
              {j.signedAt ? t('signedOn', { name: j.name || personName(b, j.personId), date: signDate(j.signedAt, locale, b.meeting.timeZone) }) : t('pendingSign', { name: j.name || personName(b, j.personId) })}
              {!j.signedAt && roles.isSecretary && round && !locked ? (
                <PendingJusterareControls api={api} meetingId={b.meeting.id} version={round.version} timeZone={b.meeting.timeZone} personId={j.personId} name={j.name || personName(b, j.personId)} delivery={j.delivery} onChanged={onChanged} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p style={{ margin: 0 }} data-justerare-appointed={appointed.length}>
          <strong>{t('justerare')}:</strong> {appointed.length ? appointed.map((p) => personName(b, p)).join(', ') : t('noJusterare')}
        </p>
      )}
      {canSign && round ? (
        <div className={s.card}>
          <p style={{ margin: '0 0 8px' }}>{t('signHint')}</p>
          <Button appearance="primary" disabled={sign.busy} onClick={() => sign.run(() => api.signMinutes(b.meeting.id, round.version), () => (setDone(t('youSigned')), onChanged()))}>
            {t('signVersion', { n: round.version })}
          </Button>
        </div>
      ) : null}
      {sign.error ? <ErrorBox error={sign.error} /> : null}
      {canAppoint ? (
        <fieldset className={s.card} style={{ margin: 0, minWidth: 0 }}>
          <legend>{t('chooseJusterare')}</legend>
          {fromRoster ? <p className={s.muted} style={{ margin: '0 0 4px' }}>{t('chooseJusterareRoster')}</p> : null}
          <div style={{ display: 'flex', flexDirection: 'column' }}>
            {candidates.map((p) => (
              <Checkbox key={p} checked={selected.includes(p)} disabled={appoint.busy || (!selected.includes(p) && selected.length >= MAX_JUSTERARE)} onChange={(_, d) => toggle(p, !!d.checked)} label={personName(b, p)} />
            ))}
          </div>
          {selected.length >= MAX_JUSTERARE ? <p className={s.muted} style={{ margin: '4px 0' }}>{t('justerareMax', { n: MAX_JUSTERARE })}</p> : null}
          <Button disabled={!changed || appoint.busy} onClick={() => appoint.run(() => api.updateMeeting(b.meeting.id, { version: b.meeting.version, justerarePersonIds: selected }), () => (setChosen(null), setDone(t('justerareSaved')), onChanged()))}>
            {t('saveJusterare')}
          </Button>
          {appoint.error ? <ErrorBox error={appoint.error} /> : null}
        </fieldset>
      ) : null}
      {roles.isSecretary && !locked ? (
        <div className={s.row} style={{ alignItems: 'center' }}>
          <Button appearance={appointed.length && !round ? 'primary' : 'secondary'} disabled={send.busy || appointed.length === 0 || changed} onClick={() => send.run(() => sendFresh(api, b.meeting.id), () => (setDone(t('justeringSent')), onChanged()))}>
            {t('sendJustering')}
          </Button>
          {appointed.length === 0 ? <span className={s.muted}>{t('justerareFirst')}</span> : null}
        </div>
      ) : null}
      {send.error ? <ErrorBox error={send.error} /> : null}
      {done && !locked && !send.error && !appoint.error && !sign.error ? <Notice>{done}</Notice> : null}
    </Section>
  );
}
