import { Badge, Button, Checkbox, Field, Input, Link, Radio, RadioGroup, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { can, MEMBERSHIP_ROLES, type Body, type Decision, type Meeting, type Membership, type MembershipRole } from '../../../shared/domain';
import type { Me } from '../../../shared/contracts/caller-views';
import type { Api } from '../api/client';
import type { MatchDecision, RosterImportView } from '../../../shared/contracts/roster-views';
import { ApiError } from '../api/http';
import type { PageProps } from '../app/page-props';
import { queryParam } from '../app/route';
import { formatDate, formatTime, useLocale, useT } from '../i18n/locale';
import { MeetingPlanner } from './meeting-planner';
import { DraftReadersSetting } from './draft-readers-setting';
import { ErrorBox, ErrorPage, Loading, Notice, useAction, useAsync } from '../ui/common';
import { Page, Section, usePageStyles } from '../ui/page';
import { Tabs } from '../ui/tabs';

type View = 'roster' | 'meetings' | 'archive' | 'register';

/** The council page in the channel: roster (with import), meetings, minutes archive, decision register. */
export default function Channel({ api }: PageProps) {
  const t = useT();
  const body = useAsync(async () => {
    const id = queryParam('bodyId');
    if (id) return api.body(id);
    const all = await api.bodies();
    if (!all[0]) throw new Error(t('noMeetings'));
    return all[0];
  }, [api]);
  const [view, setView] = useState<View>('roster');
  if (!body.data) return body.error ? <ErrorPage error={body.error} onRetry={body.reload} /> : <Loading />;
  const b = body.data;
  return (
    <Page title={b.name}>
      <span data-ready="true" hidden />
      <Tabs
        label={b.name}
        value={view}
        onChange={setView}
        items={[
          { value: 'roster', label: t('roster') },
          { value: 'meetings', label: t('meetings') },
          { value: 'archive', label: t('minutesArchive') },
          { value: 'register', label: t('decisionRegister') },
        ]}
      />
      {view === 'roster' ? <Roster api={api} body={b} /> : null}
      {view === 'roster' ? <DraftReadersSetting api={api} body={b} onSaved={body.reload} /> : null}
      {view === 'meetings' ? <Meetings api={api} body={b} past={false} /> : null}
      {view === 'archive' ? (
        <>
          <ArchiveExport api={api} body={b} />
          <Meetings api={api} body={b} past />
        </>
      ) : null}
      {view === 'register' ? <Register api={api} body={b} /> : null}
    </Page>
  );
}

/** What the server's role policy lets this person do with the council's roster (the UI offers nothing else). */
export function rosterActions(me: Me, bodyId: string): { manage: boolean } {
  const roles = me.roles.filter((r) => r.bodyId === bodyId).map((r) => r.role);
  return { manage: can({ personId: me.person?.id ?? null, tenantId: '', isAdmin: me.isAdmin }, 'roster.manage', { roles }).allowed };
}

function Roster({ api, body }: { api: Api; body: Body }) {
  const t = useT();
  const s = usePageStyles();
  const data = useAsync(async () => {
    const [memberships, people, organisations, me] = await Promise.all([api.memberships(body.id), api.people(), api.organisations(), api.me()]);
    return { memberships, people: new Map(people.map((p) => [p.id, p])), organisations: new Map(organisations.map((o) => [o.id, o])), peopleList: people, me };
  }, [api, body.id]);
  const act = useAction();
  const [seat, setSeat] = useState<{ personId: string; role: MembershipRole }>({ personId: '', role: 'ledamot' });
  if (!data.data) return data.error ? <ErrorBox error={data.error} onRetry={data.reload} /> : <Loading />;
  const d = data.data;
  const { manage } = rosterActions(d.me, body.id);
  return (
    <>
      <Section title={t('roster')}>
        <table className={s.table}>
          <thead>
            <tr>
              <th scope="col">{t('person')}</th>
              <th scope="col">{t('role')}</th>
              <th scope="col">{t('organisation')}</th>
              {manage ? (
                <th scope="col">
                  <span className="visually-hidden" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                    {t('remove')}
                  </span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {d.memberships.map((m) => {
              const name = m.personId ? (d.people.get(m.personId)?.name ?? '—') : t('vacant');
              return (
                <tr key={m.id} data-seat={name}>
                  <td>{name}</td>
                  <td>{t(`role_${m.role}`)}</td>
                  <td>{m.organisationId ? (d.organisations.get(m.organisationId)?.name ?? '') : ''}</td>
                  {manage ? (
                    <td>
                      <RemoveSeat api={api} body={body} m={m} name={name} onRemoved={data.reload} />
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
        {manage ? (
          <>
            <div className={s.row}>
              <Field label={t('person')}>
                <Select value={seat.personId} onChange={(_, v) => setSeat({ ...seat, personId: v.value })}>
                  <option value="">{t('vacant')}</option>
                  {d.peopleList.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t('role')}>
                <Select value={seat.role} onChange={(_, v) => setSeat({ ...seat, role: v.value as MembershipRole })}>
                  {MEMBERSHIP_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`role_${r}`)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button disabled={act.busy} onClick={() => act.run(() => api.addMembership(body.id, { personId: seat.personId || null, role: seat.role }), data.reload)}>
                {t('addSeat')}
              </Button>
            </div>
            {act.error ? <ErrorBox error={act.error} /> : null}
          </>
        ) : null}
      </Section>
      {manage ? <RosterImport api={api} body={body} onApplied={data.reload} /> : null}
    </>
  );
}

/** "Ta bort" on a seat asks first, in the row itself; a refusal shows there too, not below the page. */
function RemoveSeat({ api, body, m, name, onRemoved }: { api: Api; body: Body; m: Membership; name: string; onRemoved: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <>
        <Button size="small" onClick={() => setAsking(true)} aria-label={`${t('remove')}: ${name}`}>
          {t('remove')}
        </Button>
        {act.error ? <ErrorBox error={act.error} /> : null}
      </>
    );
  return (
    <div role="group" aria-label={t('removeSeatConfirm', { name, role: t(`role_${m.role}`) })} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      <span>{t('removeSeatConfirm', { name, role: t(`role_${m.role}`) })}</span>
      <div className={s.row}>
        <Button size="small" appearance="primary" disabled={act.busy} onClick={() => act.run(() => api.removeMembership(body.id, m.id), () => (setAsking(false), onRemoved())).then((ok) => (ok ? undefined : setAsking(false)))}>
          {t('remove')}
        </Button>
        <Button size="small" disabled={act.busy} onClick={() => setAsking(false)}>
          {t('cancel')}
        </Button>
      </div>
    </div>
  );
}

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

function RosterImport({ api, body, onApplied }: { api: Api; body: Body; onApplied: () => void }) {
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

/** The secretary's (or an administrator's) archive export; the server checks the role too. */
function ArchiveExport({ api, body }: { api: Api; body: Body }) {
  const t = useT();
  const s = usePageStyles();
  const me = useAsync(() => api.me(), [api]);
  const act = useAction();
  const allowed = me.data && (me.data.isAdmin || me.data.roles.some((r) => r.bodyId === body.id && r.role === 'sekreterare'));
  if (!allowed) return null;
  const save = async (): Promise<void> => {
    const { blob, fileName } = await api.archive(body.id);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return (
    <Section title={t('exportArchive')}>
      <p className={s.muted} style={{ margin: 0 }}>
        {t('exportArchiveHint')}
      </p>
      <div className={s.row}>
        <Button disabled={act.busy} onClick={() => act.run(save)} data-archive-export>
          {t('exportArchive')}
        </Button>
      </div>
      {act.error ? <ErrorBox error={act.error} /> : null}
    </Section>
  );
}

function Meetings({ api, body, past }: { api: Api; body: Body; past: boolean }) {
  const t = useT();
  const s = usePageStyles();
  const locale = useLocale();
  const data = useAsync(async () => {
    const [meetings, me] = await Promise.all([api.meetings(body.id), api.me()]);
    return { meetings, canPlan: me.isAdmin || me.roles.some((r) => r.bodyId === body.id && r.role === 'sekreterare') };
  }, [api, body.id]);
  const [planning, setPlanning] = useState(false);
  const [created, setCreated] = useState<number | null>(null);
  if (!data.data) return data.error ? <ErrorBox error={data.error} onRetry={data.reload} /> : <Loading />;
  const now = Date.now();
  const when = (m: Meeting) =>
    `${formatDate(m.startsAt, locale, m.timeZone)}${locale === 'sv' ? ` kl. ${formatTime(m.startsAt, locale, m.timeZone).replace(':', '.')}` : `, ${formatTime(m.startsAt, locale, m.timeZone)}`}`;
  const list = data.data.meetings.filter((m) => (past ? Date.parse(m.endsAt) < now || m.status === 'held' : Date.parse(m.endsAt) >= now && m.status !== 'held'));
  return (
    <Section title={past ? t('minutesArchive') : t('meetings')}>
      {/* Only the secretary (or an administrator) is offered planning; the server checks the role too. */}
      {!past && data.data.canPlan ? (
        planning ? (
          <MeetingPlanner api={api} body={body} onCancel={() => setPlanning(false)} onCreated={(n) => (setPlanning(false), setCreated(n), data.reload())} />
        ) : (
          <div className={s.row}>
            <Button appearance="primary" onClick={() => (setCreated(null), setPlanning(true))}>
              {t('planMeeting')}
            </Button>
          </div>
        )
      ) : null}
      {created ? <Notice>{created > 1 ? t('planCreatedSeries', { n: created }) : t('planCreated')}</Notice> : null}
      {list.length === 0 ? <p className={s.muted}>{t('noMeetings')}</p> : null}
      <ul className={s.list}>
        {(past ? [...list].reverse() : list).map((m) => (
          <li key={m.id} className={s.card} data-meeting={m.id} style={{ overflowWrap: 'anywhere' }}>
            <Link href={`/tab/meeting?meetingId=${encodeURIComponent(m.id)}`}>{m.title ?? when(m)}</Link>{' '}
            <span className={s.muted}>
              {m.title ? when(m) : ''}
              {m.title && m.place ? ' · ' : ''}
              {m.place ?? ''}
              {m.bodyIds.length > 1 ? ` · ${t('jointMeeting')}` : ''}
            </span>{' '}
            {m.status !== 'planned' ? <Badge appearance="outline" color={m.status === 'cancelled' ? 'danger' : m.status === 'moved' ? 'warning' : 'informative'}>{t(`status_${m.status}`)}</Badge> : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Register({ api, body }: { api: Api; body: Body }) {
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
