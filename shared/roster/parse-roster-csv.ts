import type { MembershipRole } from '../domain';
import { RadslagError } from '../errors/catalog';
import { fold } from './fold';
import { recognizeOrganisation, type ExtraOrganisation } from './organisations';
import { isNameLike } from './person-line';
import { primaryRole, type RosterEntry, type RosterMark, type RosterParseResult, type RosterWarning, type UnreadLine } from './types';

/**
 * CSV rosters: a header row naming the columns (English or Swedish), comma or semicolon separated
 * (Swedish Excel writes semicolons), fields quoted with "…" when they contain the separator. A bad row
 * is reported with its line and reason and left out; it never becomes a guess.
 */
export type CsvColumn = 'name' | 'organisation' | 'role' | 'email' | 'order' | 'title' | 'mark' | 'replaces';

const COLUMN_NAMES: Record<string, CsvColumn> = {
  name: 'name',
  namn: 'name',
  organisation: 'organisation',
  organization: 'organisation',
  org: 'organisation',
  role: 'role',
  roll: 'role',
  email: 'email',
  'e mail': 'email',
  'e post': 'email',
  epost: 'email',
  mail: 'email',
  order: 'order',
  ordning: 'order',
  title: 'title',
  titel: 'title',
  mark: 'mark',
  attendance: 'mark',
  narvaro: 'mark',
  replaces: 'replaces',
  ersatter: 'replaces',
};

const ROLE_VALUES: Record<string, MembershipRole> = {
  ordforande: 'ordförande',
  chair: 'ordförande',
  'vice ordforande': 'vice_ordförande',
  vice_ordforande: 'vice_ordförande',
  'vice chair': 'vice_ordförande',
  ledamot: 'ledamot',
  ledamoter: 'ledamot',
  member: 'ledamot',
  ersattare: 'ersättare',
  substitute: 'ersättare',
  sekreterare: 'sekreterare',
  secretary: 'sekreterare',
  tjansteperson: 'tjänsteperson',
  tjanstepersoner: 'tjänsteperson',
  official: 'tjänsteperson',
  adjungerad: 'adjungerad',
  adjungerade: 'adjungerad',
  'co opted': 'adjungerad',
  ovrig: 'övrig',
  ovriga: 'övrig',
  other: 'övrig',
};

const MARK_VALUES: Record<string, RosterMark> = {
  '✓': 'present',
  '✔': 'present',
  x: 'present',
  ja: 'present',
  yes: 'present',
  deltog: 'present',
  narvarande: 'present',
  present: 'present',
  forhinder: 'förhinder',
  'meddelat forhinder': 'förhinder',
  absent: 'absent',
  franvarande: 'absent',
  '': 'none',
};

const EMAIL = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

/** Split one CSV record (RFC 4180 quoting; "" inside quotes is a quote). */
export function splitCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === sep) {
      out.push(field.trim());
      field = '';
    } else field += c;
  }
  out.push(field.trim());
  return out;
}

/** Records with their starting line numbers; a quoted field may span lines. */
function records(text: string): { lineNo: number; text: string }[] {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const out: { lineNo: number; text: string }[] = [];
  let pending: { lineNo: number; text: string } | null = null;
  lines.forEach((l, i) => {
    const cur: { lineNo: number; text: string } = pending ? { lineNo: pending.lineNo, text: `${pending.text}\n${l}` } : { lineNo: i + 1, text: l };
    const quotes = (cur.text.match(/"/g) ?? []).length;
    if (quotes % 2 === 1) pending = cur;
    else {
      pending = null;
      out.push(cur);
    }
  });
  if (pending) out.push(pending);
  return out;
}

function detectSeparator(header: string): string {
  const count = (c: string) => header.split(c).length - 1;
  const candidates: [string, number][] = [
    [';', count(';')],
    [',', count(',')],
    ['\t', count('\t')],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ',';
}

export interface ParseRosterCsvOptions {
  organisations?: readonly ExtraOrganisation[];
  /** Role for rows with an empty role cell. */
  defaultRole?: MembershipRole;
}

export function parseRosterCsv(text: string, options: ParseRosterCsvOptions = {}): RosterParseResult {
  const extra = options.organisations ?? [];
  const defaultRole = options.defaultRole ?? 'ledamot';
  const rows = records(text).filter((r) => r.text.trim() !== '');
  const headerRow = rows[0];
  if (!headerRow) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'CSV-filen är tom', detailEn: 'the CSV file is empty' });
  const sep = detectSeparator(headerRow.text);
  const headerCells = splitCsvLine(headerRow.text, sep);
  const columns = headerCells.map((h) => COLUMN_NAMES[fold(h)] ?? null);
  if (!columns.includes('name')) {
    throw new RadslagError('VALIDATION_FAILED', {
      detailSv: `CSV-filen saknar kolumnen "namn" i rubrikraden: ${headerCells.join(', ')}`,
      detailEn: `the CSV header has no "name" column: ${headerCells.join(', ')}`,
    });
  }

  const entries: RosterEntry[] = [];
  const unreadLines: UnreadLine[] = [];
  const warnings: RosterWarning[] = [];
  const bad = (r: { lineNo: number; text: string }, code: UnreadLine['code'], sv: string, en: string) =>
    unreadLines.push({ lineNo: r.lineNo, text: r.text, code, reason: sv, reasonEn: en });

  for (const r of rows.slice(1)) {
    const cells = splitCsvLine(r.text, sep);
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => c !== '')) {
      bad(r, 'column_count', `Raden har ${cells.length} fält men rubriken ${columns.length}.`, `The row has ${cells.length} fields but the header ${columns.length}.`);
      continue;
    }
    const get = (c: CsvColumn) => {
      const i = columns.indexOf(c);
      return i >= 0 ? (cells[i] ?? '').trim() : '';
    };
    const name = get('name');
    const vacancy = /^(vakant|vakans|vacant)$/i.test(name);
    if (!name) {
      bad(r, 'empty_name', 'Namnet saknas.', 'The name is missing.');
      continue;
    }
    if (!vacancy && !isNameLike(name)) {
      bad(r, 'not_a_person', `"${name}" ser inte ut som för- och efternamn.`, `"${name}" does not look like a first and last name.`);
      continue;
    }
    const roleText = get('role');
    const role = roleText ? ROLE_VALUES[fold(roleText).replace(/_/g, ' ')] ?? ROLE_VALUES[fold(roleText)] : defaultRole;
    if (!role) {
      bad(r, 'bad_role', `Okänd roll "${roleText}" (ledamot, ersättare, ordförande, …).`, `Unknown role "${roleText}" (ledamot, ersättare, ordförande, …).`);
      continue;
    }
    const email = get('email');
    if (email && !EMAIL.test(email)) {
      bad(r, 'bad_email', `Ogiltig e-postadress "${email}".`, `Invalid e-mail address "${email}".`);
      continue;
    }
    const orderText = get('order');
    if (orderText && !/^[1-9]\d{0,2}$/.test(orderText)) {
      bad(r, 'bad_order', `Ordningen "${orderText}" ska vara ett heltal från 1.`, `The order "${orderText}" must be a whole number from 1.`);
      continue;
    }
    const markText = get('mark');
    const mark = MARK_VALUES[fold(markText)] ?? MARK_VALUES[markText];
    if (mark === undefined) {
      bad(r, 'bad_mark', `Okänd närvaromarkering "${markText}".`, `Unknown attendance mark "${markText}".`);
      continue;
    }
    const orgText = get('organisation');
    const known = orgText ? recognizeOrganisation(orgText, extra) : null;
    if (orgText && !known) {
      warnings.push({
        lineNo: r.lineNo,
        code: 'unknown_organisation',
        sv: `Organisationen "${orgText}" är okänd och skapas om listan används.`,
        en: `The organisation "${orgText}" is unknown and will be created if the list is used.`,
      });
    }
    const replaces = get('replaces').replace(/^ersätter\s+/i, '');
    const title = get('title');
    const entry: RosterEntry = {
      lineNo: r.lineNo,
      alsoOnLines: [],
      raw: r.text,
      name: vacancy ? 'Vakant' : name,
      ...(orgText ? { organisationName: known ? known.name : orgText } : {}),
      organisationKnown: Boolean(known),
      ...(known && known.written !== known.name ? { organisationWritten: known.written } : {}),
      ...(title ? { title } : {}),
      role: primaryRole([role], defaultRole),
      roles: [role],
      justerare: false,
      mark,
      ...(replaces ? { replacesName: replaces } : {}),
      partOfMeeting: false,
      vacancy,
      ...(email ? { email } : {}),
      ...(orderText ? { substituteOrder: Number(orderText) } : {}),
    };
    entries.push(entry);
  }
  return { bodies: [{ entries }], entries, unreadLines, warnings, readAs: { kind: 'csv', blocks: [] } };
}
