import { Button, Field, Input, Select, Textarea, makeStyles } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Api } from '../api/client';
import { useT } from '../i18n/locale';
import { ErrorBox, useAction } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';
import { AttendanceSection } from './attendance-section';
import { currentItem, personName, type MeetingBundle } from './meeting-data';
import { DecisionRow } from './side-panel-decisions';
import type { NotesDrafts } from './notes-drafts';
import { NotesField } from './notes-field';
import { RecusalSection } from './recusal-section';

type TaskDraft = { text: string; owner: string };

const useDeskStyles = makeStyles({
  // A long item title must not widen the list beyond a 320 px side panel.
  itemSelect: { width: '100%', minWidth: 0, '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' } },
});

/**
 * The secretary's desk in the side panel. It follows the chair's current item unless the
 * secretary pins one, and it stays where she is writing: while a field of the desk has the focus or a
 * decision or task is half written, the chair moving on only shows where the chair is now. Notes save
 * themselves (notes-drafts.ts); decision and task drafts belong to their item, so nothing written under one
 * item is ever filed under another.
 */
export function SecretaryDesk({ api, b, drafts, reload }: { api: Api; b: MeetingBundle; drafts: NotesDrafts; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const ds = useDeskStyles();
  const cur = currentItem(b.items);
  const [pinned, setPinned] = useState<string | null>(null);
  const [followed, setFollowed] = useState<string | null>(cur?.id ?? null);
  const [decisionDrafts, setDecisionDrafts] = useState<Record<string, string>>({});
  const [taskDrafts, setTaskDrafts] = useState<Record<string, TaskDraft>>({});
  const focused = useRef(false);
  const shownId = pinned ?? followed;
  const item = b.items.find((i) => i.id === shownId) ?? cur ?? [...b.items].reverse().find((i) => i.status === 'done') ?? b.items[0] ?? null;
  const writing = useRef(false);
  writing.current = focused.current || !!(item && (decisionDrafts[item.id]?.trim() || taskDrafts[item.id]?.text.trim()));
  // The chair moved on: follow, unless pinned or in the middle of writing here.
  const lastChairItem = useRef(cur?.id ?? null);
  useEffect(() => {
    const now = cur?.id ?? null;
    if (now === lastChairItem.current) return;
    lastChairItem.current = now;
    if (now && !pinned && !writing.current) setFollowed(now);
  }, [cur?.id, pinned]);
  const follow = () => {
    setPinned(null);
    setFollowed(cur?.id ?? null);
  };
  const act = useAction();
  const decisionText = item ? (decisionDrafts[item.id] ?? '') : '';
  const task = item ? (taskDrafts[item.id] ?? { text: '', owner: '' }) : { text: '', owner: '' };
  const itemDecisions = (b.decisions ?? []).filter((d) => item && d.itemId === item.id);
  const numberOf = (id: string) => b.items.find((i) => i.id === id)?.number ?? '?';
  // Work left under other items than the one shown: notes not yet saved, decisions not yet proposed.
  const elsewhere = [
    ...drafts.unsaved().filter((d) => d.itemId !== item?.id).map((d) => ({ itemId: d.itemId, text: d.status === 'conflict' || d.status === 'error' ? t('notesNotSaved') : t('notesSaving') })),
    ...Object.entries(decisionDrafts).filter(([id, text]) => id !== item?.id && text.trim()).map(([itemId]) => ({ itemId, text: t('decisionDraftWaiting') })),
  ];
  return (
    <>
      {/* Justerat: the server refuses every change to the meeting (LOCKED_FINAL), so none is offered; one line says why. */}
      {b.minutesLocked ? (
        <p className={s.muted} style={{ margin: 0 }} data-desk-locked>
          {t('deskLocked')}
        </p>
      ) : null}
      <div>
        <Field label={t('item')} style={{ minWidth: 0 }}>
          <Select className={ds.itemSelect} value={item?.id ?? ''} onChange={(_, d) => (d.value === cur?.id ? follow() : setPinned(d.value))}>
            {b.items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.number}. {i.title}
                {i.status === 'active' ? ' ◀' : ''}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={s.muted} data-desk-follow={pinned ? 'pinned' : item && cur && item.id !== cur.id ? 'behind' : 'following'}>
        {cur && item && item.id !== cur.id ? (
          <div className={s.row} style={{ alignItems: 'center' }}>
            <span>{t('chairIsAt', { n: cur.number, title: cur.title })}</span>
            <Button size="small" onClick={follow}>
              {t('followChair')}
            </Button>
          </div>
        ) : pinned ? (
          <div className={s.row} style={{ alignItems: 'center' }}>
            <span>{t('deskPinned')}</span>
            <Button size="small" onClick={follow}>
              {t('followChair')}
            </Button>
          </div>
        ) : cur ? (
          t('deskFollowing')
        ) : null}
      </div>
      {elsewhere.map((w) => (
        <div key={`${w.itemId}-${w.text}`} className={s.row} style={{ alignItems: 'center' }} data-elsewhere={numberOf(w.itemId)}>
          <span>{t('elsewhereItem', { n: numberOf(w.itemId), what: w.text })}</span>
          <Button size="small" onClick={() => setPinned(w.itemId)}>
            {t('showItem', { n: numberOf(w.itemId) })}
          </Button>
        </div>
      ))}
      {item ? (
        <div
          style={{ display: 'flex', flexDirection: 'column', gap: 16 }}
          onFocus={() => (focused.current = true)}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) focused.current = false;
          }}
        >
          <Section title={t('notesFor', { n: item.number })} id="notes">
            <NotesField drafts={drafts} item={item} label={t('notesFor', { n: item.number })} readOnly={b.minutesLocked} />
          </Section>
          <Section title={t('decisions')}>
            {b.decisions === null ? <p className={s.muted}>{t('notAvailable')}</p> : null}
            <ul className={s.list}>
              {itemDecisions.map((d) => (
                <DecisionRow key={d.id} api={api} b={b} d={d} canConfirm={!b.minutesLocked} quorum={b.quorum} reload={reload} />
              ))}
            </ul>
            {b.minutesLocked ? null : (
              <form
                className={s.row}
                onSubmit={(e) => {
                  e.preventDefault();
                  const target = item.id;
                  const text = decisionText.trim();
                  if (text) void act.run(() => api.proposeDecision(b.meeting.id, target, text), () => (setDecisionDrafts((m) => ({ ...m, [target]: '' })), reload()));
                }}
              >
                <Field label={t('decisionText')} style={{ flex: '1 1 200px', minWidth: 0 }}>
                  <Textarea value={decisionText} onChange={(_, d) => setDecisionDrafts((m) => ({ ...m, [item.id]: d.value }))} resize="vertical" />
                </Field>
                <Button type="submit" disabled={!decisionText.trim() || act.busy}>
                  {t('proposeDecision')}
                </Button>
              </form>
            )}
          </Section>
          <RecusalSection api={api} b={b} item={item} />
          <Section title={t('tasks')}>
            {b.minutesLocked && !(b.tasks ?? []).some((x) => x.itemId === item.id) ? <p className={s.muted} style={{ margin: 0 }}>{t('noTasks')}</p> : null}
            <ul className={s.list}>
              {(b.tasks ?? [])
                .filter((x) => x.itemId === item.id)
                .map((x) => (
                  <li key={x.id}>
                    {x.text}
                    {x.ownerName || x.ownerPersonId ? ` — ${x.ownerName ?? personName(b, x.ownerPersonId)}` : ''}
                  </li>
                ))}
            </ul>
            {b.minutesLocked ? null : (
              <form
                className={s.row}
                onSubmit={(e) => {
                  e.preventDefault();
                  const target = item.id;
                  if (task.text.trim()) void act.run(() => api.addTask(b.meeting.id, { text: task.text.trim(), itemId: target, ownerName: task.owner.trim() || null }), () => (setTaskDrafts((m) => ({ ...m, [target]: { text: '', owner: '' } })), reload()));
                }}
              >
                <Field label={t('taskText')} style={{ flex: '1 1 200px', minWidth: 0 }}>
                  <Input style={{ minWidth: 0, width: '100%' }} value={task.text} onChange={(_, d) => setTaskDrafts((m) => ({ ...m, [item.id]: { ...task, text: d.value } }))} />
                </Field>
                <Field label={t('taskOwner')} style={{ flex: '1 1 200px', minWidth: 0 }}>
                  <Input style={{ minWidth: 0, width: '100%' }} value={task.owner} onChange={(_, d) => setTaskDrafts((m) => ({ ...m, [item.id]: { ...task, owner: d.value } }))} />
                </Field>
                <Button type="submit" disabled={!task.text.trim() || act.busy}>
                  {t('addTask')}
                </Button>
              </form>
            )}
          </Section>
        </div>
      ) : null}
      {act.error ? <ErrorBox error={act.error} /> : null}
      <AttendanceSection api={api} b={b} reload={reload} />
    </>
  );
}

