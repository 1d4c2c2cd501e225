/** The chair's agenda runner in the side panel: one "Nästa punkt", the agenda to jump to any item, "Avsluta mötet" that asks first. */
import { Badge, Button } from '@fluentui/react-components';
import { useState } from 'react';
import type { AgendaItem } from '../../../shared/domain';
import type { Api } from '../api/client';
import { ApiError } from '../api/http';
import { useT } from '../i18n/locale';
import { shareToStage, type HostInfo } from '../teams/teams-host';
import { ErrorBox, Notice, useAction, useFocusWhenOpen } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';
import { ChairHandoverSection } from './chair-handover';
import { Elapsed } from './elapsed';
import { backTarget, currentItem, leadsItemNow, nextItem, rolesIn, type MeetingBundle } from './meeting-data';

/**
 * The secretary's notes save themselves and each save bumps the item's version, so the chair's step may be
 * refused as stale only because of a note: when the item is still in the state the chair saw, the step is
 * retried once on the fresh version. Any other change (someone else moved the agenda) is still refused.
 */
async function agendaStep(api: Api, meetingId: string, item: AgendaItem, step: (version: number) => Promise<unknown>): Promise<unknown> {
  try {
    return await step(item.version);
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'CONFLICT_STALE')) throw e;
    const fresh = (await api.agenda(meetingId)).items.find((i) => i.id === item.id);
    if (!fresh || fresh.status !== item.status || fresh.number !== item.number) throw e;
    return step(fresh.version);
  }
}

/** Whether the server lets this person run item `n` (agenda.run: the secretary, or whoever leads that item). */
export function canRunItem(b: MeetingBundle, n: number): boolean {
  return rolesIn(b).isSecretary || leadsItemNow(b, n);
}

/** What is not settled: proposed decisions not confirmed, and votes still open. */
export function unconfirmedOf(b: MeetingBundle): { id: string; label: string; vote: boolean }[] {
  const num = (itemId: string) => b.items.find((i) => i.id === itemId)?.number ?? '';
  return (b.decisions ?? [])
    .filter((d) => d.status === 'proposed' || (d.vote && !d.vote.closedAt))
    .map((d) => ({ id: d.id, label: `${num(d.itemId)}. ${d.text}`, vote: !!d.vote && !d.vote.closedAt }));
}

export function ChairRunner({ api, host, b, reload }: { api: Api; host: HostInfo; b: MeetingBundle; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const [shared, setShared] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  // The button pressed goes away while its question is open: focus moves to the answer (keyboard, screen readers).
  const endYes = useFocusWhenOpen(confirmEnd);
  const cur = currentItem(b.items);
  const next = nextItem(b.items);
  const back = backTarget(b.items);
  const mId = b.meeting.id;
  const started = !!b.meeting.startedAt;
  const ended = !!b.meeting.endedAt;
  const start = (item: AgendaItem) => act.run(() => agendaStep(api, mId, item, (v) => api.startItem(mId, item.id, v)), reload);
  const finish = (item: AgendaItem) => act.run(() => agendaStep(api, mId, item, (v) => api.finishItem(mId, item.id, v)), () => (setConfirmEnd(false), reload()));
  const unconfirmed = unconfirmedOf(b);
  // startItem finishes the item in progress in the same step: one click per item.
  const primary = ended || b.minutesLocked ? null : next && canRunItem(b, next.number) ? 'next' : cur && !next && canRunItem(b, cur.number) ? 'end' : cur && canRunItem(b, cur.number) ? 'finish' : null;
  return (
    <>
      <Section title={t('currentItem')}>
        {cur ? (
          <div className={`${s.card} ${s.active}`} data-current-item={cur.number}>
            <strong>
              {cur.number}. {cur.title}
            </strong>
            <Elapsed item={cur} />
          </div>
        ) : (
          <p className={s.muted} style={{ margin: 0 }}>
            {t('noCurrentItem')}
          </p>
        )}
        <div className={s.row}>
          {primary === 'next' && next ? (
            <Button appearance="primary" disabled={act.busy} onClick={() => void start(next)}>
              {started ? t('nextItemStep') : t('startMeetingAt', { n: next.number })}
            </Button>
          ) : primary === 'end' && !confirmEnd ? (
            <Button appearance="primary" disabled={act.busy} onClick={() => setConfirmEnd(true)}>
              {t('endMeeting')}
            </Button>
          ) : primary === 'finish' && cur ? (
            <Button appearance="primary" disabled={act.busy} onClick={() => void finish(cur)}>
              {t('finishItem', { n: cur.number })}
            </Button>
          ) : null}
          {/* A mis-click (also on "Avsluta mötet") can be undone. */}
          {back && !b.minutesLocked && canRunItem(b, back.number) ? (
            <Button disabled={act.busy} onClick={() => act.run(() => agendaStep(api, mId, back, (v) => api.backItem(mId, back.id, v)), reload)}>
              {t('backItem')}
            </Button>
          ) : null}
          {ended ? <Badge appearance="outline">{t('meetingEnded')}</Badge> : null}
        </div>
        {/* After justering the store refuses any change of the agenda: "Tillbaka" is not offered, and why is said. */}
        {b.minutesLocked ? <p className={s.muted} style={{ margin: 0 }}>{t('minutesLocked')}</p> : null}
        {primary === 'next' && next && started ? (
          <p className={s.muted} style={{ margin: 0 }} data-next-item={next.number}>
            {t('nextIs', { n: next.number, title: next.title })}
          </p>
        ) : null}
        {confirmEnd && cur && !ended ? (
          <section className={s.card} aria-labelledby="end-meeting-q" data-confirm-end>
            <h3 id="end-meeting-q" style={{ margin: '0 0 4px' }}>
              {t('endMeetingQ')}
            </h3>
            {unconfirmed.length > 0 ? (
              <>
                <p style={{ margin: '0 0 4px' }}>{t('endUnconfirmed', { n: unconfirmed.length })}</p>
                <ul style={{ margin: '0 0 8px', paddingLeft: '20px' }}>
                  {unconfirmed.map((u) => (
                    <li key={u.id} data-unconfirmed>
                      {u.label} {u.vote ? `(${t('voteOpen')})` : `(${t('proposed')})`}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p style={{ margin: '0 0 8px' }}>{t('endNothingOpen')}</p>
            )}
            <div className={s.row}>
              <Button ref={endYes} appearance="primary" disabled={act.busy} onClick={() => void finish(cur)}>
                {unconfirmed.length > 0 ? t('endMeetingAnyway') : t('endMeetingYes')}
              </Button>
              <Button disabled={act.busy} onClick={() => setConfirmEnd(false)}>
                {t('cancel')}
              </Button>
            </div>
          </section>
        ) : null}
        {act.error ? <ErrorBox error={act.error} /> : null}
      </Section>
      <AgendaOverview b={b} busy={act.busy} onStart={(i) => void start(i)} />
      {host.inTeams ? (
        <div className={s.row}>
          <Button onClick={() => act.run(() => shareToStage(`${window.location.origin}/tab/stage?meetingId=${encodeURIComponent(mId)}`), () => setShared(true))}>{t('shareToStage')}</Button>
          {shared ? <Notice>{t('shared')}</Notice> : null}
        </div>
      ) : null}
      {/* Justerat: handovers are frozen with the rest of the meeting (the store refuses them), so none is offered. */}
      {b.minutesLocked ? null : <ChairHandoverSection api={api} b={b} reload={reload} />}
    </>
  );
}

/** Every item with its state; a pending item the chair may run can be started out of order (the current one is finished first, by the server). */
function AgendaOverview({ b, busy, onStart }: { b: MeetingBundle; busy: boolean; onStart: (item: AgendaItem) => void }) {
  const t = useT();
  const s = usePageStyles();
  const ended = !!b.meeting.endedAt;
  const mark = (i: AgendaItem) => (i.status === 'active' ? t('itemNow') : i.status === 'done' ? '✓' : i.status === 'postponed' ? t('itemPostponed') : '');
  return (
    <Section title={t('agenda')}>
      <ol className={s.list} data-agenda-overview>
        {b.items.map((i) => (
          <li
            key={i.id}
            data-overview-item={i.number}
            data-status={i.status}
            aria-current={i.status === 'active' ? 'step' : undefined}
            className={i.status === 'active' ? `${s.card} ${s.active}` : s.card}
            style={{ display: 'flex', alignItems: 'center', gap: '6px', padding: '4px 8px', minWidth: 0 }}
          >
            <span style={{ flex: '1 1 auto', minWidth: 0, overflowWrap: 'anywhere' }} className={i.status === 'done' ? s.muted : undefined}>
              {i.number}. {i.title} {mark(i)}
            </span>
            {!ended && !b.minutesLocked && i.status === 'pending' && canRunItem(b, i.number) ? (
              <Button size="small" disabled={busy} aria-label={t('startItem', { n: i.number })} onClick={() => onStart(i)}>
                {t('startShort')}
              </Button>
            ) : null}
          </li>
        ))}
      </ol>
    </Section>
  );
}
