/**
 * The words of the standard decisions, as they go into the minutes (always Swedish: the minutes are
 * Swedish documents whatever language the secretary's Teams client uses).
 */
import type { AgendaItem, StandardDecisionKey } from '../domain';

export function joinSwedish(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} och ${names[names.length - 1]}`;
}

export function standardDecisionText(key: StandardDecisionKey, opts: { item: Pick<AgendaItem, 'title'>; justerareNames?: readonly string[] }): string {
  switch (key) {
    case 'agenda_approved':
      // The seeds say both: "Godkännande av dagordning" → godkänns, "Fastställande …" → fastställs.
      return /godk[äa]nn/i.test(opts.item.title) ? 'Dagordningen godkänns.' : 'Dagordningen fastställs.';
    case 'minutes_filed':
      return 'Protokollet läggs till handlingarna.';
    case 'justerare_elected': {
      const names = opts.justerareNames ?? [];
      return names.length === 1 ? `Till justerare väljs ${names[0]}.` : `Till justerare väljs ${joinSwedish(names)}.`;
    }
    case 'information_noted':
      return 'Informationen noteras.';
    case 'postponed':
      return 'Beslutet skjuts upp till nästa möte.';
  }
}
