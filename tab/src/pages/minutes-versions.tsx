import { Badge, Button, makeStyles, tokens } from '@fluentui/react-components';
import type { MinutesVersionSummary } from '../../../shared/contracts/minutes-views';
import type { MinutesChanges } from '../../../shared/minutes/minutes-changes';
import { clockInZone, isoDateInZone } from '../../../shared/minutes/swedish-time';
import type { Api } from '../api/client';
import type { StringKey } from '../i18n/strings';
import { useT } from '../i18n/locale';
import { ErrorBox, useAction } from '../ui/common';
import { Section, usePageStyles } from '../ui/page';

const useStyles = makeStyles({
  head: { display: 'flex', flexWrap: 'wrap', gap: '6px', alignItems: 'center' },
  line: { margin: '2px 0 0', overflowWrap: 'anywhere' },
  files: { display: 'flex', flexWrap: 'wrap', gap: '6px', marginTop: '4px' },
  changed: { margin: '2px 0 0', overflowWrap: 'anywhere', color: tokens.colorNeutralForeground1 },
});

type T = ReturnType<typeof useT>;

/** "Ändrat: punkt 4 (anteckningar, beslut), närvaro." from the server's comparison of two versions. */
export function describeChanges(t: T, c: MinutesChanges | undefined): string | null {
  if (!c) return null;
  if (c.first) return t('changesFirst');
  const parts = [
    ...c.items.map((i) =>
      i.change === 'added' ? t('changeItemAdded', { n: i.number }) : i.change === 'removed' ? t('changeItemRemoved', { n: i.number }) : t('changeItem', { n: i.number, what: i.aspects.map((a) => t(`aspect_${a}` as StringKey)).join(', ') }),
    ),
    ...c.parts.map((p) => t(`part_${p}` as StringKey)),
  ];
  return parts.length ? t('changesList', { what: parts.join(', ') }) : t('changesNone');
}

/**
 * Opens one version's Word or PDF file. A plain link Teams can open (in the tab or the browser) that
 * carries a one-use ticket, not the access token: asked for at the click, since it is valid about a minute.
 */
async function download(api: Api, meetingId: string, version: number, kind: 'docx' | 'pdf'): Promise<void> {
  const url = await api.minutesFileUrl(meetingId, version, kind);
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Every version the reader may see, newest first: when, who, what it changed, and its files. */
export function MinutesVersions({ api, meetingId, timeZone, versions }: { api: Api; meetingId: string; timeZone: string; versions: MinutesVersionSummary[] }) {
  const t = useT();
  const s = usePageStyles();
  const vs = useStyles();
  const files = useAction();
  if (versions.length === 0) return null;
  const status = (v: MinutesVersionSummary) => (v.status === 'final' ? t('status_final') : v.status === 'correction' ? t('status_correction') : t('status_draft'));
  return (
    <Section title={t('versions')} id="versions">
      <ul className={s.list}>
        {[...versions].reverse().map((v) => {
          const date = isoDateInZone(v.createdAt, timeZone);
          const time = clockInZone(v.createdAt, timeZone);
          const changed = describeChanges(t, v.changes);
          const previous = v.supersedes ?? v.number - 1;
          return (
            <li key={v.number} className={s.card} data-version-row={v.number} data-version-status={v.status}>
              <div className={vs.head}>
                <strong>{t('version', { n: v.number })}</strong>
                <Badge appearance="tint" color={v.status === 'draft' ? 'informative' : 'success'}>
                  {status(v)}
                </Badge>
              </div>
              <p className={`${s.muted} ${vs.line}`}>{v.createdByName ? t('versionMadeBy', { date, time, name: v.createdByName }) : t('versionMadeAtEnd', { date, time })}</p>
              {v.status === 'correction' && v.reason ? <p className={vs.changed}>{t('correctionOf', { n: previous, reason: v.reason })}</p> : null}
              {changed ? (
                <p className={vs.changed} data-version-changes>
                  {changed}
                </p>
              ) : null}
              <div className={vs.files}>
                <Button size="small" aria-label={t('downloadWordLabel', { n: v.number })} disabled={files.busy} onClick={() => files.run(() => download(api, meetingId, v.number, 'docx'))}>
                  {t('downloadWord')}
                </Button>
                <Button size="small" aria-label={t('downloadPdfLabel', { n: v.number })} disabled={files.busy} onClick={() => files.run(() => download(api, meetingId, v.number, 'pdf'))}>
                  {t('downloadPdf')}
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
      {files.error ? <ErrorBox error={files.error} /> : null}
    </Section>
  );
}
