/** What the side panel and the stage say about an item besides its title: who presents it, when it started and how long it has run. */
import type { AgendaItem } from '../../../shared/domain';
import { clockInZone } from '../../../shared/minutes/swedish-time';
import { useT } from '../i18n/locale';
import { useNow } from '../ui/common';

export function presenterNames(item: Pick<AgendaItem, 'presenters'>): string {
  return item.presenters.map((p) => p.name.trim()).filter((n) => n.length > 0).join(', ');
}

/** "Startade kl. 09.12, 5 av 20 min" (the meeting's time zone), live by the minute. */
export function ItemTimes({ item, timeZone, className }: { item: Pick<AgendaItem, 'startedAt' | 'plannedMinutes'>; timeZone: string; className?: string }) {
  const t = useT();
  const now = useNow(15_000);
  if (!item.startedAt) return null;
  const elapsed = Math.max(0, Math.floor((now - Date.parse(item.startedAt)) / 60_000));
  const clock = clockInZone(item.startedAt, timeZone);
  const planned = item.plannedMinutes ?? 0;
  return (
    <div className={className} data-item-times>
      {planned > 0 ? t('itemTimesPlanned', { clock, elapsed, planned }) : t('itemTimes', { clock, elapsed })}
    </div>
  );
}
