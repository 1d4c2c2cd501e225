import type { MembershipRole } from '../domain';
import { extractRosterBlocks, looksLikeDocument, type RosterBlockLine } from './extract-roster-block';
import { fold } from './fold';
import type { ExtraOrganisation } from './organisations';
import { addContinuation, isNameLike, parsePersonLine, resolveFields, type LineParts } from './person-line';
import { findPageFurniture } from './page-furniture';
import { parseBodyHeading, parseSectionHeader, type SectionHeader } from './sections';
import { pairColumnBlocks } from './column-blocks';
import {
  primaryRole,
  type RosterBody,
  type RosterEntry,
  type RosterMark,
  type RosterNoticeCode,
  type RosterParseResult,
  type RosterWarning,
  type UnreadLine,
} from './types';
import { recognizeOrganisation } from './organisations';

export interface ParseRosterOptions {
  /**
   * 'list': every line is part of the roster (a pasted list); 'document': find the roster block(s) first
   * (a whole protocol); 'auto' (default): 'document' when the text has agenda items or page footers.
   */
  mode?: 'auto' | 'list' | 'document';
  /** Role for people under a header that names no role ("Närvarande:") or under no header. */
  defaultRole?: MembershipRole;
  /** The bodies' names, recognised as headings of a joint meeting's list. */
  bodyNames?: readonly string[];
  /** The tenant's organisations (with aliases), recognised besides the built-in dictionary. */
  organisations?: readonly ExtraOrganisation[];
}

const UNREAD_TEXT: Partial<Record<RosterNoticeCode, { sv: string; en: string }>> = {
  not_a_person: { sv: 'Raden ser inte ut som ett namn.', en: 'The line does not look like a name.' },
  single_word: { sv: 'Bara ett ord: ange för- och efternamn.', en: 'Only one word: give first and last name.' },
  organisation_only: { sv: 'Raden är en organisation, inte en person.', en: 'The line is an organisation, not a person.' },
  empty_name: { sv: 'Namnet saknas.', en: 'The name is missing.' },
};

interface Draft {
  lineNo: number;
  raw: string;
  parts: LineParts;
  header: SectionHeader | null;
  alsoOnLines: number[];
  extraRoles: MembershipRole[];
  extraJusterare: boolean;
  mark: RosterMark;
}

interface Group {
  heading?: string;
  drafts: Draft[];
  sawLedamoter: boolean;
}

const MARK_STRENGTH: Record<RosterMark, number> = { none: 0, present: 1, absent: 1, förhinder: 1 };

function isContinuationLine(line: string, extra: readonly ExtraOrganisation[]): boolean {
  const t = line.trim().replace(/^[-•*–]\s+/, '');
  if (!t || parseSectionHeader(t)) return false;
  if (/^\p{Ll}/u.test(t)) return true;
  if (recognizeOrganisation(t, extra)) return true;
  // A capitalised department ("Hälsa- och sjukvårdsstaben", "Regional utveckling"): several words, some in
  // lower case, no digits. A lone word ("Ingmar") or an address ("Box 1613") is reported instead.
  const head = t.split(/[,\t]/)[0]!.trim();
  if (/\d/.test(t) || !/\s\p{Ll}/u.test(t)) return false;
  return !isNameLike(head) && !/^(vakant|vakans)\b/i.test(t) && !parsePersonLine(t, extra).ok;
}

export function parseRoster(text: string, options: ParseRosterOptions = {}): RosterParseResult {
  const extra = options.organisations ?? [];
  const defaultRole = options.defaultRole ?? 'ledamot';
  const mode = options.mode ?? 'auto';
  const blocks = mode === 'list' ? [] : extractRosterBlocks(text, { bodyNames: options.bodyNames ?? [] });
  // 'auto': a text with footers or agenda items but no list header is still read as a pasted list,
  // so its lines are shown (as people or as unread lines) rather than silently ignored.
  const useBlocks = mode === 'document' || (mode === 'auto' && blocks.length > 0 && looksLikeDocument(text));
  const lines: RosterBlockLine[] = useBlocks
    ? blocks.flatMap((b, i, all) =>
        // A blank line between blocks closes any open name.
        i < all.length - 1 ? [...b.lines, { lineNo: b.endLine, text: '' }] : b.lines,
      )
    : text.replace(/\r\n?/g, '\n').split('\n').map((t, i) => ({ lineNo: i + 1, text: t }));
  const warnings: RosterWarning[] = [];
  // Letterheads, footers and page numbers repeated on every page are not people: skipped and reported.
  const furniture = findPageFurniture(text.replace(/\r\n?/g, '\n').split('\n'), options.bodyNames ?? []);
  const read = lines.filter((l) => l.text.trim()).map((l) => l.lineNo);
  const [firstRead, lastRead] = [Math.min(...read), Math.max(...read)];
  for (const run of furniture.runs) {
    if (run.endLine < firstRead || run.startLine > lastRead) continue;
    const where = run.startLine === run.endLine ? `Rad ${run.startLine}` : `Raderna ${run.startLine}–${run.endLine}`;
    const whereEn = run.startLine === run.endLine ? `Line ${run.startLine}` : `Lines ${run.startLine}–${run.endLine}`;
    const what = { letterhead: ['sidhuvud', 'the page letterhead'], footer: ['sidfot', 'the page footer'], page_number: ['sidnummer', 'a page number'] }[run.kind];
    warnings.push({ lineNo: run.startLine, code: 'page_furniture', sv: `${where} är ${what[0]} och lästes inte som personer.`, en: `${whereEn}: ${what[1]}, not read as people.` });
  }
  const listLines = pairColumnBlocks(
    lines.map((l) => (furniture.lines.has(l.lineNo - 1) ? { ...l, text: '' } : { ...l, text: l.text.replace(/\f/g, '') })),
    options.organisations ?? [],
    warnings,
  );

  const unreadLines: UnreadLine[] = [];
  if (useBlocks && lines.length === 0) {
    warnings.push({ code: 'no_roster_found', sv: 'Ingen närvarolista hittades i texten.', en: 'No attendance list was found in the text.' });
  }

  const groups: Group[] = [{ drafts: [], sawLedamoter: false }];
  let header: SectionHeader | null = null;
  let open: Draft | null = null;

  for (const { lineNo, text: line, paired } of listLines) {
    const t = line.trim();
    const group = groups[groups.length - 1]!;
    if (!t) {
      open = null;
      continue;
    }
    const heading = parseBodyHeading(t, options.bodyNames ?? []);
    if (heading && !parsePersonLine(t, extra).ok) {
      if (group.drafts.length || group.heading) groups.push({ heading, drafts: [], sawLedamoter: false });
      else group.heading = heading;
      header = null;
      open = null;
      continue;
    }
    const h = parseSectionHeader(t);
    if (h) {
      // "Ledamöter:" a second time without a body heading: the next body of a joint meeting.
      if (h.role === 'ledamot' && group.sawLedamoter) groups.push({ drafts: [], sawLedamoter: true });
      else if (h.role === 'ledamot') group.sawLedamoter = true;
      header = h;
      open = null;
      continue;
    }
    if (open && isContinuationLine(t, extra)) {
      addContinuation(open.parts, t);
      continue;
    }
    const parsed = parsePersonLine(t, extra);
    if (!parsed.ok) {
      const msg = UNREAD_TEXT[parsed.code] ?? UNREAD_TEXT.not_a_person!;
      unreadLines.push({ lineNo, text: line, code: parsed.code, reason: msg.sv, reasonEn: msg.en });
      open = null;
      continue;
    }
    const draft: Draft = {
      lineNo,
      raw: line,
      parts: parsed.parts,
      header,
      alsoOnLines: [],
      extraRoles: [],
      extraJusterare: false,
      mark: 'none',
    };
    for (const cell of paired ?? []) addContinuation(draft.parts, cell);
    groups[groups.length - 1]!.drafts.push(draft);
    open = paired ? null : draft;
  }

  // A joint protokoll's list often parts its councils only by a second "Ledamöter:"; the document names
  // them, in the same order, in its letterhead and title above the list.
  const named = groups.filter((g) => g.drafts.length || g.heading);
  if (named.length > 1 && named.every((g) => !g.heading)) {
    const above = text.replace(/\r\n?/g, '\n').split('\n').slice(0, Math.max(0, firstRead - 1));
    const names = bodyNamesAbove(above, options.bodyNames ?? []);
    if (names.length === named.length) named.forEach((g, i) => (g.heading = names[i]));
  }
  const bodies: RosterBody[] = named.map((g) => ({ ...(g.heading ? { heading: g.heading } : {}), entries: finishGroup(g, defaultRole, extra, warnings) }));
  return {
    bodies,
    entries: bodies.flatMap((b) => b.entries),
    unreadLines,
    warnings,
    readAs: { kind: useBlocks ? 'document' : 'list', blocks: useBlocks ? blocks.map((b) => ({ startLine: b.startLine, endLine: b.endLine })) : [] },
  };
}

/** The bodies a document names above its list, in order, each once ("…samt vård" / "och omsorg" joined). */
function bodyNamesAbove(lines: readonly string[], bodyNames: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let t = lines[i]!.replace(/\f/g, '').trim();
    if (!parseBodyHeading(t, bodyNames)) continue;
    while (i + 1 < lines.length && /^\p{Ll}/u.test(lines[i + 1]!.trim())) t = `${t} ${lines[++i]!.trim()}`;
    const heading = parseBodyHeading(t, bodyNames);
    if (heading && !out.some((o) => fold(o) === fold(heading))) out.push(heading);
  }
  return out;
}

function rolesOf(d: Draft): MembershipRole[] {
  const sectionRole = d.header?.role ?? null;
  const inline = d.parts.roles;
  // An inline role ("…, ordförande") adds to a role section and stands alone under "Närvarande:".
  if (sectionRole) return [...new Set([sectionRole, ...inline])];
  return [...inline];
}

function toEntry(d: Draft, extra: readonly ExtraOrganisation[], warnings: RosterWarning[], heading?: string): RosterEntry {
  const resolved = resolveFields(d.parts.fields, extra);
  const org = resolved.organisation;
  let organisationName: string | undefined;
  let organisationKnown = false;
  let organisationWritten: string | undefined;
  if (org) {
    organisationName = org.name;
    organisationKnown = !('unknown' in org);
    if (org.written !== org.name) organisationWritten = org.written;
    if ('via' in org && org.via === 'typo') {
      warnings.push({
        lineNo: d.lineNo,
        code: 'typo_organisation',
        sv: `"${org.written}" tolkades som ${org.name}.`,
        en: `"${org.written}" was read as ${org.name}.`,
      });
    }
    if ('unknown' in org) {
      warnings.push({
        lineNo: d.lineNo,
        code: 'unknown_organisation',
        sv: `Organisationen "${org.name}" är okänd och skapas om listan används.`,
        en: `The organisation "${org.name}" is unknown and will be created if the list is used.`,
      });
    }
  }
  const mark = d.parts.mark !== 'none' ? d.parts.mark : (d.header?.mark ?? 'none');
  const roles = rolesOf(d);
  const entry: RosterEntry = {
    lineNo: d.lineNo,
    alsoOnLines: [],
    raw: d.raw,
    name: d.parts.name,
    ...(organisationName ? { organisationName } : {}),
    organisationKnown,
    ...(organisationWritten ? { organisationWritten } : {}),
    ...(resolved.title ? { title: resolved.title } : {}),
    // Set from `roles` once duplicates are merged (finishGroup).
    role: 'ledamot',
    roles,
    justerare: d.parts.justerare || Boolean(d.header?.justerare),
    mark,
    ...(d.parts.replacesName ? { replacesName: d.parts.replacesName } : {}),
    ...(d.parts.itemRange ? { itemRange: d.parts.itemRange } : {}),
    partOfMeeting: d.parts.partOfMeeting,
    vacancy: d.parts.vacancy,
    ...(d.parts.email ? { email: d.parts.email } : {}),
    ...(heading ? { bodyHeading: heading } : {}),
  };
  return entry;
}

function finishGroup(g: Group, defaultRole: MembershipRole, extra: readonly ExtraOrganisation[], warnings: RosterWarning[]): RosterEntry[] {
  const out: RosterEntry[] = [];
  for (const d of g.drafts) {
    const e = toEntry(d, extra, warnings, g.heading);
    const same = e.vacancy ? undefined : out.find((o) => !o.vacancy && fold(o.name) === fold(e.name));
    if (same && same.organisationName && e.organisationName && same.organisationName !== e.organisationName) {
      warnings.push({
        lineNo: e.lineNo,
        code: 'same_name_other_organisation',
        sv: `${e.name} står två gånger med olika organisationer (${same.organisationName}, ${e.organisationName}); båda behålls.`,
        en: `${e.name} is listed twice with different organisations (${same.organisationName}, ${e.organisationName}); both are kept.`,
      });
      out.push(e);
    } else if (same) {
      // Listed first only as justerare ("Justerare: Siw Lunander"), the person's place in the list is
      // where their seat is written (under "Ledamöter:"): the order the minutes keep.
      const moveToSeat = same.roles.length === 0 && e.roles.length > 0;
      mergeInto(same, e, warnings);
      if (moveToSeat) {
        out.splice(out.indexOf(same), 1);
        out.push(same);
      }
    } else {
      out.push(e);
    }
  }
  const orderByOrg = new Map<string, number>();
  for (const e of out) {
    if (e.roles.length === 0) {
      e.roles = [defaultRole];
      if (e.justerare) {
        warnings.push({
          lineNo: e.lineNo,
          code: 'justerare_only',
          sv: `${e.name} står bara som justerare; tolkas som ${defaultRole}.`,
          en: `${e.name} is listed only as justerare; read as ${defaultRole}.`,
        });
      }
    }
    e.role = primaryRole(e.roles, defaultRole);
    // Only an ersättare seat has a call-in order (a chair also listed under Ersättare keeps the chair's seat).
    if (e.role === 'ersättare' && e.organisationName) {
      const n = (orderByOrg.get(e.organisationName) ?? 0) + 1;
      orderByOrg.set(e.organisationName, n);
      e.substituteOrder = n;
    }
  }
  return out;
}

/** The same person listed twice in one body: one entry, roles and facts merged. */
function mergeInto(into: RosterEntry, e: RosterEntry, warnings: RosterWarning[]): void {
  into.alsoOnLines.push(e.lineNo);
  into.roles = [...new Set([...into.roles, ...e.roles])];
  into.justerare ||= e.justerare;
  if (into.mark !== e.mark && MARK_STRENGTH[e.mark] > 0) {
    if (MARK_STRENGTH[into.mark] > 0) {
      warnings.push({
        lineNo: e.lineNo,
        code: 'conflicting_marks',
        sv: `${e.name} har olika markeringar på rad ${into.lineNo} och ${e.lineNo}; den första gäller.`,
        en: `${e.name} has different marks on lines ${into.lineNo} and ${e.lineNo}; the first one applies.`,
      });
    } else {
      into.mark = e.mark;
    }
  }
  if (!into.organisationName && e.organisationName) {
    into.organisationName = e.organisationName;
    into.organisationKnown = e.organisationKnown;
    if (e.organisationWritten) into.organisationWritten = e.organisationWritten;
  }
  into.title ??= e.title;
  into.email ??= e.email;
  into.replacesName ??= e.replacesName;
  into.itemRange ??= e.itemRange;
  into.partOfMeeting ||= e.partOfMeeting;
  for (const k of ['title', 'email', 'replacesName', 'itemRange'] as const) if (into[k] === undefined) delete into[k];
}
