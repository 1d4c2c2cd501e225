/** Decisions and votes in the side panel: the secretary confirms and runs votes, members cast theirs. */
import { Badge, Button, Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import type { Decision } from '../../../shared/domain';
import type { Api } from '../api/client';
import { useT } from '../i18n/locale';
import { ErrorBox, Notice, useAction } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';
import { DecisionTools, Reservations } from './decision-desk-tools';
import type { MeetingBundle } from './meeting-data';

/**
 * A decision with its status, votes and the secretary's actions. Confirming while the panel's quorum says the
 * meeting is not quorate asks first: it may still be right (attendance not yet recorded), but never unnoticed.
 */
export function DecisionRow({ api, b, d, canConfirm, quorum, reload }: { api: Api; b?: MeetingBundle; d: Decision; canConfirm: boolean; quorum?: MeetingBundle['quorum']; reload: () => void }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const s = usePageStyles();
  const act = useAction();
  const [question, setQuestion] = useState('');
  const votes = d.vote?.votes ?? [];
  const count = (c: 'ja' | 'nej' | 'avstår') => votes.filter((v) => v.choice === c).length;
  return (
    <li className={s.card} data-decision={d.status} style={{ display: 'flex', flexDirection: 'column', gap: 6, minWidth: 0 }}>
      <div className={s.row} style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{d.text}</span>
        <Badge appearance="tint" color={d.status === 'confirmed' ? 'success' : 'warning'}>
          {d.status === 'confirmed' ? t('confirmed') : t('proposed')}
        </Badge>
      </div>
      {d.vote ? (
        <p style={{ margin: '4px 0' }}>
          {/* "Bifall till förslaget? Ja 1 …", not "förslaget?: Ja 1": a question keeps its own mark. */}
          {/[?:.!]$/.test(d.vote.question.trim()) ? d.vote.question.trim() : `${d.vote.question}:`} {t('vote_ja')} {count('ja')} · {t('vote_nej')} {count('nej')} · {t('vote_avstår')} {count('avstår')}
        </p>
      ) : null}
      {canConfirm && d.status === 'proposed' ? (
        <div className={s.row}>
          {asking && quorum ? (
            <div role="group" aria-label={t('confirmWithoutQuorum')} data-quorum-question style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', width: '100%' }}>
              <Notice>{t('confirmWithoutQuorumText', { present: quorum.present, total: quorum.total })}</Notice>
              <Button appearance="primary" size="small" disabled={act.busy} onClick={() => act.run(() => api.confirmDecision(d.id, d.version), () => (setAsking(false), reload()))}>
                {t('confirmAnyway')}
              </Button>
              <Button size="small" onClick={() => setAsking(false)}>
                {t('cancel')}
              </Button>
            </div>
          ) : (
            <Button appearance="primary" size="small" disabled={act.busy} onClick={() => (quorum && !quorum.quorate ? setAsking(true) : act.run(() => api.confirmDecision(d.id, d.version), reload))}>
              {t('confirmDecision')}
            </Button>
          )}
          {!d.vote ? (
            <>
              <Field label={t('voteQuestion')} size="small">
                <Input size="small" value={question} onChange={(_, v) => setQuestion(v.value)} />
              </Field>
              <Button size="small" disabled={!question.trim() || act.busy} onClick={() => act.run(() => api.openVote(d.id, d.version, question.trim()), reload)}>
                {t('openVote')}
              </Button>
            </>
          ) : !d.vote.closedAt ? (
            <Button size="small" disabled={act.busy} onClick={() => act.run(() => api.closeVote(d.id, d.version), reload)}>
              {t('closeVote')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {b ? <Reservations b={b} d={d} /> : null}
      {canConfirm && b ? <DecisionTools api={api} b={b} d={d} reload={reload} /> : null}
      {act.error ? <ErrorBox error={act.error} /> : null}
    </li>
  );
}

/** `awaitingMe`: only votes the person may still cast (the chair's view shows those above the runner). */
export function OpenVotes({ api, b, reload, awaitingMe = false }: { api: Api; b: MeetingBundle; reload: () => void; awaitingMe?: boolean }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const me = b.me.person?.id;
  const open = (b.decisions ?? []).filter((d) => d.vote && !d.vote.closedAt && (!awaitingMe || (!!me && d.vote.eligiblePersonIds.includes(me) && !d.vote.votes.some((v) => v.personId === me))));
  if (open.length === 0) return null;
  return (
    <Section title={t('votes')}>
      {open.map((d) => {
        const mine = d.vote!.votes.find((v) => v.personId === me);
        return (
          <div key={d.id} className={`${s.card} ${s.active}`} data-open-vote={d.id}>
            <p style={{ margin: '0 0 6px', fontWeight: 600 }}>{d.vote!.question || d.text}</p>
            {/* What is voted on: the proposal itself, not only the question ("Bifall till förslaget?"). */}
            {d.vote!.question && d.vote!.question !== d.text ? (
              <p style={{ margin: '0 0 6px' }} data-vote-proposal>
                {d.text}
              </p>
            ) : null}
            {mine ? (
              <Notice>{t('voted')}</Notice>
            ) : !me || !d.vote!.eligiblePersonIds.includes(me) ? (
              // Only those serving when the vote opened vote (the server's rule): no buttons it would refuse.
              <p className={s.muted} style={{ margin: 0 }} data-not-eligible>
                {t('voteNotEligible')}
              </p>
            ) : (
              <div className={s.row}>
                {(['ja', 'nej', 'avstår'] as const).map((c) => (
                  <Button key={c} disabled={act.busy} onClick={() => act.run(() => api.castVote(d.id, c), reload)}>
                    {t(`vote_${c}`)}
                  </Button>
                ))}
              </div>
            )}
          </div>
        );
      })}
      {act.error ? <ErrorBox error={act.error} /> : null}
    </Section>
  );
}
