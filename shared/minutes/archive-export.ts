import type { Body, Meeting } from '../domain';
import type { MinutesModel, MinutesPerson } from './minutes-model';

/**
 * A body's archive (for e-arkiv delivery and the registrator): every justerad protokoll as PDF/A, and the
 * decision register and attendance as CSV and JSON, all taken from the final versions' stored models —
 * exactly what was justerat, never today's data. Meetings without final minutes are listed as left out.
 * Pure: the route renders the PDFs and packs the files.
 */
export interface ArchivedMeeting {
  meeting: Pick<Meeting, 'id' | 'startsAt' | 'title'>;
  /** The final (justerad) version, or null when the minutes are not justerade yet. */
  final: { number: number; contentHash: string; lockedAt: string | null; model: MinutesModel } | null;
}

export interface DecisionRow {
  meetingDate: string;
  meetingId: string;
  minutesTitle: string;
  minutesVersion: number;
  itemNumber: number;
  itemTitle: string;
  decision: string;
  postponed: boolean;
  vote: string;
  reservations: string;
  contentHash: string;
}

export interface AttendanceRow {
  meetingDate: string;
  meetingId: string;
  body: string;
  group: string;
  name: string;
  affiliation: string;
  state: string;
  replaces: string;
  partial: string;
  minutesVersion: number;
}

export interface ArchiveManifest {
  body: { id: string; name: string };
  generatedAt: string;
  included: { meetingId: string; date: string; title: string; version: number; contentHash: string; lockedAt: string | null; file: string }[];
  leftOut: { meetingId: string; date: string; title: string | null; reason: string }[];
  files: string[];
}

const STATE: Record<MinutesPerson['state'], string> = { present: 'deltog', förhinder: 'meddelat förhinder', absent: 'frånvarande', expected: 'ej noterad', vacant: 'vakant' };

/** "2024-09-20 Protokoll version 3.pdf": sortable, and safe in a zip on any system. */
export function archiveFileName(m: MinutesModel, version: number): string {
  const name = `${m.header.date} ${m.header.documentKindLabel} version ${version}.pdf`;
  return `protokoll/${name.replace(/[\\/:*?"<>|]/g, '_')}`;
}

export function decisionRows(meetings: readonly ArchivedMeeting[]): DecisionRow[] {
  return meetings.flatMap(({ meeting, final }) =>
    final
      ? final.model.items.flatMap((item) =>
          item.decisions.map((d) => ({
            meetingDate: final.model.header.date,
            meetingId: meeting.id,
            minutesTitle: final.model.header.title,
            minutesVersion: final.number,
            itemNumber: item.number,
            itemTitle: item.title,
            decision: d.text,
            postponed: d.postponed,
            vote: d.vote?.line ?? '',
            reservations: d.reservations.join('; '),
            contentHash: final.contentHash,
          })),
        )
      : [],
  );
}

export function attendanceRows(meetings: readonly ArchivedMeeting[]): AttendanceRow[] {
  const rows: AttendanceRow[] = [];
  for (const { meeting, final } of meetings) {
    if (!final) continue;
    const m = final.model;
    const base = { meetingDate: m.header.date, meetingId: meeting.id, minutesVersion: final.number };
    // A protokoll names its chair only in the header: one row for the chair, so the chair is counted too.
    if (m.header.chair) rows.push({ ...base, body: '', group: 'Ordförande', name: m.header.chair.split(', ')[0]!, affiliation: m.header.chair.split(', ').slice(1).join(', '), state: 'deltog', replaces: '', partial: '' });
    const add = (body: string, group: string, p: MinutesPerson): void => {
      rows.push({ ...base, body, group, name: p.name, affiliation: p.affiliation ?? '', state: STATE[p.state], replaces: p.replaces ?? '', partial: p.partial ?? '' });
    };
    for (const b of m.attendance.bodies) for (const g of b.groups) for (const p of g.people) add(b.bodyName, g.label, p);
    for (const g of m.attendance.common) for (const p of g.people) add('', g.label, p);
  }
  return rows;
}

export function archiveManifest(body: Pick<Body, 'id' | 'name'>, meetings: readonly ArchivedMeeting[], generatedAt: string, files: string[]): ArchiveManifest {
  return {
    body: { id: body.id, name: body.name },
    generatedAt,
    included: meetings.flatMap(({ meeting, final }) =>
      final ? [{ meetingId: meeting.id, date: final.model.header.date, title: final.model.header.title, version: final.number, contentHash: final.contentHash, lockedAt: final.lockedAt, file: archiveFileName(final.model, final.number) }] : [],
    ),
    leftOut: meetings.filter((x) => !x.final).map(({ meeting }) => ({ meetingId: meeting.id, date: meeting.startsAt.slice(0, 10), title: meeting.title ?? null, reason: 'protokollet är inte justerat / the minutes are not justerade' })),
    files,
  };
}

/**
 * RFC 4180 CSV with a header row, every field quoted, CRLF line ends and a UTF-8 byte-order mark (so
 * Excel opens å, ä and ö right). A leading =, +, - or @ is prefixed with ' so no cell runs as a formula.
 */
export function toCsv<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const cell = (v: unknown): string => {
    let s = v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'ja' : 'nej') : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return `"${s.replace(/"/g, '""')}"`;
  };
  const lines = [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export const DECISION_COLUMNS: readonly (keyof DecisionRow)[] = ['meetingDate', 'meetingId', 'minutesTitle', 'minutesVersion', 'itemNumber', 'itemTitle', 'decision', 'postponed', 'vote', 'reservations', 'contentHash'];
export const ATTENDANCE_COLUMNS: readonly (keyof AttendanceRow)[] = ['meetingDate', 'meetingId', 'body', 'group', 'name', 'affiliation', 'state', 'replaces', 'partial', 'minutesVersion'];
