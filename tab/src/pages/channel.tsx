import { useState } from 'react';
import type { PageProps } from '../app/page-props';
import { queryParam } from '../app/route';
import { useT } from '../i18n/locale';
import { ErrorPage, Loading, useAsync } from '../ui/common';
import { Page } from '../ui/page';
import { DraftReadersSetting } from './draft-readers-setting';
import { Tabs } from '../ui/tabs';
import { ArchiveExport, Meetings } from './council-meetings';
import { Register } from './decision-register';
import { Roster } from './council-roster';

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
