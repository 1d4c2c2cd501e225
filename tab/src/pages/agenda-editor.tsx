import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { ITEM_KINDS, type AgendaItem, type Attachment, type ItemKind } from '../../../shared/domain';
import type { Api } from '../api/client';
import { useT } from '../i18n/locale';
import { ErrorBox, Notice, useAction } from '../ui/common';
import { usePageStyles } from '../ui/page';

interface Draft {
  title: string;
  kind: ItemKind;
  presenters: string;
  plannedMinutes: string;
  attachments: Attachment[];
  attTitle: string;
  attUrl: string;
}

const empty: Draft = { title: '', kind: 'information', presenters: '', plannedMinutes: '', attachments: [], attTitle: '', attUrl: '' };

const toDraft = (i: AgendaItem): Draft => ({
  title: i.title,
  kind: i.kind,
  presenters: i.presenters.map((p) => p.name).join(', '),
  plannedMinutes: i.plannedMinutes == null ? '' : String(i.plannedMinutes),
  attachments: i.attachments,
  attTitle: '',
  attUrl: '',
});

const fromDraft = (d: Draft) => ({
  title: d.title.trim(),
  kind: d.kind,
  presenters: d.presenters
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((name) => ({ name })),
  attachments: d.attachments,
  plannedMinutes: d.plannedMinutes.trim() === '' ? null : Number(d.plannedMinutes),
});

/** Items, presenters, kinds, attachments and order, for the secretary before the meeting. */
export function AgendaEditor({ api, meetingId, items, canEdit, onChanged }: { api: Api; meetingId: string; items: AgendaItem[]; canEdit: boolean; onChanged: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const action = useAction();

  return (
    <div>
      {action.error ? <ErrorBox error={action.error} /> : null}
      <ol className={s.list} aria-label={t('agenda')}>
        {items.map((item, idx) => (
          <li key={item.id} className={s.card} data-item={item.number}>
            {editing === item.id ? (
              <ItemForm
                initial={toDraft(item)}
                busy={action.busy}
                onCancel={() => setEditing(null)}
                onSave={(d) => action.run(() => api.updateItem(meetingId, item.id, { version: item.version, ...fromDraft(d) }), () => (setEditing(null), onChanged()))}
              />
            ) : (
              <div className={s.row} style={{ justifyContent: 'space-between', alignItems: 'center' }}>
                <div>
                  <strong>
                    {item.number}. {item.title}
                  </strong>{' '}
                  <span className={s.muted}>
                    · {t(`kind_${item.kind}`)}
                    {item.plannedMinutes != null ? ` · ${item.plannedMinutes} min` : ''}
                    {item.presenters.length ? ` · ${item.presenters.map((p) => p.name).join(', ')}` : ''}
                  </span>
                  {item.attachments.length ? (
                    <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                      {item.attachments.map((a) => (
                        <li key={a.url}>
                          <a href={a.url} target="_blank" rel="noreferrer noopener">
                            {a.title}
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
                {canEdit ? (
                  <div className={s.row}>
                    <Button size="small" onClick={() => setEditing(item.id)} aria-label={`${t('edit')}: ${item.number}. ${item.title}`}>
                      {t('edit')}
                    </Button>
                    <Button size="small" disabled={idx === 0 || action.busy} onClick={() => action.run(() => api.moveItem(meetingId, item.id, item.number - 1, item.version), onChanged)} aria-label={`${t('moveUp')}: ${item.number}. ${item.title}`}>
                      ↑
                    </Button>
                    <Button size="small" disabled={idx === items.length - 1 || action.busy} onClick={() => action.run(() => api.moveItem(meetingId, item.id, item.number + 1, item.version), onChanged)} aria-label={`${t('moveDown')}: ${item.number}. ${item.title}`}>
                      ↓
                    </Button>
                    {/* The running item cannot be removed (the server refuses it too); any other asks first. */}
                    {item.status === 'pending' ? (
                      <Button size="small" disabled={action.busy} onClick={() => setRemoving(item.id)} aria-label={`${t('remove')}: ${item.number}. ${item.title}`}>
                        {t('remove')}
                      </Button>
                    ) : null}
                  </div>
                ) : null}
              </div>
            )}
            {removing === item.id ? (
              <div role="group" aria-label={t('removeItemQ', { n: item.number, title: item.title })} data-remove-question className={s.row} style={{ alignItems: 'center', marginTop: 6 }}>
                <span>{t('removeItemQ', { n: item.number, title: item.title })}</span>
                <Button size="small" appearance="primary" disabled={action.busy} onClick={() => action.run(() => api.removeItem(meetingId, item.id, item.version), () => (setRemoving(null), onChanged()))}>
                  {t('removeItemYes')}
                </Button>
                <Button size="small" onClick={() => setRemoving(null)}>
                  {t('cancel')}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {canEdit ? (
        adding ? (
          <div className={s.card} style={{ marginTop: 8 }}>
            <ItemForm initial={empty} busy={action.busy} onCancel={() => setAdding(false)} onSave={(d) => action.run(() => api.addItem(meetingId, fromDraft(d)), () => (setAdding(false), onChanged()))} />
          </div>
        ) : (
          <Button style={{ marginTop: 8 }} onClick={() => setAdding(true)}>
            {t('addItem')}
          </Button>
        )
      ) : null}
    </div>
  );
}

function ItemForm({ initial, busy, onSave, onCancel }: { initial: Draft; busy: boolean; onSave: (d: Draft) => void; onCancel: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const [d, setD] = useState<Draft>(initial);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const validUrl = /^https:\/\/\S+$/.test(d.attUrl.trim());
  // Typed into the attachment fields but not added: Spara asks instead of dropping it.
  const [pendingAsked, setPendingAsked] = useState(false);
  const pending = d.attTitle.trim() !== '' || d.attUrl.trim() !== '';
  const withPending = (): Draft => ({ ...d, attachments: [...d.attachments, { title: d.attTitle.trim(), url: d.attUrl.trim() }], attTitle: '', attUrl: '' });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!d.title.trim()) return;
        if (pending) setPendingAsked(true);
        else onSave(d);
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
    >
      <div className={s.row}>
        <Field label={t('itemTitle')} required style={{ flex: '2 1 260px' }}>
          <Input value={d.title} onChange={(_, v) => set({ title: v.value })} />
        </Field>
        <Field label={t('itemKind')}>
          <Select value={d.kind} onChange={(_, v) => set({ kind: v.value as ItemKind })}>
            {ITEM_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind_${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('plannedMinutes')}>
          <Input type="number" min={0} max={600} value={d.plannedMinutes} onChange={(_, v) => set({ plannedMinutes: v.value })} style={{ width: 100 }} />
        </Field>
      </div>
      <Field label={t('presenters')} hint={t('presentersHint')}>
        <Input value={d.presenters} onChange={(_, v) => set({ presenters: v.value })} />
      </Field>
      <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
        <legend>{t('attachments')}</legend>
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {d.attachments.map((a, i) => (
            <li key={`${a.url}-${i}`}>
              {a.title}{' '}
              <Button size="small" appearance="subtle" onClick={() => set({ attachments: d.attachments.filter((_, j) => j !== i) })} aria-label={`${t('remove')}: ${a.title}`}>
                {t('remove')}
              </Button>
            </li>
          ))}
        </ul>
        <div className={s.row}>
          <Field label={t('attachmentTitle')}>
            <Input value={d.attTitle} onChange={(_, v) => set({ attTitle: v.value })} />
          </Field>
          <Field label={t('attachmentUrl')} validationMessage={d.attUrl && !validUrl ? 'https://…' : undefined}>
            <Input type="url" value={d.attUrl} onChange={(_, v) => set({ attUrl: v.value })} />
          </Field>
          <Button disabled={!d.attTitle.trim() || !validUrl} onClick={() => set({ attachments: [...d.attachments, { title: d.attTitle.trim(), url: d.attUrl.trim() }], attTitle: '', attUrl: '' })}>
            {t('add')}
          </Button>
        </div>
      </fieldset>
      {pendingAsked && pending ? (
        <div role="group" aria-label={t('attachmentPendingQ', { title: d.attTitle.trim() || d.attUrl.trim() })} data-attachment-question style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
          <Notice intent="warning">{t('attachmentPendingQ', { title: d.attTitle.trim() || d.attUrl.trim() })}</Notice>
          {d.attTitle.trim() && validUrl ? (
            <Button appearance="primary" disabled={busy} onClick={() => onSave(withPending())}>
              {t('attachmentAddAndSave')}
            </Button>
          ) : null}
          <Button disabled={busy} onClick={() => onSave({ ...d, attTitle: '', attUrl: '' })}>
            {t('attachmentDiscard')}
          </Button>
        </div>
      ) : null}
      <div className={s.row}>
        <Button type="submit" appearance="primary" disabled={busy || !d.title.trim()}>
          {t('save')}
        </Button>
        <Button onClick={onCancel}>{t('cancel')}</Button>
      </div>
    </form>
  );
}
