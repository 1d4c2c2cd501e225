import { useEffect } from 'react';
import type { Api } from '../api/client';
import { useLocale, useT } from '../i18n/locale';
import { ErrorBox, useAsync } from '../ui/common';
import { usePageStyles } from '../ui/page';

/**
 * After the kallelse: who it reached in Teams, and who not and why, so the secretary can e-mail them. The
 * 1:1 cards go out as jobs (a chat may first have to be opened), so while some are on their way it looks again.
 */
export function KallelseReach({ api, meetingId, stamp }: { api: Api; meetingId: string; stamp: number }) {
  const t = useT();
  const locale = useLocale();
  const s = usePageStyles();
  const data = useAsync(() => api.kallelseOverview(meetingId), [api, meetingId, stamp]);
  const sending = data.data?.people.filter((p) => p.delivery?.state === 'sending').length ?? 0;
  const reload = data.reload;
  useEffect(() => {
    if (sending === 0) return;
    const id = setTimeout(reload, 1500);
    return () => clearTimeout(id);
  }, [sending, reload, data.data]);
  if (data.error) return <ErrorBox error={data.error} onRetry={data.reload} />;
  if (!data.data?.sentAt) return null;
  const unreachable = data.data.people.filter((p) => p.delivery?.state === 'unreachable');
  return (
    <div data-kallelse-reach={sending ? 'sending' : 'settled'}>
      <h3 style={{ fontSize: 14, margin: '4px 0' }}>{t('kallelseReach')}</h3>
      {sending ? <p style={{ margin: 0 }}>{t('kallelseSending', { n: sending })}</p> : null}
      {!sending && unreachable.length === 0 ? <p style={{ margin: 0 }}>{t('kallelseAllReached')}</p> : null}
      {unreachable.length ? (
        <>
          <p style={{ margin: 0 }}>{t('kallelseUnreachableHead')}</p>
          <ul className={s.list} style={{ overflowWrap: 'anywhere' }}>
            {unreachable.map((p) => (
              <li key={p.personId} data-unreachable={p.name}>
                <strong>{p.name}</strong>
                {p.email ? ` <${p.email}>` : ''} – {p.delivery?.state === 'unreachable' ? (locale === 'en' ? p.delivery.reasonEn : p.delivery.reasonSv) : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
