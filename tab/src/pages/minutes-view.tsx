import { Badge, Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { renderMinutesHtml } from '../../../shared/minutes/render-html';
import type { MinutesModel } from '../../../shared/minutes/minutes-model';
import type { Api } from '../api/client';
import { useLocale, useT } from '../i18n/locale';
import { ErrorBox, Loading, Notice, optional, useAction, useAsync } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';
import { JusteringPanel } from './justering-panel';
import { MinutesCorrection } from './minutes-correction';
import { MinutesVersions } from './minutes-versions';
import { outboxError } from './outbox-text';
import { rolesIn, type MeetingBundle } from './meeting-data';
import { useNotesDrafts } from './notes-drafts';
import { NotesField } from './notes-field';

const useStyles = makeStyles({
  // The minutes as a document inside the tab: long words and the title wrap inside the card at 320 px.
  doc: { overflowWrap: 'anywhere', '& h1': { fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, overflowWrap: 'break-word' }, '& h2': { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 } },
});

const OUTBOX_STATES = ['queued', 'running', 'done', 'failed', 'skipped'] as const;


/** After the meeting: the minutes as they will read (the shared HTML renderer), notes, justering, publishing. */
export default function MinutesView({ api, b, reload }: { api: Api; b: MeetingBundle; reload: () => void }) {
  const t = useT();
  const locale = useLocale();
  const s = usePageStyles();
  const ms = useStyles();
  const roles = rolesIn(b);
  // Refetched when the meeting or its items change and on every live minutes event (a signature, a send).
  const minutes = useAsync(() => optional(api.minutes(b.meeting.id)), [api, b.meeting.id, b.meeting.version, b.items.map((i) => i.version).join(), b.minutesStamp]);
  const act = useAction();
  const [done, setDone] = useState<string | null>(null);
  const run = (fn: () => Promise<unknown>, msg: string) => act.run(fn, () => (setDone(msg), reload()));
  const current = minutes.data?.current ?? null;
  // Justerade minutes are locked on the server (a rättelse is a new version there): editing here would only be refused.
  const locked = minutes.data?.locked === true;
  // While a rättelse is open the secretary edits and then writes the correction version; a regeneration is refused then.
  const correctionOpen = minutes.data?.correctionOpen === true;
  // Publishing an unjusterat draft is asked about first (the post is marked "Utkast").
  const [askPublish, setAskPublish] = useState(false);
  const [corrected, setCorrected] = useState<string | null>(null);
  const publish = (confirmDraft = false) => run(() => api.publishMinutes(b.meeting.id, confirmDraft), t('publishRequested')).then(() => setAskPublish(false));
  // A stored version is rendered here by the shared renderer from its model; without one, the secretary sees the server's live preview.
  const html = current ? (current.model ? renderMinutesHtml(current.model as MinutesModel) : (current.html ?? '')) : (minutes.data?.preview?.html ?? '');

  return (
    <>
      {roles.isSecretary ? (
        <div className={s.row}>
          {/* Justerade minutes are changed by a rättelse, never regenerated: not offered once locked. */}
          {!locked && !correctionOpen ? (
            <Button appearance={current ? 'secondary' : 'primary'} data-appearance={current ? 'secondary' : 'primary'} disabled={act.busy} onClick={() => run(() => api.regenerateMinutes(b.meeting.id), t('regenerated'))}>
              {current ? t('regenerate') : t('generateDraft')}
            </Button>
          ) : null}
          <Button disabled={act.busy || !current || askPublish} onClick={() => (current?.status === 'draft' ? setAskPublish(true) : void publish())}>
            {t('publish')}
          </Button>
        </div>
      ) : null}
      {roles.isSecretary && askPublish ? (
        <div role="group" aria-label={t('publish')} data-publish-question className={s.card}>
          <p style={{ margin: '0 0 8px' }}>{t('publishDraftQuestion')}</p>
          <div className={s.row}>
            <Button appearance="primary" disabled={act.busy} onClick={() => void publish(true)}>
              {t('publishDraftAnyway')}
            </Button>
            <Button disabled={act.busy} onClick={() => setAskPublish(false)}>
              {t('cancel')}
            </Button>
          </div>
        </div>
      ) : null}
      {roles.isSecretary && locked ? <Notice>{t('minutesLocked')}</Notice> : null}
      {roles.isSecretary ? <MinutesCorrection api={api} meetingId={b.meeting.id} locked={locked} correctionOpen={correctionOpen} onChanged={(msg) => (setCorrected(msg), reload())} /> : null}
      {corrected && locked ? <Notice>{corrected}</Notice> : null}
      {act.error ? <ErrorBox error={act.error} /> : null}
      {done && !act.error && !locked ? <Notice>{done}</Notice> : null}
      {minutes.data ? <JusteringPanel api={api} b={b} minutes={minutes.data} onChanged={reload} /> : null}
      <Section title={t('minutesPreview')}>
        {minutes.loading && !minutes.data ? <Loading /> : null}
        {minutes.error ? <ErrorBox error={minutes.error} onRetry={minutes.reload} /> : null}
        {minutes.data === null && !minutes.loading && !minutes.error ? <p className={s.muted}>{t('notAvailable')}</p> : null}
        {minutes.data && !current ? <p className={s.muted}>{roles.isSecretary ? t('noMinutes') : t('noMinutesYet')}</p> : null}
        {minutes.data && !current && html ? <article className={`${s.card} ${ms.doc}`} data-minutes="live-preview" dangerouslySetInnerHTML={{ __html: html }} /> : null}
        {current ? (
          <>
            <div className={s.row}>
              <Badge appearance="outline" data-minutes-version={current.version}>
                {t('version', { n: current.version })}
              </Badge>
              <Badge appearance="tint" color={current.status === 'final' ? 'success' : 'informative'}>
                {current.status === 'final' ? t('status_final') : current.status === 'draft' ? t('status_draft') : t('status_correction')}
              </Badge>
              {minutes.data?.published ? (
                <Badge appearance="tint" color="success">
                  {t('published')}
                </Badge>
              ) : null}
            </div>
            {/* The shared renderer escapes every text and allows only safe links. */}
            <article className={`${s.card} ${ms.doc}`} data-minutes="preview" dangerouslySetInnerHTML={{ __html: html }} />
          </>
        ) : null}
      </Section>
      {minutes.data ? <MinutesVersions api={api} meetingId={b.meeting.id} timeZone={b.meeting.timeZone} versions={minutes.data.versions} /> : null}
      {minutes.data?.outbox?.length ? (
        <Section title={t('outbox')}>
          <table className={s.table}>
            <tbody>
              {minutes.data.outbox.map((o) => (
                <tr key={o.id} data-outbox={o.kind} data-state={o.state}>
                  <td>{o.kind === 'minutes.post' ? t('outboxKind_post', { n: o.version ?? '' }) : o.kind === 'meeting.create' ? t('outboxKind_meeting') : t('outboxKind_attendance')}</td>
                  <td>{OUTBOX_STATES.includes(o.state as (typeof OUTBOX_STATES)[number]) ? t(`outbox_${o.state as (typeof OUTBOX_STATES)[number]}`) : ''}</td>
                  <td>{outboxError(locale, o.lastError)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
      {roles.isSecretary && !locked ? <NotesEditor api={api} b={b} /> : null}
    </>
  );
}

function NotesEditor({ api, b }: { api: Api; b: MeetingBundle }) {
  const t = useT();
  // Notes save themselves here too, and survive the live reloads a signature or a send brings.
  const drafts = useNotesDrafts(api, b.meeting.id, b.items);
  return (
    <Section title={t('notes')}>
      {b.items.map((i) => (
        <NotesField key={i.id} drafts={drafts} item={i} label={`${i.number}. ${i.title}`} rows={3} />
      ))}
    </Section>
  );
}
