import { Link } from '@fluentui/react-components';
import type { PageProps } from '../app/page-props';
import { formatDate, useLocale, useT } from '../i18n/locale';
import { ErrorPage, Loading, useAsync } from '../ui/common';
import { Page, Section, usePageStyles } from '../ui/page';

/** Outside Teams (local mode): links to every page, so each can be opened in a plain browser. */
export default function Home({ api }: PageProps) {
  const t = useT();
  const s = usePageStyles();
  const locale = useLocale();
  const data = useAsync(async () => ({ bodies: await api.bodies(), meetings: await api.meetings() }), [api]);
  if (!data.data) return data.error ? <ErrorPage error={data.error} onRetry={data.reload} /> : <Loading />;
  return (
    <Page title={t('appName')}>
      <Section title={t('council')}>
        <ul className={s.list}>
          {data.data.bodies.map((b) => (
            <li key={b.id}>
              <Link href={`/tab/channel?bodyId=${encodeURIComponent(b.id)}`}>{b.name}</Link>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('meetings')}>
        <ul className={s.list}>
          {data.data.meetings.map((m) => {
            const q = `?meetingId=${encodeURIComponent(m.id)}`;
            return (
              <li key={m.id}>
                {m.title ?? formatDate(m.startsAt, locale)} — <Link href={`/tab/meeting${q}`}>{t('pageMeeting')}</Link> · <Link href={`/tab/panel${q}`}>{t('pagePanel')}</Link> · <Link href={`/tab/stage${q}`}>{t('pageStage')}</Link>
              </li>
            );
          })}
        </ul>
      </Section>
    </Page>
  );
}
