import type { DocumentKind, MinutesTitleStyle } from '../domain';
import { longSwedishDate } from './swedish-time';

/**
 * The minutes' title, by the body's convention (Body.minutesTitleStyle) and the document kind:
 *  - kind_body:      "Protokoll Specifika samverkansrådet för folkhälsa"
 *                    "Protokoll gemensamt möte A och B" (a joint meeting)
 *  - kind_dash_body: "Minnesanteckningar – Chefsgrupp folkhälsa"
 *  - kind_body_date: "Minnesanteckningar chefsgrupp folkhälsa den 31 januari 2022" (the 2022 chefsgrupp seed)
 * Without a setting a protokoll is kind_body and minnesanteckningar kind_dash_body.
 */
export function minutesTitle(kindLabel: string, bodyNames: readonly string[], date: string, style: MinutesTitleStyle | null, kind: DocumentKind): string {
  const chosen = style ?? (kind === 'protokoll' ? 'kind_body' : 'kind_dash_body');
  const joint = bodyNames.length > 1 ? 'gemensamt möte ' : '';
  switch (chosen) {
    case 'kind_body':
      return `${kindLabel} ${joint}${joinSwedish(bodyNames)}`;
    case 'kind_dash_body':
      return `${kindLabel} – ${joint}${joinSwedish(bodyNames)}`;
    case 'kind_body_date':
      return `${kindLabel} ${joint}${joinSwedish(bodyNames.map(midSentence))} den ${longSwedishDate(date)}`;
  }
}

export function joinSwedish(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} och ${names[names.length - 1]}`;
}

/** "Chefsgrupp folkhälsa" → "chefsgrupp folkhälsa" inside a sentence; acronyms ("RSS-gruppen") keep their case. */
function midSentence(name: string): string {
  return /^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}
