/**
 * Builds the minutes model (minutes-model.ts) from the meeting's data: header, attendance
 * (minutes-attendance.ts), items with notes, decisions and votes, tasks, evaluation, upcoming dates and
 * justering.
 */
import type { ChairHandover, Decision, DocumentKind, Id, Person, VoteChoice } from '../domain';
import { RadslagError } from '../errors/catalog';
import { buildMinutesAttendance } from './minutes-attendance';
import {
  MINUTES_LEGEND,
  type JusteringMethod,
  type MinutesDecision,
  type MinutesEvaluation,
  type MinutesHeader,
  type MinutesInput,
  type MinutesItem,
  type MinutesLayout,
  type MinutesModel,
  type MinutesTask,
  type MinutesUpcomingDate,
  type MinutesVote,
} from './minutes-model';
import { minutesTitle } from './minutes-title';
import { parseNotes } from './note-blocks';
import { isCalendarDate, isoDateInZone, longSwedishDate, meetingTimeLine, yymmddInZone } from './swedish-time';

const invalid = (detail: string): RadslagError => new RadslagError('VALIDATION_FAILED', { detail });

function documentKindLabel(kind: DocumentKind): string {
  return kind === 'protokoll' ? 'Protokoll' : 'Minnesanteckningar';
}

const METHOD_TEXT: Record<JusteringMethod, string> = { teams: 'i Teams', email: 'via e-post', paper: 'på papper' };


/**
 * Builds the minutes from the meeting's data. Pure and deterministic: the same input gives the same
 * model (ordering comes from item numbers, roster order and timestamps, never from the clock).
 */
export function buildMinutesModel(input: MinutesInput): MinutesModel {
  const { meeting } = input;
  const tz = meeting.timeZone;
  if (!Number.isInteger(input.version) || input.version < 1) throw invalid('versionsnumret måste vara ett heltal ≥ 1');
  if (meeting.bodyIds.length === 0) throw invalid('mötet saknar organ');

  const persons = new Map(input.persons.map((p) => [p.id, p]));
  const orgs = new Map(input.organisations.map((o) => [o.id, o]));
  const bodies = new Map(input.bodies.map((b) => [b.id, b]));
  const person = (id: Id, what: string): Person => {
    const p = persons.get(id);
    if (!p) throw invalid(`${what} hänvisar till en okänd person (${id})`);
    return p;
  };
  const orgName = (id: Id | null | undefined): string | null => (id ? (orgs.get(id)?.name ?? null) : null);
  const meetingBodies = meeting.bodyIds.map((id) => {
    const b = bodies.get(id);
    if (!b) throw invalid(`mötet hänvisar till ett okänt organ (${id})`);
    return b;
  });
  const date = isoDateInZone(meeting.startsAt, tz);

  // Items, sorted by number; duplicate numbers would make "punkt 5" ambiguous.
  const items = input.items.filter((i) => i.meetingId === meeting.id).slice().sort((a, b) => a.number - b.number);
  const itemById = new Map(items.map((i) => [i.id, i]));
  for (let k = 1; k < items.length; k++) {
    if (items[k]?.number === items[k - 1]?.number) throw invalid(`två punkter har nummer ${items[k]?.number}`);
  }

  /** "Name, org" for header lines: the person's seat on one of the meeting's bodies, else their home organisation. */
  const seatText = (id: Id, what: string): string => {
    const p = person(id, what);
    const seat = input.memberships.find((m) => m.personId === id && meeting.bodyIds.includes(m.bodyId) && m.organisationId);
    const org = orgName(seat?.organisationId ?? p.organisationId);
    return org ? `${p.name}, ${org}` : p.name;
  };

  const { attendance, chairInList } = buildMinutesAttendance({ input, items, meetingBodies, date, persons, person, orgName });


  // ---- header ----
  const handovers = (input.chairHandovers ?? []).filter((h) => h.meetingId === meeting.id).slice().sort((a, b) => a.fromItemNumber - b.fromItemNumber || a.at.localeCompare(b.at));
  const handoverLine = (h: ChairHandover): string => {
    const name = person(h.personId, 'ordförandebytet').name;
    const to = h.toItemNumber ? ` till och med punkt ${h.toItemNumber}` : '';
    return `${name} tog över som mötesordförande från punkt ${h.fromItemNumber}${to}`;
  };
  const kindLabel = documentKindLabel(meeting.documentKind);
  const host = meetingBodies[0]!;
  const generatedTitle = minutesTitle(kindLabel, meetingBodies.map((b) => b.name), date, host.minutesTitleStyle ?? null, meeting.documentKind);
  const header: MinutesHeader = {
    bodies: meetingBodies.map((b) => ({ id: b.id, name: b.name })),
    joint: meetingBodies.length > 1,
    documentKind: meeting.documentKind,
    documentKindLabel: kindLabel,
    title: meeting.title?.trim() || generatedTitle,
    date,
    time: meetingTimeLine(meeting.startedAt ?? meeting.startsAt, meeting.endedAt ?? meeting.endsAt, tz),
    place: meeting.place?.trim() || null,
    secretaries: meeting.secretaryPersonIds.map((id) => person(id, 'sekreterare').name),
    chair: meeting.chairPersonId && !chairInList ? seatText(meeting.chairPersonId, 'ordförande') : null,
    chairHandovers: handovers.map(handoverLine),
    justerare: meeting.justerarePersonIds.map((id) => seatText(id, 'justerare')),
    serviceUnit: host.serviceUnit?.trim() || null,
  };

  // ---- decisions, tasks ----
  const includeUnconfirmed = input.status === 'draft';
  const decisionsByItem = new Map<Id, MinutesDecision[]>();
  const sortedDecisions = input.decisions
    .filter((d) => d.meetingId === meeting.id)
    .slice()
    .sort((a, b) => a.proposedAt.localeCompare(b.proposedAt) || a.id.localeCompare(b.id));
  for (const d of sortedDecisions) {
    if (!itemById.has(d.itemId)) throw invalid(`beslutet ${d.id} hänvisar till en okänd punkt`);
    if (d.status !== 'confirmed' && !includeUnconfirmed) continue;
    const list = decisionsByItem.get(d.itemId) ?? [];
    list.push(minutesDecision(d, (id) => person(id, 'beslutet').name));
    decisionsByItem.set(d.itemId, list);
  }

  const tasks: MinutesTask[] = (input.tasks ?? [])
    .filter((t) => t.meetingId === meeting.id && t.status !== 'cancelled')
    .map((t) => {
      const item = t.itemId ? itemById.get(t.itemId) : undefined;
      if (t.itemId && !item) throw invalid(`uppdraget ${t.id} hänvisar till en okänd punkt`);
      if (t.dueDate && !isCalendarDate(t.dueDate)) throw invalid(`uppdraget ${t.id} har ett ogiltigt datum`);
      const owner = t.ownerPersonId ? person(t.ownerPersonId, 'uppdraget').name : (t.ownerName?.trim() || null);
      const text = t.text.trim();
      const line = `${owner ? `${owner}: ` : ''}${text}${t.dueDate ? ` (senast ${t.dueDate})` : ''}`;
      return { itemNumber: item?.number ?? null, owner, text, dueDate: t.dueDate ?? null, line };
    })
    .sort((a, b) => (a.itemNumber ?? Infinity) - (b.itemNumber ?? Infinity));

  const minutesItems: MinutesItem[] = items.map((item) => {
    const decisions = decisionsByItem.get(item.id) ?? [];
    const attachments = item.attachments.map((a) => ({ itemNumber: item.number, title: a.title.trim() || a.url, url: a.url.trim() }));
    return {
      id: item.id,
      number: item.number,
      title: item.title.trim(),
      kind: item.kind,
      standardKey: item.standardKey ?? null,
      presenters: item.presenters.map((pr) => (pr.personId ? (persons.get(pr.personId)?.name ?? pr.name) : pr.name)),
      chairNotes: [
        ...handovers.filter((h) => h.fromItemNumber === item.number).map((h) => `${person(h.personId, 'ordförandebytet').name} tog över som mötesordförande.`),
        ...(input.recusals ?? []).filter((r) => r.itemId === item.id).map((r) => `${person(r.personId, 'jävet').name} anmälde jäv och deltog inte i handläggningen av ärendet.`),
      ],
      notes: parseNotes(item.notes),
      decisions,
      tasks: tasks.filter((t) => t.itemNumber === item.number),
      attachments,
      postponed: item.status === 'postponed' || decisions.some((d) => d.postponed),
    };
  });

  // ---- evaluation ----
  const evals = (input.evaluations ?? []).filter((e) => e.meetingId === meeting.id).slice().sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const scores = evals.map((e) => e.score).filter((s): s is 1 | 2 | 3 | 4 | 5 => typeof s === 'number');
  const evaluation: MinutesEvaluation | null = evals.length
    ? {
        worked: evals.map((e) => e.worked?.trim()).filter((s): s is string => !!s),
        hindered: evals.map((e) => e.hindered?.trim()).filter((s): s is string => !!s),
        averageScore: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null,
        responses: evals.length,
      }
    : null;

  // ---- upcoming ----
  const upcoming: MinutesUpcomingDate[] = (input.upcomingDates ?? [])
    .filter((u) => u.meetingId === meeting.id)
    .slice()
    .sort((a, b) => a.position - b.position || a.date.localeCompare(b.date))
    .map((u) => {
      const dateText = longSwedishDate(u.date);
      const note = u.note?.trim() || null;
      return { date: u.date, dateText, note, line: note ? `${dateText} ${note}` : dateText };
    });

  // ---- justering ----
  const signatures = (input.justering ?? []).slice().sort((a, b) => a.signedAt.localeCompare(b.signedAt) || a.personId.localeCompare(b.personId));
  for (const s of signatures) {
    if (!meeting.justerarePersonIds.includes(s.personId)) throw invalid(`${person(s.personId, 'justeringen').name} är inte utsedd justerare`);
  }
  const signed = signatures.map((s) => ({
    personId: s.personId,
    name: person(s.personId, 'justeringen').name,
    date: isoDateInZone(s.signedAt, tz),
    yymmdd: yymmddInZone(s.signedAt, tz),
    method: s.method,
  }));
  const signedIds = new Set(signed.map((s) => s.personId));
  const pending = meeting.justerarePersonIds.filter((id) => !signedIds.has(id)).map((id) => person(id, 'justerare').name);
  const complete = meeting.justerarePersonIds.length > 0 && pending.length === 0;
  let justeringLine: string | null = null;
  const first = signed[0];
  if (first) {
    const allExternalSame = signed.every((s) => s.method !== 'teams' && s.method === first.method && s.date === first.date);
    justeringLine = allExternalSame
      ? `Justerat den: ${first.date} ${METHOD_TEXT[first.method]}.`
      : `Justerade: ${signed.map((s) => `${s.name} ${s.yymmdd}${s.method === 'teams' ? '' : ` ${METHOD_TEXT[s.method]}`}`).join(', ')}`;
  }
  if (input.status === 'final' && !complete) {
    throw new RadslagError('CONFLICT_STATE', { detail: `protokollet kan inte vara slutligt innan alla justerare har justerat (saknas: ${pending.join(', ') || 'justerare'})` });
  }

  const attachments = minutesItems.flatMap((i) => i.attachments);
  const other = minutesItems.find((i) => i.standardKey === 'other_questions') ?? minutesItems.find((i) => /^övriga frågor/i.test(i.title));
  const upcomingPlacement = host.upcomingPlacement ?? 'section';
  const layout: MinutesLayout = {
    agenda: host.agendaLayout ?? 'headings',
    upcoming: upcomingPlacement,
    upcomingItemNumber: upcomingPlacement === 'in_item' ? (other ?? minutesItems.at(-1))?.number ?? null : null,
  };
  return {
    meetingId: meeting.id,
    header,
    attendance,
    items: minutesItems,
    otherQuestionsItemNumber: other?.number ?? null,
    tasks,
    attachments,
    evaluation,
    upcoming,
    justering: { complete, signed, pending, line: justeringLine },
    legend: MINUTES_LEGEND,
    layout,
    version: input.version,
    status: input.status,
    contentHash: input.contentHash ?? null,
  };
}

function minutesDecision(d: Decision, nameOf: (id: Id) => string): MinutesDecision {
  let vote: MinutesVote | null = null;
  if (d.vote) {
    const v = d.vote;
    const tally: Record<VoteChoice, string[]> = { ja: [], nej: [], avstår: [] };
    // The last vote per person counts (a changed vote replaces the earlier one).
    const latest = new Map<Id, (typeof v.votes)[number]>();
    for (const cast of v.votes.slice().sort((a, b) => a.at.localeCompare(b.at))) latest.set(cast.personId, cast);
    for (const cast of [...latest.values()].sort((a, b) => nameOf(a.personId).localeCompare(nameOf(b.personId), 'sv'))) {
      tally[cast.choice].push(nameOf(cast.personId));
    }
    const secret = v.secret === true;
    const count = (c: VoteChoice): string => `${c} ${tally[c].length}${!secret && tally[c].length ? ` (${tally[c].join(', ')})` : ''}`;
    vote = {
      question: v.question.trim(),
      ja: tally.ja.length,
      nej: tally.nej.length,
      avstår: tally.avstår.length,
      secret,
      names: secret ? null : tally,
      line: `${secret ? 'Sluten omröstning' : 'Omröstning'}: ${v.question.trim()} – ${count('ja')}, ${count('nej')}, ${count('avstår')}`,
    };
  }
  return {
    id: d.id,
    text: d.text.trim(),
    postponed: d.postponed,
    unconfirmed: d.status !== 'confirmed',
    vote,
    reservations: d.reservations.map((r) => `${nameOf(r.personId)} reserverar sig${r.text?.trim() ? `: ${r.text.trim()}` : '.'}`),
  };
}
