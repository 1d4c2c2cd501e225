/** The council's roster in the channel: its seats, adding and removing one, and the import from a list. */
import { Button, Field, makeStyles, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { can, MEMBERSHIP_ROLES, type Body, type Membership, type MembershipRole } from '../../../shared/domain';
import type { Me } from '../../../shared/contracts/caller-views';
import type { Api } from '../api/client';
import { useT } from '../i18n/locale';
import { ErrorBox, Loading, useAction, useAsync } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';
import { RosterImport } from './roster-import';

/** What the server's role policy lets this person do with the council's roster (the UI offers nothing else). */
export function rosterActions(me: Me, bodyId: string): { manage: boolean } {
  const roles = me.roles.filter((r) => r.bodyId === bodyId).map((r) => r.role);
  return { manage: can({ personId: me.person?.id ?? null, tenantId: '', isAdmin: me.isAdmin }, 'roster.manage', { roles }).allowed };
}

/**
 * In a narrow window (Teams on a phone, a narrow desktop window) four columns do not fit: the organisation moves
 * under the person's name, so the table keeps its columns and nothing scrolls sideways.
 */
const NARROW = '@media (max-width: 480px)';
const useRosterStyles = makeStyles({
  table: { [NARROW]: { '& th, & td': { paddingLeft: '4px', paddingRight: '4px' } } },
  wideOnly: { [NARROW]: { display: 'none' } },
  narrowOnly: { display: 'none', [NARROW]: { display: 'block' } },
});

export function Roster({ api, body }: { api: Api; body: Body }) {
  const t = useT();
  const s = usePageStyles();
  const rs = useRosterStyles();
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
        <table className={`${s.table} ${rs.table}`}>
          <thead>
            <tr>
              <th scope="col">{t('person')}</th>
              <th scope="col">{t('role')}</th>
              <th scope="col" className={rs.wideOnly}>
                {t('organisation')}
              </th>
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
              const organisation = m.organisationId ? (d.organisations.get(m.organisationId)?.name ?? '') : '';
              return (
                <tr key={m.id} data-seat={name}>
                  <td>
                    {name}
                    {organisation ? <span className={`${s.muted} ${rs.narrowOnly}`}>{organisation}</span> : null}
                  </td>
                  <td>{t(`role_${m.role}`)}</td>
                  <td className={rs.wideOnly}>{organisation}</td>
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
