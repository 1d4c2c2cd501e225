/**
 * Times of day in folded text — the gap chrono's Swedish parser leaves ("kl 10.30", "halv tio", "måste gå 11").
 * Each mention carries its role: when the person arrives, when they leave, or just a time (which meeting).
 */
export type ClockRole = 'arrive' | 'leave' | 'neutral';

export interface ClockMention {
  start: number;
  end: number;
  hour: number;
  minute: number;
  role: ClockRole;
}

const HOUR_WORDS: Record<string, number> = {
  ett: 1, en: 1, tva: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, atta: 8, nio: 9, tio: 10, elva: 11, tolv: 12,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const HOUR_WORD = Object.keys(HOUR_WORDS).join('|');
const HOUR = `(\\d{1,2}|${HOUR_WORD})`;

function hourValue(token: string): number {
  return /^\d+$/.test(token) ? Number(token) : (HOUR_WORDS[token] ?? NaN);
}

/** Meetings are held in the daytime: "går 3" means 15.00, not 03.00. */
function daytime(hour: number): number {
  return hour >= 1 && hour <= 6 ? hour + 12 : hour;
}

interface Pattern {
  re: RegExp;
  read: (m: RegExpExecArray) => { hour: number; minute: number } | null;
  /** The match starts with a verb; the time itself is only the number at its end. */
  anchored?: boolean;
}

const PREFIX = '(?:(?:vid|runt|ca\\.?|cirka|omkring|ungefar|at|around|about|by)\\s+)*';

const PATTERNS: Pattern[] = [
  { re: new RegExp(`\\bhalv\\s+${HOUR}\\b`, 'g'), read: (m) => ({ hour: daytime(hourValue(m[1]!)) - 1, minute: 30 }) },
  { re: new RegExp(`\\bkvart\\s+over\\s+${HOUR}\\b`, 'g'), read: (m) => ({ hour: daytime(hourValue(m[1]!)), minute: 15 }) },
  { re: new RegExp(`\\bkvart\\s+i\\s+${HOUR}\\b`, 'g'), read: (m) => ({ hour: daytime(hourValue(m[1]!)) - 1, minute: 45 }) },
  { re: new RegExp(`\\bhalf\\s+past\\s+${HOUR}\\b`, 'g'), read: (m) => ({ hour: daytime(hourValue(m[1]!)), minute: 30 }) },
  { re: new RegExp(`\\bquarter\\s+past\\s+${HOUR}\\b`, 'g'), read: (m) => ({ hour: daytime(hourValue(m[1]!)), minute: 15 }) },
  { re: new RegExp(`\\bquarter\\s+to\\s+${HOUR}\\b`, 'g'), read: (m) => ({ hour: daytime(hourValue(m[1]!)) - 1, minute: 45 }) },
  {
    re: /\b(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?![a-z])/g,
    read: (m) => {
      const h = Number(m[1]) % 12;
      return { hour: m[3]!.startsWith('p') ? h + 12 : h, minute: Number(m[2] ?? 0) };
    },
  },
  { re: /\b(?:kl\.?|klockan)\s*(\d{1,2})(?:[.:](\d{2}))?(?![\d/])/g, read: (m) => ({ hour: daytime(Number(m[1])), minute: Number(m[2] ?? 0) }) },
  { re: /(?<![\d/.:-])(\d{1,2})[.:](\d{2})(?![\d]|[./-]\d)/g, read: (m) => ({ hour: daytime(Number(m[1])), minute: Number(m[2]) }) },
  // A bare hour only right after a verb of leaving or arriving ("måste gå 11", "ansluter 10").
  {
    re: new RegExp(`\\b(?:maste\\s+ga|gar|ga|lamnar|lamna|avviker|ansluter|kommer|leave|leaving|arrive|arriving|join|joining)\\s+${PREFIX}(\\d{1,2})(?![\\d/.:-])`, 'g'),
    read: (m) => ({ hour: daytime(Number(m[1])), minute: 0 }),
    anchored: true,
  },
];

const ARRIVE_WORDS = /\b(ansluter|ansluta|ansluts|ansluter\s+till|kommer|komma|ar\s+dar|ar\s+pa\s+plats|ar\s+med|dyker\s+upp|forst|sen|sent|senare|arrive|arriving|join|joining|be\s+there|there|late|later)\b/g;
const LEAVE_WORDS = /\b(maste\s+ga|gar|ga|lamnar|lamna|avviker|avvika|leave|leaving|go|have\s+to\s+go|must\s+go)\b/g;

function lastIndex(re: RegExp, text: string): number {
  let last = -1;
  for (const m of text.matchAll(re)) last = m.index;
  return last;
}

function roleFor(folded: string, start: number): ClockRole {
  // "kl." and "ca." are abbreviations, not sentence ends.
  const before = folded.slice(0, start).replace(/\b(kl|ca|p)\./g, '$1 ');
  // Immediately before the time: "fram till kl 11" leaves, "från 10.30" arrives.
  if (/\b(?:till|until)\s+(?:kl\s*|klockan\s+)?$/.test(before)) return 'leave';
  if (/\b(?:fran|from|efter|after)\s+(?:kl\s*|klockan\s+)?$/.test(before)) return 'arrive';
  // Otherwise the last arriving/leaving word in the same clause.
  const clauseStart = Math.max(...['.', ',', ';', '!', '?', ' men ', ' but '].map((sep) => before.lastIndexOf(sep)));
  const clause = before.slice(clauseStart + 1);
  const arrive = lastIndex(ARRIVE_WORDS, clause);
  const leave = lastIndex(LEAVE_WORDS, clause);
  if (arrive < 0 && leave < 0) return 'neutral';
  // "kan inte komma kl 13" names the meeting's time, not an arrival.
  if (/\b(inte|ej|int|icke|not|cannot|cant|can't|won't|wont)\b/.test(clause)) return 'neutral';
  return leave > arrive ? 'leave' : 'arrive';
}

export function findClockTimes(folded: string): ClockMention[] {
  const found: ClockMention[] = [];
  for (const pattern of PATTERNS) {
    for (const m of folded.matchAll(pattern.re)) {
      const value = pattern.read(m);
      if (!value || !Number.isFinite(value.hour) || value.hour < 0 || value.hour > 23 || value.minute > 59) continue;
      const start = pattern.anchored ? m.index + m[0].lastIndexOf(m[1] ?? '') : m.index;
      const end = m.index + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({ start, end, hour: value.hour, minute: value.minute, role: 'neutral' });
    }
  }
  found.sort((a, b) => a.start - b.start);
  return found.map((f) => ({ ...f, role: roleFor(folded, f.start) }));
}

/**
 * "kan bara första timmen", "missar första halvtimmen", "only the last hour": a part of the meeting named by
 * its length from the start or the end. `minutes: 'half'` is half the meeting. `sense` says whether the person
 * is there for that part (attend) or away for it (miss).
 */
export interface HourLimit {
  start: number;
  end: number;
  which: 'first' | 'last';
  minutes: number | 'half';
  sense: 'attend' | 'miss';
}

const LENGTHS: Record<string, number | 'half'> = {
  timmen: 60, timme: 60, halvtimmen: 30, halvtimme: 30, halvan: 'half', 'tva timmarna': 120, 'tva timmar': 120,
  hour: 60, 'half hour': 30, 'half-hour': 30, half: 'half', 'two hours': 120,
};

export function findHourLimit(folded: string): HourLimit | null {
  const m = /\b(?:(?:den|de|the)\s+)?(forsta|sista|first|last)\s+(tva\s+timmarna|tva\s+timmar|halvtimmen|halvtimme|timmen|timme|halvan|half[-\s]hour|two\s+hours|hour|half)\b/.exec(folded);
  if (!m) return null;
  const minutes = LENGTHS[m[2]!.replace(/\s+/g, ' ')];
  if (minutes === undefined) return null;
  const before = folded.slice(0, m.index);
  const clause = before.slice(Math.max(before.lastIndexOf('.'), before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(' men ')) + 1);
  const miss = /\b(?:missar|miss|missing|inte|ej|int|not|skip|skipping|borta|away|late|sen|efter|after)\b/.test(clause);
  return { start: m.index, end: m.index + m[0].length, which: m[1] === 'forsta' || m[1] === 'first' ? 'first' : 'last', minutes, sense: miss ? 'miss' : 'attend' };
}
