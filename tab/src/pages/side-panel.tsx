import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import { currentChairFor } from '../../../shared/services/agenda-chair';
import type { Api } from '../api/client';
import { resolveMeetingId, type PageProps } from '../app/page-props';
import { useT } from '../i18n/locale';
import { useMeetingLive } from '../live/use-meeting-live';
import { ErrorBox, ErrorPage, LiveBadge, Loading, Notice, useAction, useAsync } from '../ui/common';
import { Page, Section, usePageStyles } from '../ui/page';
import { Tabs } from '../ui/tabs';
import { ChairRunner } from './chair-runner';
import { useMeetingBundle, personName, rolesIn, type MeetingBundle } from './meeting-data';
import { useNotesDrafts } from './notes-drafts';
import { SecretaryDesk } from './secretary-desk';
import { OpenVotes } from './side-panel-decisions';

type View = 'chair' | 'secretary' | 'member';

/** The side panel during the meeting: the chair's agenda runner, the secretary's desk, the member view. */
export default function SidePanel({ api, host }: PageProps) {
  const id = useAsync(() => resolveMeetingId(api, host), [api]);
  if (id.error) return <ErrorPage error={id.error} onRetry={id.reload} />;
  if (!id.data) return <Loading />;
  return <Panel api={api} host={host} meetingId={id.data} />;
}

function Panel({ api, host, meetingId }: PageProps & { meetingId: string }) {
  const t = useT();
  const bundle = useMeetingBundle(api, meetingId, { roster: true });
  const reload = bundle.reload;
  const live = useMeetingLive(api, meetingId, bundle.onEvents);
  const [view, setView] = useState<View | null>(null);
  const b = bundle.data;
  // The secretary's notes outlive the desk's item and view (saved by themselves, never dropped).
  const drafts = useNotesDrafts(api, meetingId, b?.items);
  if (!b) return bundle.error ? <ErrorPage error={bundle.error} onRetry={bundle.reload} /> : <Loading />;
  const roles = rolesIn(b);
  // Who chairs a later item (the chair after handing over "denna punkt") keeps the runner to take the chair back.
  const pid = b.me.person?.id ?? null;
  const chairsLater = pid !== null && b.items.some((i) => i.status === 'pending' && currentChairFor(b.meeting, b.handovers, i.number) === pid);
  const views: View[] = [...(roles.isChair || chairsLater || roles.isSecretary ? (['chair'] as const) : []), ...(roles.isSecretary ? (['secretary'] as const) : []), 'member'];
  const current: View = view && views.includes(view) ? view : roles.isChair || chairsLater ? 'chair' : roles.isSecretary ? 'secretary' : 'member';
  return (
    <Page title={b.meeting.title ?? t('agenda')} aside={<LiveBadge status={live} />}>
      <span data-ready="true" data-panel-view={current} hidden />
      <p style={{ margin: 0 }} data-chair-now={b.currentChairPersonId ?? ''}>
        {t('chairNow', { name: personName(b, b.currentChairPersonId) })}
      </p>
      {bundle.error ? <ErrorBox error={bundle.error} onRetry={bundle.reload} /> : null}
      {views.length > 1 ? (
        <Tabs label={t('viewAs')} value={current} onChange={setView} items={views.map((v) => ({ value: v, label: t(v === 'chair' ? 'role_chair' : v === 'secretary' ? 'role_secretary' : 'role_member') }))} />
      ) : null}
      {current === 'chair' ? <ChairRunner api={api} host={host} b={b} reload={reload} /> : null}
      {current === 'secretary' ? <SecretaryDesk api={api} b={b} drafts={drafts} reload={reload} /> : null}
      {current === 'member' ? <MemberView api={api} b={b} reload={reload} /> : null}
    </Page>
  );
}

/** Open votes the member can answer: ja, nej or avstår (final; the server checks who is serving). */
function MemberView({ api, b, reload }: { api: Api; b: MeetingBundle; reload: () => void }) {
  const t = useT();
  const s = usePageStyles();
  const act = useAction();
  const me = b.me.person?.id;
  const mine = me ? b.attendance?.find((r) => r.attendance.personId === me)?.attendance : undefined;
  const present = mine?.state === 'present';
  return (
    <>
      <div className={s.row}>
        <Button appearance="primary" disabled={act.busy || present} onClick={() => act.run(() => api.checkIn(b.meeting.id), reload)}>
          {t('checkIn')}
        </Button>
      </div>
      {present ? <Notice>{t('checkedIn')}</Notice> : null}
      {act.error ? <ErrorBox error={act.error} /> : null}
      <Section title={t('agenda')}>
        <ol className={s.list}>
          {b.items.map((i) => (
            <li key={i.id} className={i.status === 'active' ? `${s.card} ${s.active}` : s.card} aria-current={i.status === 'active' ? 'step' : undefined}>
              {i.number}. {i.title} {i.status === 'done' ? '✓' : ''}
            </li>
          ))}
        </ol>
      </Section>
      <OpenVotes api={api} b={b} reload={reload} />
      <Section title={t('decisionsSoFar')}>
        {(b.decisions ?? []).filter((d) => d.status === 'confirmed').length === 0 ? <p className={s.muted}>{t('noDecisions')}</p> : null}
        <ul className={s.list}>
          {(b.decisions ?? [])
            .filter((d) => d.status === 'confirmed')
            .map((d) => (
              <li key={d.id} data-confirmed-decision>
                <strong>{b.items.find((i) => i.id === d.itemId)?.number ?? ''}.</strong> {d.text}
              </li>
            ))}
        </ul>
      </Section>
    </>
  );
}
