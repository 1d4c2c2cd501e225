import { Badge, ProgressBar } from '@fluentui/react-components';
import type { AgendaItem } from '../../../shared/domain';
import { useT } from '../i18n/locale';
import { useNow } from '../ui/common';

/** Minutes since the item started against its planned time, with "Över tiden" when past it. */
export function Elapsed({ item }: { item: AgendaItem }) {
  const t = useT();
  const now = useNow(1000);
  if (!item.startedAt) return null;
  const elapsed = Math.max(0, Math.floor((now - Date.parse(item.startedAt)) / 60_000));
  const planned = item.plannedMinutes ?? 0;
  const over = planned > 0 && elapsed > planned;
  return (
    <div>
      <ProgressBar value={planned > 0 ? Math.min(1, elapsed / planned) : 0} color={over ? 'error' : 'brand'} aria-label={t('elapsed', { elapsed, planned })} />
      <span data-elapsed={elapsed}>{t('elapsed', { elapsed, planned })}</span> {over ? <Badge color="danger">{t('overTime')}</Badge> : null}
    </div>
  );
}
