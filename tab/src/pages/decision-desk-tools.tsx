/**
 * The secretary's corrections on one decision in the side panel: change the wording, move it to the item it
 * belongs to, withdraw it (asked first: it is gone from the minutes), and record a reservation a serving
 * member states aloud. One form open at a time, each fitting a 320 px panel. The server checks every one by
 * role; a confirmed decision is fixed (only a reservation is still offered), as the server has it.
 */
import { Button, Field, Textarea } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import type { Decision } from '../../../shared/domain';
import type { Api } from '../api/client';
import { useT } from '../i18n/locale';
import { ErrorBox, Notice, useAction } from '../ui/common';
import { usePageStyles } from '../ui/page';
import { PickField } from '../ui/pick-field';
import { personName, type MeetingBundle } from './meeting-data';

type Mode = 'edit' | 'move' | 'withdraw' | 'reserve' | null;

const stack = { display: 'flex', flexDirection: 'column', gap: 8, width: '100%', minWidth: 0 } as const;

export function DecisionTools({ api, b, d, reload }: { api: Api; b: MeetingBundle; d: Decision; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const [mode, setMode] = useState<Mode>(null);
  const [text, setText] = useState(d.text);
  const [target, setTarget] = useState('');
  const [who, setWho] = useState('');
  const [why, setWhy] = useState('');
  const proposed = d.status === 'proposed' && !d.vote;
  // Whom the server accepts (serving at the item by its rule, jäv counted), asked when the form opens.
  const [candidates, setCandidates] = useState<{ id: string; name: string }[] | null>(null);
  const serving = candidates ?? [];
  // A pick kept from an earlier opening counts only while the server still offers that person: otherwise the
  // list would show "—" with the button enabled, and the press would be refused.
  const chosen = serving.some((p) => p.id === who) ? who : '';
  const loadCandidates = () => {
    setCandidates(null);
    void act.run(async () => {
      const r = await api.reservationCandidates(d.id);
      setCandidates(r.personIds.map((id) => ({ id, name: personName(b, id) })).sort((x, y) => x.name.localeCompare(y.name, 'sv')));
    });
  };
  const open = (m: Mode) => {
    act.clear();
    setMode((cur) => (cur === m ? null : m));
    setText(d.text);
    if (m === 'reserve' && mode !== 'reserve') loadCandidates();
  };
  const done = () => {
    setMode(null);
    setWho('');
    setWhy('');
    setTarget('');
    reload();
  };
  const cancel = () => setMode(null);
  const toggle = (m: Exclude<Mode, null>, label: string) => (
    <Button size="small" appearance={mode === m ? 'outline' : 'secondary'} aria-expanded={mode === m} onClick={() => open(m)}>
      {label}
    </Button>
  );
  return (
    <div style={stack} data-decision-tools>
      <div className={s.row} style={{ gap: 4 }}>
        {proposed ? toggle('edit', t('editDecision')) : null}
        {proposed ? toggle('move', t('moveDecision')) : null}
        {proposed ? toggle('withdraw', t('withdrawDecision')) : null}
        {toggle('reserve', t('reservation'))}
      </div>
      {mode === 'edit' ? (
        <ToolForm label={t('saveDecision')} disabled={!text.trim() || text.trim() === d.text || act.busy} onSubmit={() => void act.run(() => api.editDecision(d.id, d.version, text.trim()), done)} onCancel={cancel}>
          <Field label={t('editDecisionLabel')}>
            <Textarea value={text} onChange={(_, v) => setText(v.value)} resize="vertical" />
          </Field>
        </ToolForm>
      ) : null}
      {mode === 'move' ? (
        <ToolForm label={t('moveDecisionDo')} disabled={!target || act.busy} onSubmit={() => target && void act.run(() => api.moveDecision(d.id, d.version, target), done)} onCancel={cancel}>
          <PickField
            label={t('moveDecisionLabel')}
            value={target}
            onChange={setTarget}
            options={b.items.filter((i) => i.id !== d.itemId).map((i) => ({ id: i.id, name: `${i.number}. ${i.title}` }))}
          />
        </ToolForm>
      ) : null}
      {mode === 'withdraw' ? (
        <div role="group" aria-label={t('withdrawDecision')} style={stack}>
          <Notice intent="warning">{t('withdrawDecisionQuestion')}</Notice>
          <DoOrCancel label={t('withdrawDecisionDo')} disabled={act.busy} onClick={() => act.run(() => api.withdrawDecision(d.id, d.version), done)} onCancel={cancel} />
        </div>
      ) : null}
      {mode === 'reserve' ? (
        candidates === null ? null : serving.length === 0 ? (
          <p className={s.muted} style={{ margin: 0 }}>
            {t('reservationNobody')}
          </p>
        ) : (
          <ToolForm label={t('reservationDo')} disabled={!chosen || act.busy} onSubmit={() => chosen && void act.run(() => api.recordReservation(d.id, chosen, why), done)} onCancel={cancel}>
            <PickField label={t('reservationWho')} value={chosen} onChange={setWho} options={serving} />
            <Field label={t('reservationText')}>
              <Textarea value={why} onChange={(_, v) => setWhy(v.value)} resize="vertical" />
            </Field>
          </ToolForm>
        )
      ) : null}
      {act.error ? <ErrorBox error={act.error} /> : null}
    </div>
  );
}

interface DoOrCancelProps {
  label: string;
  disabled: boolean;
  /** Without it the first button submits the form it sits in. */
  onClick?: () => void;
  onCancel: () => void;
}

/** The row under every correction: do it, or cancel and close the form. */
function DoOrCancel({ label, disabled, onClick, onCancel }: DoOrCancelProps) {
  const t = useT();
  const s = usePageStyles();
  return (
    <div className={s.row}>
      <Button type={onClick ? 'button' : 'submit'} appearance="primary" size="small" disabled={disabled} onClick={onClick}>
        {label}
      </Button>
      <Button size="small" onClick={onCancel}>
        {t('cancel')}
      </Button>
    </div>
  );
}

/** A correction's form: its fields, then do it or cancel. */
function ToolForm({ onSubmit, children, ...buttons }: Omit<DoOrCancelProps, 'onClick'> & { onSubmit: () => void; children: ReactNode }) {
  return (
    <form style={stack} onSubmit={(e) => (e.preventDefault(), onSubmit())}>
      {children}
      <DoOrCancel {...buttons} />
    </form>
  );
}

/** "Anders Holm reserverade sig mot beslutet: …", under the decision, for everyone who sees it. */
export function Reservations({ b, d }: { b: Pick<MeetingBundle, 'people'>; d: Decision }) {
  const t = useT();
  if (d.reservations.length === 0) return null;
  return (
    <ul style={{ margin: '4px 0 0', paddingLeft: 18 }} data-reservations>
      {d.reservations.map((r) => (
        <li key={r.personId}>
          <i>
            {t('reservedLine', { name: personName(b, r.personId) })}
            {r.text?.trim() ? `: ${r.text.trim()}` : '.'}
          </i>
        </li>
      ))}
    </ul>
  );
}
