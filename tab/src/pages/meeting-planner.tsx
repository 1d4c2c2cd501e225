import { Button, Checkbox, Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { zonedInstant } from '../../../shared/absence/zoned';
import type { Body, DocumentKind } from '../../../shared/domain';
import type { Api } from '../api/client';
import { ApiError } from '../api/http';
import { formatDate, useLocale, useT } from '../i18n/locale';
import type { StringKey } from '../i18n/strings';
import { ErrorBox, useAction, useAsync } from '../ui/common';
import { usePageStyles } from '../ui/page';

const ZONE = 'Europe/Stockholm';
const MAX_BODIES = 3;

type FieldName = 'bodies' | 'date' | 'start' | 'end' | 'place' | 'link' | 'series';
type Errors = Partial<Record<FieldName, string>>;

/** Which form field a server validation issue belongs to (by the path of the input it names). */
const FIELD_OF_PATH: Record<string, FieldName> = { bodyIds: 'bodies', startsAt: 'date', endsAt: 'end', place: 'place', teamsJoinUrl: 'link', occasions: 'series' };

function serverFieldErrors(e: unknown, text: string): Errors | null {
  if (!(e instanceof ApiError) || e.code !== 'VALIDATION_FAILED') return null;
  const issues = (e.data as { issues?: { path?: (string | number)[] }[] } | undefined)?.issues ?? [];
  const out: Errors = {};
  for (const i of issues) {
    const f = FIELD_OF_PATH[String(i.path?.[0] ?? '')];
    if (f) out[f] ??= text;
  }
  // A refusal that names no field (a date already taken) is about the dates.
  return Object.keys(out).length ? out : { series: text };
}

/**
 * The secretary plans a meeting from the council page: this council alone or jointly with up to two of her
 * other councils, date and time (Swedish time), place, the Teams link and the kind of document. Ticking dates
 * the minutes list under "Kommande möten" makes it a series, created all or none.
 */
export function MeetingPlanner({ api, body, onCreated, onCancel }: { api: Api; body: Body; onCreated: (n: number) => void; onCancel: () => void }) {
  const t = useT();
  const locale = useLocale();
  const s = usePageStyles();
  const data = useAsync(async () => {
    const [bodies, dates] = await Promise.all([api.bodies(), api.upcomingDates(body.id)]);
    return { others: bodies.filter((b) => b.id !== body.id), dates: dates.filter((d) => !d.planned) };
  }, [api, body.id]);
  const [others, setOthers] = useState<string[]>([]);
  const [date, setDate] = useState('');
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('11:00');
  const [place, setPlace] = useState('');
  const [link, setLink] = useState('');
  const [kind, setKind] = useState<DocumentKind>(body.defaultDocumentKind);
  const [series, setSeries] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const act = useAction();
  const days = [...new Set([date, ...series].filter(Boolean))].sort();

  const validate = (): Errors => {
    const e: Errors = {};
    const need = (f: FieldName, label: StringKey) => (e[f] = t('errRequired', { field: t(label).toLowerCase() }));
    if (days.length === 0) e.date = t('errDateOrSeries');
    if (!start) need('start', 'planStart');
    if (!end) need('end', 'planEnd');
    else if (start && end <= start) e.end = t('errEndAfterStart');
    if (link.trim() && !/^https:\/\/\S+$/.test(link.trim())) e.link = t('errHttps');
    if (others.length + 1 > MAX_BODIES) e.bodies = t('errTooManyBodies');
    return e;
  };

  const submit = async () => {
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length) return;
    const [sh, sm] = start.split(':').map(Number) as [number, number];
    const [eh, em] = end.split(':').map(Number) as [number, number];
    const occasions = days.map((d) => ({ startsAt: zonedInstant(d, sh, sm, ZONE), endsAt: zonedInstant(d, eh, em, ZONE) }));
    const common = { bodyIds: [body.id, ...others], documentKind: kind, timeZone: ZONE, place: place.trim() || null, teamsJoinUrl: link.trim() || null, mode: (link.trim() ? (place.trim() ? 'hybrid' : 'teams') : 'room') as 'hybrid' | 'teams' | 'room' };
    await act.run(
      () => (occasions.length === 1 ? api.createMeeting({ ...common, ...occasions[0]! }) : api.createMeetingSeries({ ...common, occasions })),
      () => onCreated(occasions.length),
    );
  };
  const fieldError = serverFieldErrors(act.error, act.error instanceof ApiError ? act.error.text(locale) : '');
  const err = (f: FieldName) => errors[f] ?? fieldError?.[f];

  return (
    <form
      className={s.card}
      aria-label={t('planMeeting')}
      data-planner
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: 10, minWidth: 0, maxWidth: 720 }}
    >
      {data.data && data.data.others.length > 0 ? (
        <ChoiceGroup id="plan-bodies" legend={t('planJointWith')} hint={t('planJointHint')} error={err('bodies')}>
            {data.data.others.map((o) => (
              <Checkbox
                key={o.id}
                label={o.name}
                checked={others.includes(o.id)}
                disabled={!others.includes(o.id) && others.length + 1 >= MAX_BODIES}
                onChange={(_, v) => setOthers((l) => (v.checked ? [...l, o.id] : l.filter((x) => x !== o.id)))}
              />
            ))}
        </ChoiceGroup>
      ) : null}
      <div className={s.row}>
        <Field label={t('planDate')} validationMessage={err('date')} style={{ flex: '1 1 150px' }}>
          <Input type="date" value={date} onChange={(_, v) => setDate(v.value)} />
        </Field>
        <Field label={t('planStart')} validationMessage={err('start')} style={{ flex: '1 1 100px' }}>
          <Input type="time" value={start} onChange={(_, v) => setStart(v.value)} />
        </Field>
        <Field label={t('planEnd')} validationMessage={err('end')} style={{ flex: '1 1 100px' }}>
          <Input type="time" value={end} onChange={(_, v) => setEnd(v.value)} />
        </Field>
      </div>
      <Field label={t('planPlace')} validationMessage={err('place')}>
        <Input value={place} onChange={(_, v) => setPlace(v.value)} />
      </Field>
      <Field label={t('planTeamsLink')} hint={t('planTeamsLinkHint')} validationMessage={err('link')}>
        <Input type="url" value={link} onChange={(_, v) => setLink(v.value)} />
      </Field>
      <Field label={t('planKind')}>
        <RadioGroup value={kind} onChange={(_, v) => setKind(v.value as DocumentKind)}>
          <Radio value="protokoll" label={t('doc_protokoll')} />
          <Radio value="minnesanteckningar" label={t('doc_minnesanteckningar')} />
        </RadioGroup>
      </Field>
      <ChoiceGroup id="plan-series" legend={t('planSeries')} hint={t('planSeriesHint')} error={err('series')}>
        {data.data && data.data.dates.length === 0 ? <span className={s.muted}>{t('planNoUpcoming')}</span> : null}
          {(data.data?.dates ?? []).map((d) => (
            <Checkbox
              key={d.date}
              label={`${formatDate(`${d.date}T12:00:00Z`, locale, ZONE)}${d.note ? ` (${d.note})` : ''}`}
              checked={series.includes(d.date)}
              onChange={(_, v) => setSeries((l) => (v.checked ? [...l, d.date] : l.filter((x) => x !== d.date)))}
            />
          ))}
      </ChoiceGroup>
      {act.error && !fieldError ? <ErrorBox error={act.error} /> : null}
      <div className={s.row}>
        <Button type="submit" appearance="primary" disabled={act.busy}>
          {days.length > 1 ? t('planCreateSeries', { n: days.length }) : t('planCreate')}
        </Button>
        <Button onClick={onCancel}>{t('cancel')}</Button>
      </div>
    </form>
  );
}

/**
 * A group of checkboxes under one legend (a Field would give its label to the first checkbox only), with its
 * hint and, when there is one, the error next to it.
 */
function ChoiceGroup({ id, legend, hint, error, children }: { id: string; legend: string; hint: string; error: string | undefined; children: ReactNode }) {
  const s = usePageStyles();
  return (
    <fieldset aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} style={{ border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
      <legend style={{ padding: 0, fontWeight: 600 }}>{legend}</legend>
      <span id={`${id}-hint`} className={s.muted} style={{ fontSize: 12 }}>
        {hint}
      </span>
      {children}
      {error ? (
        <span id={`${id}-error`} role="alert" className={s.error}>
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
