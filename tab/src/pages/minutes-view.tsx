import { Badge, Button, Field, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { renderMinutesHtml } from '../../../shared/minutes/render-html';
import type { MinutesModel } from '../../../shared/minutes/minutes-model';
import type { AgendaItem } from '../../../shared/domain';
import type { Api } from '../api/client';
import { useT } from '../i18n/locale';
import { ErrorBox, Loading, Notice, optional, useAction, useAsync } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';
import { rolesIn, type MeetingBundle } from './meeting-data';

const OUTBOX_STATES = ['queued', 'running', 'done', 'failed', 'skipped'] as const;

/** After the meeting: the minutes as they will read (the shared HTML renderer), notes, justering, publishing. */
export default function MinutesView({ api, b, reload }: { api: Api; b: MeetingBundle; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const roles = rolesIn(b);
  const minutes = useAsync(() => optional(api.minutes(b.meeting.id)), [api, b.meeting.id, b.meeting.version, b.items.map((i) => i.version).join()]);
  const act = useAction();
  const [done, setDone] = useState<string | null>(null);
  const run = (fn: () => Promise<unknown>, msg: string) => act.run(fn, () => (setDone(msg), minutes.reload(), reload()));
  const current = minutes.data?.current ?? null;
  // Justerade minutes are locked on the server (a rättelse is a new version there): editing here would only be refused.
  const locked = minutes.data?.locked === true;
  // A stored version is rendered here by the shared renderer from its model; without one, the secretary sees the server's live preview.
  const html = current ? (current.model ? renderMinutesHtml(current.model as MinutesModel) : (current.html ?? '')) : (minutes.data?.preview?.html ?? '');

  return (
    <>
      {roles.isSecretary ? (
        <div className={s.row}>
          <Button appearance="primary" disabled={act.busy || locked} onClick={() => run(() => api.regenerateMinutes(b.meeting.id), t('regenerated'))}>
            {t('regenerate')}
          </Button>
          <Button disabled={act.busy || !current || locked} onClick={() => run(() => api.sendForJustering(b.meeting.id), t('justeringSent'))}>
            {t('sendJustering')}
          </Button>
          <Button disabled={act.busy || !current} onClick={() => run(() => api.publishMinutes(b.meeting.id), t('publishRequested'))}>
            {t('publish')}
          </Button>
        </div>
      ) : null}
      {roles.isSecretary && locked ? <Notice>{t('minutesLocked')}</Notice> : null}
      {act.error ? <ErrorBox error={act.error} /> : null}
      {done && !act.error ? <Notice>{done}</Notice> : null}
      <Section title={t('minutesPreview')}>
        {minutes.loading && !minutes.data ? <Loading /> : null}
        {minutes.error ? <ErrorBox error={minutes.error} onRetry={minutes.reload} /> : null}
        {minutes.data === null && !minutes.loading && !minutes.error ? <p className={s.muted}>{t('notAvailable')}</p> : null}
        {minutes.data && !current ? <p className={s.muted}>{t('noMinutes')}</p> : null}
        {minutes.data && !current && html ? <article className={s.card} data-minutes="live-preview" dangerouslySetInnerHTML={{ __html: html }} /> : null}
        {current ? (
          <>
            <div className={s.row}>
              <Badge appearance="outline" data-minutes-version={current.version}>
                {t('version', { n: current.version })}
              </Badge>
              <Badge appearance="tint" color={current.status === 'final' ? 'success' : 'informative'}>
                {current.status === 'final' ? t('status_final') : current.status === 'draft' ? t('status_draft') : current.status}
              </Badge>
              {minutes.data?.published ? (
                <Badge appearance="tint" color="success">
                  {t('published')}
                </Badge>
              ) : null}
            </div>
            {/* The shared renderer escapes every text and allows only safe links. */}
            <article className={s.card} data-minutes="preview" dangerouslySetInnerHTML={{ __html: html }} />
          </>
        ) : null}
      </Section>
      {minutes.data?.justering?.length ? (
        <Section title={t('justeringState')}>
          <ul className={s.list}>
            {minutes.data.justering.map((j) => (
              <li key={j.personId}>{j.signedAt ? t('signedBy', { name: j.name || j.personId }) : t('waitingFor', { name: j.name || j.personId })}</li>
            ))}
          </ul>
        </Section>
      ) : null}
      {minutes.data?.outbox?.length ? (
        <Section title={t('outbox')}>
          <table className={s.table}>
            <tbody>
              {minutes.data.outbox.map((o) => (
                <tr key={o.id} data-outbox={o.kind} data-state={o.state}>
                  <td>{o.kind === 'minutes.post' ? t('publish') : o.kind}</td>
                  <td>{OUTBOX_STATES.includes(o.state as (typeof OUTBOX_STATES)[number]) ? t(`outbox_${o.state as (typeof OUTBOX_STATES)[number]}`) : o.state}</td>
                  <td>{o.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
      {roles.isSecretary && !locked ? <NotesEditor api={api} b={b} onSaved={reload} /> : null}
    </>
  );
}

function NotesEditor({ api, b, onSaved }: { api: Api; b: MeetingBundle; onSaved: () => void }) {
  const t = useT();
  return (
    <Section title={t('notes')}>
      {b.items.map((i) => (
        <ItemNotes key={`${i.id}-${i.version}`} api={api} meetingId={b.meeting.id} item={i} onSaved={onSaved} />
      ))}
    </Section>
  );
}

export function ItemNotes({ api, meetingId, item, onSaved }: { api: Api; meetingId: string; item: AgendaItem; onSaved: () => void }) {
  const t = useT();
  const [text, setText] = useState(item.notes);
  const act = useAction();
  return (
    <div>
      <Field label={`${item.number}. ${item.title}`}>
        <Textarea value={text} onChange={(_, d) => setText(d.value)} resize="vertical" />
      </Field>
      <Button size="small" disabled={act.busy || text === item.notes} onClick={() => act.run(() => api.setNotes(meetingId, item.id, text, item.version), onSaved)} aria-label={t('notesFor', { n: item.number })}>
        {t('saveNotes')}
      </Button>
      {act.error ? <ErrorBox error={act.error} /> : null}
    </div>
  );
}
