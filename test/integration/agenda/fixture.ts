/**
 * A council with one person per role the role matrix needs, a 14-item meeting (8 standard items and 6
 * content items), and attendance as the attendance service would record it. People are written straight
 * into the store (fast); the meeting is planned over the API as the local administrator.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { AttendanceState, MembershipRole, Person } from '../../../shared/domain';
import type { TestApp } from '../../kit/app-harness';
import type { TeamsUser } from '../../kit/activities';

export const ROLE_NAMES = [
  'secretary',
  'chair',
  'viceChair',
  'ledamot',
  'servingErsattare',
  'nonServingErsattare',
  'tjansteperson',
  'outsider',
  'admin',
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export interface SeededPerson extends Person {
  email: string;
  aadObjectId: string;
  teams: TeamsUser;
}

export interface Council {
  tag: string;
  bodyId: string;
  otherBodyId: string;
  /** One person per role name, plus extra ledamöter (present) and the absent ledamot the ersättare serves for. */
  people: Record<RoleName, SeededPerson>;
  ledamoter: SeededPerson[];
  absentLedamot: SeededPerson;
}

export const ADMIN_EMAIL = 'admin@radslag.local';

export async function seedCouncil(t: TestApp, tag = randomUUID().slice(0, 8)): Promise<Council> {
  const { store } = t.app;
  const tenantId = store.tenantId;
  const mk = (name: string, admin = false): SeededPerson => {
    const aad = randomUUID();
    const email = `${name.toLowerCase().replace(/[^a-z]/g, '')}.${tag}@region.example`;
    return {
      id: randomUUID(),
      tenantId,
      name,
      email,
      aadObjectId: aad,
      userPrincipalName: email,
      title: null,
      organisationId: null,
      isAdmin: admin,
      locale: 'sv',
      version: 1,
      teams: { aadObjectId: aad, name },
    };
  };
  const people: Record<RoleName, SeededPerson> = {
    secretary: mk('Sara Sekreterare'),
    chair: mk('Behcet Barsom'),
    viceChair: mk('Siw Lunander'),
    ledamot: mk('Jari Mehtäläinen'),
    servingErsattare: mk('Ella Ersättare'),
    nonServingErsattare: mk('Ebbe Ersättare'),
    tjansteperson: mk('Tina Tjänsteperson'),
    outsider: mk('Olle Utomstående'),
    admin: mk('Ada Administratör', true),
  };
  const ledamoter = [mk('Karin Haster'), mk('Anna Jakobsson'), mk('Per Persson'), mk('Lena Larsson')];
  const absentLedamot = mk('Helena Fagerstedt');
  const bodyId = randomUUID();
  const otherBodyId = randomUUID();
  await store.transaction(async (tx) => {
    for (const id of [bodyId, otherBodyId])
      await tx.bodies.insert({ id, tenantId, name: id === bodyId ? `Samverkansrådet ${tag}` : `Chefsgruppen ${tag}`, kind: 'råd', shortName: null, defaultDocumentKind: 'protokoll', teamsTeamId: null, teamsChannelId: null, absenceContact: null, version: 1 });
    for (const p of [...Object.values(people), ...ledamoter, absentLedamot]) {
      const { teams: _teams, ...person } = p;
      await tx.people.insert(person);
    }
    const member = (personId: string, role: MembershipRole, body = bodyId, substituteForPersonId: string | null = null) =>
      tx.memberships.insert({ id: randomUUID(), tenantId, bodyId: body, personId, role, organisationId: null, title: null, substituteOrder: role === 'ersättare' ? 1 : null, substituteForPersonId, from: null, to: null, version: 1 });
    await member(people.secretary.id, 'sekreterare');
    await member(people.chair.id, 'ordförande');
    await member(people.viceChair.id, 'vice_ordförande');
    await member(people.ledamot.id, 'ledamot');
    for (const l of ledamoter) await member(l.id, 'ledamot');
    await member(absentLedamot.id, 'ledamot');
    await member(people.servingErsattare.id, 'ersättare', bodyId, absentLedamot.id);
    await member(people.nonServingErsattare.id, 'ersättare');
    await member(people.tjansteperson.id, 'tjänsteperson');
    await member(people.outsider.id, 'ledamot', otherBodyId);
  });
  return { tag, bodyId, otherBodyId, people, ledamoter, absentLedamot };
}

const CONTENT_ITEMS = [
  { title: 'Rapport från länsstyrelsen', kind: 'information' as const, presenters: [{ name: 'Ingmar Andersson' }] },
  { title: 'Handlingsplan för folkhälsa 2025', kind: 'beslut' as const, presenters: [{ name: 'Linnea Berg' }], attachments: [{ title: 'Handlingsplan (pdf)', url: 'https://projify.example/plan.pdf' }] },
  { title: 'Budget för samverkansrådet', kind: 'beslut' as const },
  { title: 'Workshop: trygghet i länsdelen', kind: 'workshop' as const },
  { title: 'Val av representant till länsgruppen', kind: 'beslut' as const },
  { title: 'Återkoppling från arbetsgrupperna', kind: 'diskussion' as const },
];

/** The response's JSON once its status is the one expected (the body is in the message when it is not). */
export async function json<T = any>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The secretary names the ledamot and the chair justerare of the meeting, and herself its secretary, over the API. */
export async function appointJusterare(t: TestApp, council: Council, meetingId: string): Promise<void> {
  const as = council.people.secretary.email;
  const m = await json(await t.api(`/api/v1/meetings/${meetingId}`, { as }), 200);
  await json(
    await t.api(`/api/v1/meetings/${meetingId}`, {
      method: 'PATCH',
      as,
      json: { version: m.meeting.version, justerarePersonIds: [council.people.ledamot.id, council.people.chair.id], secretaryPersonIds: [council.people.secretary.id] },
    }),
    200,
  );
}

export interface PlannedMeeting {
  meetingId: string;
  items: Array<{ id: string; number: number; title: string; standardKey: string | null; version: number }>;
}

/** Plans a meeting over the API (standard agenda + 6 content items = 14 items). */
export async function planMeeting(t: TestApp, council: Council, startsAt: string, contentItems = CONTENT_ITEMS): Promise<PlannedMeeting> {
  const endsAt = new Date(Date.parse(startsAt) + 3 * 3600_000).toISOString();
  const res = await t.api('/api/v1/meetings', { method: 'POST', as: ADMIN_EMAIL, json: { bodyIds: [council.bodyId], startsAt, endsAt, items: contentItems } });
  if (res.status !== 201) throw new Error(`planMeeting: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { meeting: { id: string }; items: PlannedMeeting['items'] };
  return { meetingId: body.meeting.id, items: body.items };
}

/**
 * Attendance as the attendance service records it: everyone present except the absent ledamot (förhinder),
 * the serving ersättare replacing them, the outsider not in the meeting at all.
 */
export async function recordAttendance(t: TestApp, council: Council, meetingId: string): Promise<void> {
  const { store } = t.app;
  const p = council.people;
  const rows: Array<[SeededPerson, AttendanceState, string | null]> = [
    [p.secretary, 'present', null],
    [p.chair, 'present', null],
    [p.viceChair, 'present', null],
    [p.ledamot, 'present', null],
    ...council.ledamoter.map((l) => [l, 'present', null] as [SeededPerson, AttendanceState, null]),
    [council.absentLedamot, 'förhinder', null],
    [p.servingErsattare, 'present', council.absentLedamot.id],
    [p.nonServingErsattare, 'present', null],
    [p.tjansteperson, 'present', null],
  ];
  await store.transaction(async (tx) => {
    for (const [person, state, replaces] of rows)
      await tx.attendance.insert({
        id: randomUUID(),
        tenantId: store.tenantId,
        meetingId,
        personId: person.id,
        bodyId: council.bodyId,
        state,
        source: 'secretary',
        replacesPersonId: replaces,
        itemRange: null,
        partOfMeeting: false,
        note: null,
        unclassifiedGuest: false,
        updatedAt: new Date().toISOString(),
        updatedBy: null,
        version: 1,
      });
  });
}
