/** The council's decision register in the channel: confirmed decisions, searchable by their text. */
import { Button, Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import type { Body, Decision } from '../../../shared/domain';
import type { Api } from '../api/client';
import { ApiError } from '../api/http';
import { formatDate, useLocale, useT } from '../i18n/locale';
import { ErrorBox, Loading, useAsync } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';

export function Register({ api, body }: { api: Api; body: Body }) {
  const t = useT();
  const s = usePageStyles();
  const locale = useLocale();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const data = useAsync(async () => {
    try {
      return await api.decisionRegister(body.id, query);
    } catch (e) {
      if (!(e instanceof ApiError && e.routeMissing)) throw e;
      // Until the register route exists: the decisions of the body's meetings, filtered here.
      const meetings = (await api.meetings(body.id)).slice(-50);
      const all: (Decision & { meetingStartsAt?: string; itemNumber?: number })[] = [];
      for (const m of meetings) {
        try {
          for (const d of await api.decisions(m.id)) all.push({ ...d, meetingStartsAt: m.startsAt });
        } catch (err) {
          if (err instanceof ApiError && err.routeMissing) throw err;
        }
      }
      const needle = query.trim().toLowerCase();
      return all.filter((d) => d.status === 'confirmed' && (!needle || d.text.toLowerCase().includes(needle)));
    }
  }, [api, body.id, query]);
  return (
    <Section title={t('decisionRegister')}>
      <form
        role="search"
        className={s.row}
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(q);
        }}
      >
        <Field label={t('searchDecisions')}>
          <Input type="search" value={q} onChange={(_, d) => setQ(d.value)} />
        </Field>
        <Button type="submit">{t('search')}</Button>
      </form>
      {data.error ? <ErrorBox error={data.error} onRetry={data.reload} /> : null}
      {data.loading && !data.data ? <Loading /> : null}
      {data.data && data.data.length === 0 ? <p className={s.muted}>{t('noHits')}</p> : null}
      <ul className={s.list}>
        {(data.data ?? []).map((d) => (
          <li key={d.id} className={s.card}>
            {d.meetingStartsAt ? <span className={s.muted}>{formatDate(d.meetingStartsAt, locale)}{d.itemNumber ? `, § ${d.itemNumber}` : ''}: </span> : null}
            {d.text}
          </li>
        ))}
      </ul>
    </Section>
  );
}
