/** Handing the chair over from the side panel: to a serving person, for this item or the rest of the meeting, confirmed first. */
import { Button, Field, Radio, RadioGroup } from '@fluentui/react-components';
import { useState } from 'react';
import { currentChairFor, currentItemNumber } from '../../../shared/services/agenda-chair';
import type { Api } from '../api/client';
import { useT } from '../i18n/locale';
import { ErrorBox, Notice, useAction, useFocusWhenOpen } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';
import { PickField } from '../ui/pick-field';
import { leadsItemNow, personName, rolesIn, type MeetingBundle } from './meeting-data';

const SEATED = ['ordförande', 'vice_ordförande', 'ledamot'];

/**
 * Who may take the chair: members of any of the meeting's bodies and ersättare serving for someone, not
 * those with förhinder or absent; sorted by name; the person chairing now left out.
 */
export function handoverCandidates(b: MeetingBundle, chairNow: string | null): { id: string; name: string }[] {
  const state = new Map((b.attendance ?? []).map((r) => [r.attendance.personId, r.attendance]));
  const ids = new Set<string>();
  for (const m of b.memberships) if (m.personId && SEATED.includes(m.role)) ids.add(m.personId);
  for (const r of b.attendance ?? []) if (r.attendance.replacesPersonId) ids.add(r.attendance.personId);
  return [...ids]
    .filter((p) => p !== chairNow)
    .filter((p) => {
      const st = state.get(p)?.state;
      return st !== 'förhinder' && st !== 'absent';
    })
    .map((id) => ({ id, name: personName(b, id) }))
    .sort((a, z) => a.name.localeCompare(z.name, 'sv'));
}

/** Shown only to whom the server lets hand over (chair.handover: the secretary, or whoever chairs the item the meeting is at). */
export function ChairHandoverSection({ api, b, reload }: { api: Api; b: MeetingBundle; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const [to, setTo] = useState('');
  const [scope, setScope] = useState<'item' | 'rest'>('item');
  const [confirming, setConfirming] = useState(false);
  const yes = useFocusWhenOpen(confirming);
  // The item the last handover from here was made at: the notice belongs to that item only.
  const [handedAt, setHandedAt] = useState<number | null>(null);
  const n = currentItemNumber(b.items);
  const chairNow = currentChairFor(b.meeting, b.handovers, n);
  if (b.meeting.endedAt || !(rolesIn(b).isSecretary || leadsItemNow(b, n))) return null;
  const candidates = handoverCandidates(b, chairNow);
  const chosen = candidates.find((c) => c.id === to);
  const submit = () =>
    act.run(
      () => api.handOverChair(b.meeting.id, { version: b.meeting.version, personId: to, fromItemNumber: n, toItemNumber: scope === 'item' ? n : null }),
      () => (setHandedAt(n), setConfirming(false), setTo(''), reload()),
    );
  return (
    <Section title={t('handOver')}>
      <PickField label={t('handOverTo')} value={to} onChange={(id) => (setTo(id), setConfirming(false), setHandedAt(null))} options={candidates} />
      <Field label={t('handOverScope')}>
        <RadioGroup value={scope} onChange={(_, d) => (setScope(d.value as 'item' | 'rest'), setConfirming(false))}>
          <Radio value="item" label={t('handOverThisItem', { n })} />
          <Radio value="rest" label={t('handOverRest')} />
        </RadioGroup>
      </Field>
      {!confirming ? (
        <div className={s.row}>
          <Button disabled={!chosen || act.busy} onClick={() => setConfirming(true)}>
            {t('handOverNext')}
          </Button>
        </div>
      ) : chosen ? (
        <section className={s.card} aria-labelledby="handover-q" data-confirm-handover>
          <p id="handover-q" style={{ margin: '0 0 8px' }}>
            {scope === 'item' ? t('handOverConfirmItem', { name: chosen.name, n }) : t('handOverConfirmRest', { name: chosen.name, n })}
          </p>
          <div className={s.row}>
            <Button ref={yes} appearance="primary" disabled={act.busy} onClick={() => void submit()}>
              {t('handOverYes')}
            </Button>
            <Button disabled={act.busy} onClick={() => setConfirming(false)}>
              {t('cancel')}
            </Button>
          </div>
        </section>
      ) : null}
      {handedAt === n ? <Notice>{t('handedOver')}</Notice> : null}
      {act.error ? <ErrorBox error={act.error} /> : null}
    </Section>
  );
}
