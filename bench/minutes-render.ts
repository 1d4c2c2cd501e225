/**
 * Render time of the minutes for a synthetic joint meeting (default: 14 items, 60 people, two bodies).
 * Run: npx tsx bench/minutes-render.ts [runs]
 */
import { pathToFileURL } from 'node:url';
import type { AgendaItem, Attendance, Body, Decision, Meeting, Membership, Organisation, Person } from '../shared/domain';
import { buildMinutesModel } from '../shared/minutes/build-minutes-model';
import type { MinutesInput } from '../shared/minutes/minutes-model';
import { renderMinutesHtml } from '../shared/minutes/render-html';
import { renderMinutesDocx } from '../bot/minutes/render-docx';

export interface SyntheticOptions {
  items: number;
  people: number;
  joint: boolean;
  /** Paragraphs of notes per item (each ~300 characters). */
  paragraphsPerItem?: number;
}

const T = 'bench';
const KOMMUNER = ['Askersund', 'Degerfors', 'Hallsberg', 'Hällefors', 'Karlskoga', 'Kumla', 'Laxå', 'Lekeberg', 'Lindesberg', 'Ljusnarsberg', 'Nora', 'Örebro'];
const SENTENCE = 'Rådet diskuterar överenskommelsen om hälso- och sjukvård i hemmet och hur implementeringen ska följas upp i länets kommuner & regionen. ';

/** A joint (or single-body) meeting with deterministic names, states and notes. */
export function syntheticMinutesInput(opts: SyntheticOptions): MinutesInput {
  const meetingId = 'bench-meeting';
  const bodies: Body[] = (opts.joint ? ['social välfärd samt vård och omsorg', 'folkhälsa'] : ['folkhälsa']).map((n, k) => ({
    id: `b${k}`,
    tenantId: T,
    name: `Specifika samverkansrådet för ${n}`,
    kind: 'råd',
    defaultDocumentKind: 'protokoll',
    version: 1,
  }));
  const orgs: Organisation[] = KOMMUNER.map((k, i) => ({ id: `o${i}`, tenantId: T, name: `${k} kommun`, kind: 'kommun', aliases: [], version: 1 }));
  orgs.push({ id: 'rol', tenantId: T, name: 'Region Örebro län', kind: 'region', aliases: [], version: 1 });
  const persons: Person[] = [];
  const memberships: Membership[] = [];
  const attendance: Attendance[] = [];
  for (let i = 0; i < opts.people; i++) {
    const id = `p${i}`;
    const official = i >= opts.people - 6;
    persons.push({ id, tenantId: T, name: `Person ${i} Efternamnsson`, title: official ? 'utvecklingsledare' : null, organisationId: official ? 'rol' : null, isAdmin: false, version: 1 });
    const body = bodies[i % bodies.length] as Body;
    const role = official ? 'tjänsteperson' : i % 3 === 2 ? 'ersättare' : 'ledamot';
    memberships.push({ id: `m${i}`, tenantId: T, bodyId: body.id, personId: id, role, organisationId: official ? 'rol' : `o${i % KOMMUNER.length}`, version: 1 });
    const state = i % 7 === 3 ? 'förhinder' : role === 'ersättare' && i % 2 === 1 ? 'expected' : 'present';
    if (state !== 'expected') {
      attendance.push({
        id: `a${i}`,
        tenantId: T,
        meetingId,
        personId: id,
        bodyId: null,
        state,
        source: 'secretary',
        itemRange: i % 11 === 5 ? { from: 2, to: Math.min(5, opts.items) } : null,
        partOfMeeting: i % 13 === 4,
        updatedAt: '2024-09-20T07:00:00.000Z',
        version: 1,
      });
    }
  }
  const paragraphs = opts.paragraphsPerItem ?? 3;
  const items: AgendaItem[] = [];
  const decisions: Decision[] = [];
  for (let n = 1; n <= opts.items; n++) {
    const notes = Array.from({ length: paragraphs }, (_, k) => `${SENTENCE.repeat(2)}Punkt ${n}, stycke ${k + 1}.`).join('\n\n') + '\n- första synpunkten\n- andra synpunkten <b>med tecken</b>';
    items.push({
      id: `i${n}`,
      meetingId,
      number: n,
      title: `Ärende ${n}: överenskommelse och uppföljning`,
      presenters: [{ personId: `p${opts.people - 1}`, name: 'x' }],
      kind: n % 2 ? 'beslut' : 'information',
      attachments: n % 4 === 0 ? [{ title: `Bilaga ${n}`, url: `https://projify.example.se/bilaga-${n}.pdf` }] : [],
      status: 'done',
      notes,
      version: 1,
    });
    if (n % 2) {
      decisions.push({
        id: `d${n}`,
        tenantId: T,
        meetingId,
        itemId: `i${n}`,
        text: `Rådet beslutar att ställa sig bakom förslaget i ärende ${n}.`,
        status: 'confirmed',
        postponed: n === 5,
        proposedBy: 'p0',
        proposedAt: `2024-09-20T07:${String(n).padStart(2, '0')}:00.000Z`,
        reservations: [],
        version: 1,
      });
    }
  }
  const meeting: Meeting = {
    id: meetingId,
    tenantId: T,
    bodyIds: bodies.map((b) => b.id),
    documentKind: 'protokoll',
    startsAt: '2024-09-20T07:00:00.000Z',
    endsAt: '2024-09-20T10:00:00.000Z',
    timeZone: 'Europe/Stockholm',
    place: 'Lokal Eken, Eklundavägen 1',
    mode: 'hybrid',
    status: 'held',
    chairPersonId: 'p0',
    secretaryPersonIds: [`p${opts.people - 1}`],
    justerarePersonIds: ['p1'],
    version: 1,
  };
  return { meeting, bodies, persons, organisations: orgs, memberships, attendance, items, decisions, version: 1, status: 'draft' };
}

export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface MinutesRenderBench {
  runs: number;
  htmlBytes: number;
  docxBytes: number;
  /** Model build + HTML render. */
  html: Timing;
  /** Model build + .docx packing. */
  docx: Timing;
}

function timing(samples: number[]): Timing {
  const s = samples.slice().sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  const round = (x: number): number => Math.round(x * 100) / 100;
  return { medianMs: round(median), minMs: round(s[0] as number), maxMs: round(s[s.length - 1] as number) };
}

export async function benchMinutesRender(opts: { items?: number; people?: number; joint?: boolean; runs?: number } = {}): Promise<MinutesRenderBench> {
  const runs = Math.max(1, opts.runs ?? 15);
  const input = syntheticMinutesInput({ items: opts.items ?? 14, people: opts.people ?? 60, joint: opts.joint ?? true });
  // One warm-up of each so module loading and JIT are not counted.
  let html = renderMinutesHtml(buildMinutesModel(input));
  let docx = await renderMinutesDocx(buildMinutesModel(input));
  const htmlMs: number[] = [];
  const docxMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    html = renderMinutesHtml(buildMinutesModel(input));
    htmlMs.push(performance.now() - t);
    t = performance.now();
    docx = await renderMinutesDocx(buildMinutesModel(input));
    docxMs.push(performance.now() - t);
  }
  return { runs, htmlBytes: Buffer.byteLength(html), docxBytes: docx.length, html: timing(htmlMs), docx: timing(docxMs) };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const runs = Number(argv[0] ?? 15) || 15;
  const r = await benchMinutesRender({ items: 14, people: 60, joint: true, runs });
  const TARGET = 150;
  const rows = [
    ['renderer', 'median ms', 'min ms', 'max ms', 'size', `≤ ${TARGET} ms`],
    ['HTML', r.html.medianMs, r.html.minMs, r.html.maxMs, `${r.htmlBytes} B`, r.html.medianMs <= TARGET ? 'ja' : 'NEJ'],
    ['DOCX', r.docx.medianMs, r.docx.minMs, r.docx.maxMs, `${r.docxBytes} B`, r.docx.medianMs <= TARGET ? 'ja' : 'NEJ'],
  ].map((row) => row.map(String));
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  console.log(`Minutes render: joint meeting, 14 items, 60 people, ${r.runs} runs`);
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
