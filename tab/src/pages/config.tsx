import { Field, Select } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PageProps } from '../app/page-props';
import { queryParam } from '../app/route';
import { formatDate, useLocale, useT } from '../i18n/locale';
import { registerConfigSave, setConfigValid, type TabConfig } from '../teams/teams-host';
import { ErrorPage, Loading, Notice, useAsync } from '../ui/common';
import { Page } from '../ui/page';

/**
 * The configuration page (channel tab, or a meeting's tab): choose the council, or the Rådslag meeting.
 * Save is Teams' button: we answer its save handler with the content URL, and link the Teams meeting.
 */
export default function Config({ api, host }: PageProps) {
  const t = useT();
  const locale = useLocale();
  const inMeeting = !!host.teamsMeetingId || queryParam('kind') === 'meeting';
  const data = useAsync(async () => (inMeeting ? { meetings: await api.meetings(), bodies: [] } : { meetings: [], bodies: await api.bodies() }), [api, inMeeting]);
  const [choice, setChoice] = useState('');

  useEffect(() => {
    if (!host.inTeams) return;
    setConfigValid(!!choice);
    const origin = window.location.origin;
    registerConfigSave((): TabConfig | null => {
      if (!choice) return null;
      if (inMeeting) {
        const m = data.data?.meetings.find((x) => x.id === choice);
        if (m && host.teamsMeetingId && m.teams?.meetingId !== host.teamsMeetingId) void api.linkTeams(m.id, { version: m.version, teamsMeetingId: host.teamsMeetingId }).catch(() => undefined);
        return { contentUrl: `${origin}/tab/meeting?meetingId=${encodeURIComponent(choice)}`, entityId: `meeting-${choice}`, suggestedDisplayName: 'Rådslag' };
      }
      const body = data.data?.bodies.find((x) => x.id === choice);
      return { contentUrl: `${origin}/tab/channel?bodyId=${encodeURIComponent(choice)}`, entityId: `body-${choice}`, suggestedDisplayName: body?.shortName ?? 'Rådslag', websiteUrl: `${origin}/tab/channel?bodyId=${encodeURIComponent(choice)}` };
    });
  }, [choice, host, inMeeting, api, data.data]);

  if (!data.data) return data.error ? <ErrorPage error={data.error} onRetry={data.reload} /> : <Loading />;
  return (
    <Page title={t('configTitle')}>
      <span data-ready="true" hidden />
      <Field label={inMeeting ? t('chooseMeeting') : t('chooseBody')}>
        <Select value={choice} onChange={(_, d) => setChoice(d.value)}>
          <option value="">—</option>
          {inMeeting
            ? data.data.meetings.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title ?? ''} {formatDate(m.startsAt, locale, m.timeZone)}
                </option>
              ))
            : data.data.bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
        </Select>
      </Field>
      {choice ? <Notice intent="info">{t('configReady')}</Notice> : null}
    </Page>
  );
}
