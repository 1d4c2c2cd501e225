/**
 * Jäv for the item on the secretary's desk: who has declared it, and one pick to record another. The person
 * then neither counts for quorum nor votes in the item (the server's serving rules read the recusals).
 */
import { Button } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AgendaItem, Recusal } from '../../../shared/domain';
import type { Api } from '../api/client';
import { useT } from '../i18n/locale';
import { ErrorBox, optional, useAction } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';
import { PickField } from '../ui/pick-field';
import { personName, type MeetingBundle } from './meeting-data';

export function RecusalSection({ api, b, item }: { api: Api; b: MeetingBundle; item: AgendaItem }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const [recusals, setRecusals] = useState<Recusal[] | null>(null);
  const [who, setWho] = useState('');
  const [stamp, setStamp] = useState(0);
  // A recusal event refreshes the agenda (b.items): read the list again then, and after our own write.
  useEffect(() => {
    let live = true;
    void optional(api.recusals(b.meeting.id)).then((r) => live && setRecusals(r), () => undefined);
    return () => {
      live = false;
    };
  }, [api, b.meeting.id, b.items, stamp]);
  const here = (recusals ?? []).filter((r) => r.itemId === item.id);
  const taken = new Set(here.map((r) => r.personId));
  const people = [...new Set(b.memberships.filter((m) => m.personId && !taken.has(m.personId)).map((m) => m.personId!))]
    .map((id) => ({ id, name: personName(b, id) }))
    .sort((x, y) => x.name.localeCompare(y.name, 'sv'));
  if (recusals === null) return null;
  return (
    <Section title={t('recusals')} id={`recusals-${item.number}`}>
      {here.length === 0 ? (
        <p className={s.muted} style={{ margin: 0 }}>
          {t('recusalNone')}
        </p>
      ) : (
        <ul className={s.list} data-recusals={item.number}>
          {here.map((r) => (
            <li key={r.id}>{t('recusalLine', { name: personName(b, r.personId), n: item.number })}</li>
          ))}
        </ul>
      )}
      {b.minutesLocked ? null : (
        <form
          className={s.row}
          onSubmit={(e) => {
            e.preventDefault();
            if (who) void act.run(() => api.recordRecusal(b.meeting.id, item.id, who), () => (setWho(''), setStamp((n) => n + 1)));
          }}
        >
          <PickField label={t('recusalWho', { n: item.number })} style={{ flex: '1 1 160px', minWidth: 0 }} value={who} onChange={setWho} options={people} />
          <Button type="submit" disabled={!who || act.busy}>
            {t('recusalDo')}
          </Button>
        </form>
      )}
      {act.error ? <ErrorBox error={act.error} /> : null}
    </Section>
  );
}
