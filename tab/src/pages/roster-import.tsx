/** Importing the council's roster from a pasted list: a preview of what was understood, confirmed before anything is written. */
import { Button, Checkbox, Field, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { Body } from '../../../shared/domain';
import type { MatchDecision, RosterImportView } from '../../../shared/contracts/roster-views';
import type { Api } from '../api/client';
import { useT } from '../i18n/locale';
import { ErrorBox, Notice, useAction } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';

const SUMMARY_KEYS = ['peopleToCreate', 'peopleMatched', 'needingConfirmation', 'membershipsToAdd', 'membershipsToUpdate', 'membershipsToRemove', 'unreadLines'] as const;

/** Shows what the import understood before anything is written: each person with role and organisation, unread lines, the counts. */
function PreviewView({ preview, decisions, decide, roleChanges, setRoleChange }: { preview: RosterImportView; decisions: Record<string, MatchDecision>; decide: (d: MatchDecision) => void; roleChanges: Record<string, boolean>; setRoleChange: (membershipId: string, accept: boolean) => void }) {
  const t = useT();
  const s = usePageStyles();
  const entries = preview.understood?.entries ?? [];
  const unread = preview.understood?.unreadLines ?? [];
  return (
    <div data-import-preview>
      {(preview.suggestions ?? []).map((m) => {
        // The best candidate first; the secretary confirms it or says the listed person is someone new.
        const existing = m.candidates[0];
        if (!existing) return null;
        return (
          <Field key={m.personKey} label={t('matchQuestion', { listed: m.listedOrganisation ? `${m.listedName} (${m.listedOrganisation})` : m.listedName, existing: existing.name })} data-match-suggestion>
            <RadioGroup
              layout="horizontal"
              value={decisions[m.personKey]?.choice ?? ''}
              onChange={(_, d) => decide(d.value === 'same' ? { key: m.personKey, choice: 'same', personId: existing.personId } : { key: m.personKey, choice: 'new' })}
            >
              <Radio value="same" label={t('matchSame')} />
              <Radio value="new" label={t('matchNew')} />
            </RadioGroup>
          </Field>
        );
      })}
      {(preview.plan?.roleQuestions ?? []).map((q) => (
        // A seat's role is never changed by a pasted list unless the secretary ticks it here.
        <Checkbox key={q.membershipId} data-role-question checked={roleChanges[q.membershipId] ?? false} onChange={(_, d) => setRoleChange(q.membershipId, !!d.checked)} label={t('roleQuestion', { name: q.name, from: t(`role_${q.from}`), to: t(`role_${q.to}`) })} />
      ))}
      <table className={s.table}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('person')}</th>
            <th scope="col">{t('role')}</th>
            <th scope="col">{t('organisation')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.slice(0, 500).map((e) => (
            <tr key={`${e.lineNo}-${e.name}`}>
              <td>{e.lineNo}</td>
              <td>{e.name}</td>
              <td>{t(`role_${e.role}`)}</td>
              <td>{e.organisationName ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {unread.length ? (
        <ul className={s.list}>
          {unread.map((u) => (
            <li key={u.lineNo} className={s.muted}>
              {u.lineNo}: {u.text ?? ''} {u.reason ? `(${u.reason})` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <p style={{ margin: 0 }} data-import-summary>
        {SUMMARY_KEYS.filter((k) => (preview.summary?.[k] ?? 0) > 0)
          .map((k) => t(`sum_${k}`, { n: preview.summary[k]! }))
          .join(' · ')}
      </p>
    </div>
  );
}

export function RosterImport({ api, body, onApplied }: { api: Api; body: Body; onApplied: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<RosterImportView | null>(null);
  const [applied, setApplied] = useState(false);
  // Off by default: a pasted list adds and updates; removing seats is a deliberate choice.
  const [removeMissing, setRemoveMissing] = useState(false);
  const [decisions, setDecisions] = useState<Record<string, MatchDecision>>({});
  const [roleChanges, setRoleChanges] = useState<Record<string, boolean>>({});
  const undecided = (preview?.suggestions ?? []).filter((m) => m.candidates.length > 0 && !decisions[m.personKey]).length;
  const act = useAction();
  return (
    <Section title={t('rosterImport')}>
      <Field label={t('rosterImport')} hint={t('rosterImportHint')}>
        <Textarea value={text} rows={6} onChange={(_, d) => (setText(d.value), setPreview(null), setApplied(false))} resize="vertical" />
      </Field>
      <Checkbox checked={removeMissing} onChange={(_, d) => (setRemoveMissing(!!d.checked), setPreview(null))} label={t('removeMissing')} />
      <div className={s.row}>
        <Button disabled={!text.trim() || act.busy} onClick={() => act.run(async () => (setPreview(await api.previewRosterImport(body.id, text, { removeMissing })), setDecisions({}), setRoleChanges({})))}>
          {t('preview')}
        </Button>
        <Button appearance="primary" disabled={!preview || act.busy || applied || undecided > 0} onClick={() => act.run(() => api.applyRosterImport(body.id, preview!, Object.values(decisions), Object.entries(roleChanges).map(([membershipId, accept]) => ({ membershipId, accept }))), () => (setApplied(true), onApplied()))}>
          {t('apply')}
        </Button>
      </div>
      {act.error ? <ErrorBox error={act.error} /> : null}
      {preview ? (
        <>
          <h3 style={{ fontSize: 14, margin: 0 }}>{t('understood')}</h3>
          {undecided > 0 ? <Notice>{t('matchDecideFirst', { n: undecided })}</Notice> : null}
          <PreviewView preview={preview} decisions={decisions} decide={(d) => setDecisions((all) => ({ ...all, [d.key]: d }))} roleChanges={roleChanges} setRoleChange={(id, accept) => setRoleChanges((all) => ({ ...all, [id]: accept }))} />
        </>
      ) : null}
      {applied ? <Notice>{t('saved')}</Notice> : null}
    </Section>
  );
}
