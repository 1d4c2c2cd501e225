import { useState } from 'react';
import { currentChairFor, currentItemNumber, itemLeaders } from '../../../shared/services/agenda-chair';
import { resolveMeetingId, type PageProps } from '../app/page-props';
import { useLocale, useT } from '../i18n/locale';
import { useMeetingLive } from '../live/use-meeting-live';
import { ErrorBox, ErrorPage, LiveBadge, Loading, useAsync } from '../ui/common';
import { Page } from '../ui/page';
import { Tabs } from '../ui/tabs';
import { ChairRunner } from './chair-runner';
import { leadsItemNow, useMeetingBundle, personName, rolesIn } from './meeting-data';
import { useNotesDrafts } from './notes-drafts';
import { SecretaryDesk } from './secretary-desk';
import { MemberView } from './member-view';
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
  const locale = useLocale();
  const bundle = useMeetingBundle(api, meetingId);
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
  // A joint meeting: each council's chair leads the items nobody was handed (leadsItem), so gets the runner too.
  const chairsLater = pid !== null && b.items.some((i) => (i.status === 'pending' && currentChairFor(b.meeting, b.handovers, i.number) === pid) || (i.status !== 'done' && leadsItemNow(b, i.number)));
  const leaders = itemLeaders(b.meeting, b.handovers, currentItemNumber(b.items), b.memberships);
  const views: View[] = [...(roles.isChair || chairsLater || roles.isSecretary ? (['chair'] as const) : []), ...(roles.isSecretary ? (['secretary'] as const) : []), 'member'];
  const current: View = view && views.includes(view) ? view : roles.isChair || chairsLater ? 'chair' : roles.isSecretary ? 'secretary' : 'member';
  return (
    <Page title={b.meeting.title ?? t('agenda')} aside={<LiveBadge status={live} />}>
      <span data-ready="true" data-panel-view={current} hidden />
      {/* Who leads the current item by the server's rule: in a joint meeting each council's chair, unless handed over. */}
      <p style={{ margin: 0 }} data-chair-now={leaders.join(' ')}>
        {t('chairNow', { name: leaders.length > 0 ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(leaders.map((id) => personName(b, id))) : personName(b, b.currentChairPersonId) })}
      </p>
      {bundle.error ? <ErrorBox error={bundle.error} onRetry={bundle.reload} /> : null}
      {views.length > 1 ? (
        <Tabs label={t('viewAs')} value={current} onChange={setView} items={views.map((v) => ({ value: v, label: t(v === 'chair' ? 'role_chair' : v === 'secretary' ? 'role_secretary' : 'role_member') }))} />
      ) : null}
      {/* The chair votes too: a vote awaiting her comes first, as in the member's view. */}
      {current === 'chair' ? <OpenVotes api={api} b={b} reload={reload} awaitingMe /> : null}
      {current === 'chair' ? <ChairRunner api={api} host={host} b={b} reload={reload} /> : null}
      {current === 'secretary' ? <SecretaryDesk api={api} b={b} drafts={drafts} reload={reload} /> : null}
      {current === 'member' ? <MemberView api={api} b={b} reload={reload} /> : null}
    </Page>
  );
}
