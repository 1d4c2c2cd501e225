import { Field, Select } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Body, Meeting } from '../../../shared/domain';
import { ApiError } from '../api/http';
import type { PageProps } from '../app/page-props';
import { queryParam } from '../app/route';
import { savedTabUrl } from '../app/tab-url';
import { formatDate, useLocale, useT } from '../i18n/locale';
import { translate } from '../i18n/strings';
import { registerConfigSave, setConfigValid, type TabConfig } from '../teams/teams-host';
import { ErrorBox, ErrorPage, Loading, Notice, useAsync } from '../ui/common';
import { Page } from '../ui/page';

interface Choices {
  meetings: Meeting[];
  bodies: Body[];
  /** In a Teams meeting already linked to a Rådslag meeting: that one, chosen from the start. */
  linked: string | null;
}

/**
 * The configuration page (a meeting's tab, or a channel's or chat's): choose the Rådslag meeting, or the
 * council. Save is Teams' button: on it we link the Teams meeting (when it is not linked yet) and answer
 * with one contentUrl that Teams then loads in every surface of the tab.
 */
export default function Config({ api, host }: PageProps) {
  const t = useT();
  const locale = useLocale();
  const inMeeting = !!host.teamsMeetingId || queryParam('kind') === 'meeting';
  const data = useAsync(async (): Promise<Choices> => {
    if (!inMeeting) return { meetings: [], bodies: await api.bodies(), linked: null };
    const [meetings, linked] = await Promise.all([api.meetings(), host.teamsMeetingId ? linkedMeeting(api, host.teamsMeetingId) : null]);
    return { meetings, bodies: [], linked };
  }, [api, inMeeting]);
  const [picked, setPicked] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const choice = picked ?? data.data?.linked ?? '';
  // The save handler is registered once; it reads the latest choice and data through this ref.
  const latest = useRef({ choice, data: data.data });
  latest.current = { choice, data: data.data };

  useEffect(() => {
    if (host.inTeams) setConfigValid(!!choice);
  }, [host, choice]);

  useEffect(() => {
    if (!host.inTeams) return;
    const origin = window.location.origin;
    registerConfigSave(async (): Promise<TabConfig> => {
      setSaveError(null);
      const { choice: id, data: d } = latest.current;
      if (!id || !d) throw new Error(translate(locale, 'configChooseFirst'));
      if (inMeeting) {
        const m = d.meetings.find((x) => x.id === id);
        if (m && host.teamsMeetingId && m.teams?.meetingId !== host.teamsMeetingId) await api.linkTeams(m.id, { version: m.version, teamsMeetingId: host.teamsMeetingId, chatId: host.chatId });
        const url = savedTabUrl(origin, { meetingId: id });
        return { contentUrl: url, websiteUrl: url, entityId: `meeting-${id}`, suggestedDisplayName: 'Rådslag' };
      }
      const body = d.bodies.find((x) => x.id === id);
      const url = savedTabUrl(origin, { bodyId: id });
      return { contentUrl: url, websiteUrl: url, entityId: `body-${id}`, suggestedDisplayName: body?.shortName ?? 'Rådslag' };
    }, setSaveError);
  }, [api, host, inMeeting, locale]);

  if (!data.data) return data.error ? <ErrorPage error={data.error} onRetry={data.reload} /> : <Loading />;
  return (
    <Page title={t('configTitle')}>
      <span data-ready="true" hidden />
      <Field label={inMeeting ? t('chooseMeeting') : t('chooseBody')}>
        <Select value={choice} onChange={(_, d) => (setPicked(d.value), setSaveError(null))}>
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
      {saveError ? <ErrorBox error={saveError} /> : choice ? <Notice intent="info">{t('configReady')}</Notice> : null}
    </Page>
  );
}

/** The Rådslag meeting this Teams meeting is linked to, or null when it is not linked yet. */
async function linkedMeeting(api: PageProps['api'], teamsMeetingId: string): Promise<string | null> {
  try {
    return (await api.meetingForTeams(teamsMeetingId)).meetingId;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}
