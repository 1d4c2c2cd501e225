import { Button, Field, MessageBar, MessageBarActions, MessageBarBody, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { AgendaItem } from '../../../shared/domain';
import { useT } from '../i18n/locale';
import { ErrorBox } from '../ui/common';
import type { NotesDrafts } from './notes-drafts';

const useStyles = makeStyles({
  status: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, minHeight: '16px' },
  theirs: { margin: 0, padding: '6px 8px', borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

/** One item's notes: saved by themselves, the state always shown, never dropped (notes-drafts.ts). */
/** `readOnly`: the minutes are justerade and the server refuses changes to the notes. */
export function NotesField({ drafts, item, label, rows = 4, readOnly = false }: { drafts: NotesDrafts; item: AgendaItem; label: string; rows?: number; readOnly?: boolean }) {
  const t = useT();
  const s = useStyles();
  const d = drafts.get(item);
  const status = d.status === 'saving' ? t('notesSaving') : d.status === 'pending' ? t('notesPending') : d.status === 'saved' ? (d.text ? t('notesSaved') : '') : d.status === 'error' ? t('notesNotSaved') : '';
  return (
    <div data-notes-item={item.number} data-notes-status={d.status}>
      {/* Read-only after justering: said in words, since a read-only box looks like any other. */}
      <Field label={label} hint={readOnly ? t('notesLockedHint') : undefined}>
        <Textarea readOnly={readOnly} value={d.text} onChange={(_, v) => drafts.edit(item, v.value)} onBlur={() => drafts.flush(item.id)} resize="vertical" rows={rows} />
      </Field>
      <div className={s.status} role="status" aria-live="polite">
        {status}
      </div>
      {d.status === 'conflict' ? (
        <MessageBar intent="warning" layout="multiline" role="alert">
          <MessageBarBody>
            {t('notesConflict')}
            <p className={s.theirs}>{d.theirs || '—'}</p>
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" onClick={() => drafts.keepMine(item.id)}>
              {t('notesKeepMine')}
            </Button>
            <Button size="small" onClick={() => drafts.takeTheirs(item.id)}>
              {t('notesTakeTheirs')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {d.status === 'error' ? <ErrorBox error={d.error} onRetry={() => drafts.flush(item.id)} /> : null}
    </div>
  );
}
