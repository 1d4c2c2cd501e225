import { makeStyles, tokens } from '@fluentui/react-components';
import { resolveMeetingId, type PageProps } from '../app/page-props';
import { useT } from '../i18n/locale';
import { useMeetingLive } from '../live/use-meeting-live';
import { ErrorPage, LiveBadge, Loading, useAsync } from '../ui/common';
import { currentItem, useMeetingBundle } from './meeting-data';
import { ItemTimes, presenterNames } from './item-facts';

const useStyles = makeStyles({
  main: { padding: '24px 32px', display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: '32px', fontSize: '22px', lineHeight: 1.4 },
  h1: { gridColumn: '1 / -1', margin: 0, fontSize: '32px', display: 'flex', gap: '16px', alignItems: 'center' },
  h2: { margin: '0 0 12px', fontSize: '26px' },
  list: { margin: 0, paddingLeft: '1.4em', display: 'flex', flexDirection: 'column', gap: '8px' },
  active: { fontWeight: tokens.fontWeightBold, color: tokens.colorBrandForeground1, borderLeft: `6px solid ${tokens.colorBrandStroke1}`, paddingLeft: '8px', marginLeft: '-14px' },
  // Finished items: a check and the word "Klar" in a bordered tag, so the mark survives dark and high-contrast themes (not colour alone).
  done: { color: tokens.colorNeutralForeground2 },
  tag: { display: 'inline-block', marginLeft: '10px', padding: '0 8px', fontSize: '18px', border: `1px solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium, color: tokens.colorNeutralForeground1, whiteSpace: 'nowrap' },
  now: { gridColumn: '1 / -1', border: `3px solid ${tokens.colorBrandStroke1}`, borderRadius: tokens.borderRadiusLarge, padding: '12px 20px', backgroundColor: tokens.colorNeutralBackground2 },
  nowTitle: { margin: 0, fontSize: '30px', lineHeight: 1.25 },
  nowFacts: { margin: '6px 0 0', fontSize: '22px', color: tokens.colorNeutralForeground1 },
});

/** The room screen: agenda with the current item marked, and the confirmed decisions, large and live. */
export default function Stage({ api, host }: PageProps) {
  const id = useAsync(() => resolveMeetingId(api, host), [api]);
  if (id.error) return <ErrorPage error={id.error} onRetry={id.reload} />;
  if (!id.data) return <Loading />;
  return <StageFor api={api} meetingId={id.data} />;
}

function StageFor({ api, meetingId }: { api: PageProps['api']; meetingId: string }) {
  const t = useT();
  const s = useStyles();
  const bundle = useMeetingBundle(api, meetingId);
  const live = useMeetingLive(api, meetingId, bundle.onEvents);
  const b = bundle.data;
  if (!b) return bundle.error ? <ErrorPage error={bundle.error} onRetry={bundle.reload} /> : <Loading />;
  const confirmed = (b.decisions ?? []).filter((d) => d.status === 'confirmed');
  const cur = currentItem(b.items);
  return (
    <main className={s.main} data-ready="true">
      <h1 className={s.h1}>
        {b.meeting.title ?? t('stageTitle')} <LiveBadge status={live} />
      </h1>
      {cur ? (
        <section className={s.now} aria-labelledby="stage-now" data-stage-current={cur.number}>
          <h2 id="stage-now" className={s.nowTitle}>
            {t('currentItem')}: {cur.number}. {cur.title}
          </h2>
          {presenterNames(cur) ? <p className={s.nowFacts}>{t('presenterLine', { names: presenterNames(cur) })}</p> : null}
          <ItemTimes item={cur} timeZone={b.meeting.timeZone} className={s.nowFacts} />
        </section>
      ) : null}
      <section aria-labelledby="stage-agenda">
        <h2 id="stage-agenda" className={s.h2}>
          {t('agenda')}
        </h2>
        <ol className={s.list}>
          {b.items.map((i) => (
            <li key={i.id} value={i.number} className={i.status === 'active' ? s.active : i.status === 'done' ? s.done : undefined} aria-current={i.status === 'active' ? 'step' : undefined} data-stage-item={i.number} data-status={i.status}>
              {i.status === 'done' ? <span aria-hidden="true">✓ </span> : null}
              {i.title}
              {i.status === 'done' ? <span className={s.tag}>{t('itemDone')}</span> : i.status === 'active' ? <span className={s.tag}>{t('itemActive')}</span> : null}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="stage-decisions">
        <h2 id="stage-decisions" className={s.h2}>
          {t('decisions')}
        </h2>
        {confirmed.length === 0 ? <p>{t('noDecisions')}</p> : null}
        <ul className={s.list}>
          {confirmed.map((d) => (
            <li key={d.id} data-confirmed-decision>
              {b.items.find((i) => i.id === d.itemId)?.number}. {d.text}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
