/** Plain-text tables for the terminal, Swedish headings by default and English with --lang en. */
export type Lang = 'sv' | 'en';

export function table(headers: string[], rows: (string | number | null | undefined)[][], maxWidth = 48): string {
  const cells = rows.map((r) => r.map((c) => clip(c === null || c === undefined ? '' : String(c), maxWidth)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

function clip(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

const ROLE: Record<string, [string, string]> = {
  ordförande: ['ordförande', 'chair'],
  vice_ordförande: ['vice ordförande', 'vice chair'],
  ledamot: ['ledamot', 'member'],
  ersättare: ['ersättare', 'substitute'],
  sekreterare: ['sekreterare', 'secretary'],
  tjänsteperson: ['tjänsteperson', 'official'],
  adjungerad: ['adjungerad', 'co-opted'],
  övrig: ['övrig', 'other'],
};
const MARK: Record<string, [string, string]> = {
  present: ['✓ deltog', '✓ present'],
  förhinder: ['struken: förhinder', 'struck: apologies'],
  absent: ['frånvarande', 'absent'],
  none: ['', ''],
};
const ACTION: Record<string, [string, string]> = {
  create: ['skapa', 'create'],
  update: ['komplettera', 'update'],
  keep: ['finns redan', 'exists'],
  confirm: ['BEKRÄFTA', 'CONFIRM'],
};
const STATE: Record<string, [string, string]> = {
  present: ['deltog', 'present'],
  förhinder: ['förhinder', 'apologies'],
  absent: ['frånvarande', 'absent'],
  expected: ['förväntad', 'expected'],
};
const VIA: Record<string, [string, string]> = {
  email: ['e-post', 'e-mail'],
  aadObjectId: ['Entra-id', 'Entra id'],
  name: ['namn', 'name'],
  none: ['', ''],
};

const pick = (map: Record<string, [string, string]>, key: string, lang: Lang) => map[key]?.[lang === 'en' ? 1 : 0] ?? key;
export const roleLabel = (r: string, lang: Lang) => pick(ROLE, r, lang);

const refKey = (ref: { kind: string; id?: string; key?: string } | null | undefined) => (!ref ? '' : ref.kind === 'existing' ? `existing:${ref.id}` : `new:${ref.key}`);

/** The import preview as the secretary reads it: what was understood, what could not be read, what would change. */
export function renderPreview(v: any, lang: Lang): string {
  const T = (sv: string, en: string) => (lang === 'en' ? en : sv);
  const out: string[] = [];
  const bodies = (v.bodies as { id: string; name: string }[]).map((b) => b.name).join(' + ');
  out.push(`${T('Import', 'Import')} ${v.id} (version ${v.version}, ${T('status', 'status')}: ${v.status}) — ${bodies}`);
  const readAs = v.understood.readAs as { kind: string; blocks: { startLine: number; endLine: number }[] } | undefined;
  if (readAs) {
    const kind = { list: T('lista', 'list'), document: T('dokument', 'document'), csv: 'CSV' }[readAs.kind] ?? readAs.kind;
    const blocks = readAs.blocks.map((b) => `${b.startLine}–${b.endLine}`).join(', ');
    out.push(`${T('Läst som', 'Read as')} ${kind}${blocks ? ` (${T('rader', 'lines')} ${blocks})` : ''}`);
  }
  (v.understood.bodies as any[]).forEach((body, i) => {
    out.push('', `${T('Förstått', 'Understood')}: ${v.bodies[i]?.name ?? body.heading ?? ''}`);
    out.push(
      table(
        [T('Rad', 'Line'), T('Namn', 'Name'), T('Roll', 'Role'), T('Organisation', 'Organisation'), T('Titel', 'Title'), T('Markering', 'Mark'), T('Noteringar', 'Notes')],
        body.entries.map((e: any) => [
          e.lineNo,
          e.vacancy ? T('Vakant', 'Vacant') : e.name,
          (e.roles as string[]).map((r) => roleLabel(r, lang)).join(', '),
          e.organisationName ?? '',
          e.title ?? '',
          pick(MARK, e.mark, lang),
          notes(e, lang).join('; '),
        ]),
      ),
    );
  });
  if (v.understood.unreadLines.length) {
    out.push('', T('Rader som inte kunde läsas', 'Lines that could not be read'));
    out.push(table([T('Rad', 'Line'), T('Text', 'Text'), T('Orsak', 'Reason')], v.understood.unreadLines.map((u: any) => [u.lineNo, u.text.trim(), lang === 'en' ? u.reasonEn : u.reason])));
  }
  const warnings = [...v.understood.warnings, ...v.plan.warnings];
  if (warnings.length) {
    out.push('', T('Varningar', 'Warnings'));
    for (const w of warnings) out.push(`  ${w.lineNo ? `${T('rad', 'line')} ${w.lineNo}: ` : ''}${lang === 'en' ? w.en : w.sv}`);
  }
  const plan = v.plan;
  const person = (ref: any) => v.names.people[refKey(ref)] ?? '';
  const org = (ref: any) => (ref ? (v.names.organisations[refKey(ref)] ?? '') : '');
  out.push('', T('Personer', 'People'));
  out.push(
    table(
      [T('Åtgärd', 'Action'), T('Namn', 'Name'), T('Organisation', 'Organisation'), T('Matchning', 'Match'), T('Kan vara', 'May be')],
      plan.people.map((p: any) => [
        pick(ACTION, p.action, lang),
        p.name,
        org(p.organisation),
        p.match.kind === 'none' ? '' : `${p.match.kind} (${pick(VIA, p.match.via, lang)}${p.match.score < 1 ? ` ${p.match.score.toFixed(2)}` : ''})`,
        p.suggestions.map((s: any) => `${s.name} ${s.score.toFixed(2)}`).join(', '),
      ]),
    ),
  );
  if (plan.organisations.create.length) {
    out.push('', `${T('Organisationer att skapa', 'Organisations to create')}: ${plan.organisations.create.map((o: any) => o.name).join(', ')}`);
  }
  const bodyName = (id: string) => v.bodies.find((b: any) => b.id === id)?.name ?? id;
  const seatRows = [
    ...plan.memberships.add.map((a: any) => [T('lägg till', 'add'), bodyName(a.bodyId), a.person ? person(a.person) : T('Vakant', 'Vacant'), roleLabel(a.role, lang), org(a.organisation), a.substituteOrder ?? '']),
    ...plan.memberships.update.map((u: any) => [T('ändra', 'change'), bodyName(u.bodyId), '', u.changes.map((c: any) => `${c.field}: ${c.from ?? '–'} → ${c.to ?? '–'}`).join('; '), '', '']),
    ...plan.memberships.remove.map((r: any) => [T('ta bort', 'remove'), bodyName(r.bodyId), r.personId ? person({ kind: 'existing', id: r.personId }) : T('Vakant', 'Vacant'), roleLabel(r.role, lang), '', '']),
  ];
  out.push('', `${T('Uppdrag', 'Seats')} (${T('oförändrade', 'unchanged')}: ${plan.memberships.unchanged.length})`);
  out.push(seatRows.length ? table([T('Åtgärd', 'Action'), T('Organ', 'Body'), T('Namn', 'Name'), T('Roll', 'Role'), T('Organisation', 'Organisation'), T('Ordning', 'Order')], seatRows) : T('  Inga ändringar.', '  No changes.'));
  if (v.options.asAttendanceOfMeetingId || v.options.createMeeting) {
    out.push('', T('Närvaro som sparas', 'Attendance to keep'));
    out.push(
      table(
        [T('Namn', 'Name'), T('Närvaro', 'Attendance'), T('Noteringar', 'Notes')],
        plan.attendance.map((a: any) => [
          person(a.person),
          pick(STATE, a.state, lang),
          [a.replacesName ? `${T('ersätter', 'replaces')} ${a.replacesName}` : '', a.itemRange ? `${T('punkt', 'items')} ${a.itemRange.from}–${a.itemRange.to}` : '', a.partOfMeeting ? T('del av mötet', 'part of the meeting') : '']
            .filter(Boolean)
            .join('; '),
        ]),
      ),
    );
  }
  const s = v.summary;
  out.push(
    '',
    T(
      `Sammanfattning: ${s.entries} rader lästa, ${s.unreadLines} olästa; personer: ${s.peopleToCreate} nya, ${s.peopleMatched} kända, ${s.needingConfirmation} att bekräfta; uppdrag: +${s.membershipsToAdd} ~${s.membershipsToUpdate} -${s.membershipsToRemove}.`,
      `Summary: ${s.entries} entries read, ${s.unreadLines} unread; people: ${s.peopleToCreate} new, ${s.peopleMatched} known, ${s.needingConfirmation} to confirm; seats: +${s.membershipsToAdd} ~${s.membershipsToUpdate} -${s.membershipsToRemove}.`,
    ),
  );
  return out.join('\n');
}

function notes(e: any, lang: Lang): string[] {
  const T = (sv: string, en: string) => (lang === 'en' ? en : sv);
  return [
    e.replacesName ? `${T('ersätter', 'replaces')} ${e.replacesName}` : '',
    e.itemRange ? `${T('punkt', 'items')} ${e.itemRange.from}–${e.itemRange.to}` : '',
    e.partOfMeeting ? T('del av mötet', 'part of the meeting') : '',
    e.justerare ? T('justerare', 'verifier') : '',
    e.substituteOrder ? `${T('ordning', 'order')} ${e.substituteOrder}` : '',
    e.organisationWritten ? `${T('skrivet', 'written')} "${e.organisationWritten}"` : '',
    e.alsoOnLines?.length ? `${T('även rad', 'also line')} ${e.alsoOnLines.join(', ')}` : '',
    e.email ?? '',
  ].filter(Boolean);
}
