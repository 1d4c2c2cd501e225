/**
 * The secretary's corrections on one decision in the side panel: change the wording, move it to the item it
 * belongs to, withdraw it (asked first: it is gone from the minutes), and record a reservation a serving
 * member states aloud. One form open at a time, each fitting a 320 px panel. The server checks every one by
 * role; a confirmed decision is fixed (only a reservation is still offered), as the server has it.
 */
import { Button, Field, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { Decision } from '../../../shared/domain';
import type { Api } from '../api/client';
import { useT } from '../i18n/locale';
import { ErrorBox, Notice, useAction } from '../ui/common';
import { usePageStyles } from '../ui/page';
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
        <form style={stack} onSubmit={(e) => (e.preventDefault(), void act.run(() => api.editDecision(d.id, d.version, text.trim()), done))}>
          <Field label={t('editDecisionLabel')}>
            <Textarea value={text} onChange={(_, v) => setText(v.value)} resize="vertical" />
          </Field>
          <div className={s.row}>
            <Button type="submit" appearance="primary" size="small" disabled={!text.trim() || text.trim() === d.text || act.busy}>
              {t('saveDecision')}
            </Button>
            <Button size="small" onClick={() => setMode(null)}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      ) : null}
      {mode === 'move' ? (
        <form style={stack} onSubmit={(e) => (e.preventDefault(), target && void act.run(() => api.moveDecision(d.id, d.version, target), done))}>
          <Field label={t('moveDecisionLabel')}>
            <Select value={target} onChange={(_, v) => setTarget(v.value)} style={{ minWidth: 0 }}>
              <option value="">—</option>
              {b.items
                .filter((i) => i.id !== d.itemId)
                .map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.number}. {i.title}
                  </option>
                ))}
            </Select>
          </Field>
          <div className={s.row}>
            <Button type="submit" appearance="primary" size="small" disabled={!target || act.busy}>
              {t('moveDecisionDo')}
            </Button>
            <Button size="small" onClick={() => setMode(null)}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      ) : null}
      {mode === 'withdraw' ? (
        <div role="group" aria-label={t('withdrawDecision')} style={stack}>
          <Notice intent="warning">{t('withdrawDecisionQuestion')}</Notice>
          <div className={s.row}>
            <Button appearance="primary" size="small" disabled={act.busy} onClick={() => act.run(() => api.withdrawDecision(d.id, d.version), done)}>
              {t('withdrawDecisionDo')}
            </Button>
            <Button size="small" onClick={() => setMode(null)}>
              {t('cancel')}
            </Button>
          </div>
        </div>
      ) : null}
      {mode === 'reserve' ? (
        candidates === null ? null : serving.length === 0 ? (
          <p className={s.muted} style={{ margin: 0 }}>
            {t('reservationNobody')}
          </p>
        ) : (
          <form style={stack} onSubmit={(e) => (e.preventDefault(), who && void act.run(() => api.recordReservation(d.id, who, why), done))}>
            <Field label={t('reservationWho')}>
              <Select value={who} onChange={(_, v) => setWho(v.value)} style={{ minWidth: 0 }}>
                <option value="">—</option>
                {serving.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('reservationText')}>
              <Textarea value={why} onChange={(_, v) => setWhy(v.value)} resize="vertical" />
            </Field>
            <div className={s.row}>
              <Button type="submit" appearance="primary" size="small" disabled={!who || act.busy}>
                {t('reservationDo')}
              </Button>
              <Button size="small" onClick={() => setMode(null)}>
                {t('cancel')}
              </Button>
            </div>
          </form>
        )
      ) : null}
      {act.error ? <ErrorBox error={act.error} /> : null}
    </div>
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
