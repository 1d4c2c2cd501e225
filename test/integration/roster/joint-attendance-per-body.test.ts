/**
 * Issue 18 item 3: attendance per body in a joint meeting. A person with seats on both councils of a joint
 * meeting has a state per council (the 2024 joint protokoll: present on one list, struck on the other); the
 * use cases that set attendance take an optional body (correction, check-in over the API; förhinder in the
 * use case), without one they apply to every council the person sits on. Single-seat people and single-body
 * meetings keep one row per person, as before.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attendance, MembershipRole, Person } from '../../../shared/domain';
import { recordAbsence, withdrawAbsence } from '../../../shared/services/absence-service';
import { createMeeting } from '../../../shared/services/meeting-service';
import type { Caller, UseCaseContext } from '../../../shared/usecase/context';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { ADMIN, json } from './roster-kit';

let t: TestApp;
let social = '';
let folk = '';
let joint = '';
let single = '';
let admin: Caller;
const P: Record<string, Person> = {};

const rowsOf = async (meetingId: string, name: string): Promise<Attendance[]> => t.app.store.read.attendance.findBy({ meetingId, personId: P[name]!.id });
const statesOf = async (meetingId: string, name: string): Promise<Record<string, string>> =>
  Object.fromEntries((await rowsOf(meetingId, name)).map((a) => [a.bodyId === social ? 'social' : a.bodyId === folk ? 'folk' : 'none', a.state]));
const correct = async (name: string, body: Record<string, unknown>, meetingId = joint, status = 200) =>
  json(await t.api(`/api/v1/meetings/${meetingId}/attendance/${P[name]!.id}`, { method: 'PUT', as: ADMIN, json: body }), status);
const inTx = <O>(fn: (ctx: UseCaseContext) => Promise<O>): Promise<O> => t.app.runner.run(admin, async (ctx: UseCaseContext) => fn(ctx), {});

beforeAll(async () => {
  t = await startTestApp();
  const { store } = t.app;
  const tenantId = store.tenantId;
  const adminPerson = await store.read.people.findByEmail(ADMIN);
  admin = { actor: { personId: adminPerson?.id ?? null, tenantId, isAdmin: true }, correlationId: 'joint-test', locale: 'sv' };
  social = randomUUID();
  folk = randomUUID();
  const seats: [name: string, bodies: [string, MembershipRole][]][] = [
    ['Jerry Karjalainen', [[social, 'ledamot'], [folk, 'ledamot']]],
    ['Monika Klockars', [[social, 'ersättare'], [folk, 'ersättare']]],
    ['Siw Lunader', [[social, 'ledamot'], [folk, 'ledamot']]],
    ['Annica Sjöqvist', [[social, 'ledamot'], [folk, 'ledamot']]],
    ['Jenny Steen', [[social, 'ledamot']]],
    ['Elvy Wiklund', [[folk, 'ersättare']]],
  ];
  await store.transaction(async (tx) => {
    for (const [id, name] of [
      [social, 'Specifika samverkansrådet för social välfärd samt vård och omsorg'],
      [folk, 'Specifika samverkansrådet för folkhälsa'],
    ] as const)
      await tx.bodies.insert({ id, tenantId, name, kind: 'råd', shortName: null, defaultDocumentKind: 'protokoll', teamsTeamId: null, teamsChannelId: null, absenceContact: null, version: 1 });
    for (const [name, bodies] of seats) {
      const email = `${name.toLowerCase().replace(/[^a-z]/g, '')}@joint.example`;
      P[name] = await tx.people.insert({ id: randomUUID(), tenantId, name, email, aadObjectId: randomUUID(), userPrincipalName: email, title: null, organisationId: null, isAdmin: false, locale: 'sv', version: 1 });
      for (const [bodyId, role] of bodies)
        await tx.memberships.insert({ id: randomUUID(), tenantId, bodyId, personId: P[name]!.id, role, organisationId: null, title: null, substituteOrder: 1, substituteForPersonId: null, from: null, to: null, position: null, version: 1 });
    }
  });
  const day = 86_400_000;
  const plan = async (bodyIds: string[], title: string) =>
    (
      await t.app.runner.run(admin, createMeeting, {
        bodyIds,
        title,
        startsAt: new Date(Date.now() + 10 * day).toISOString(),
        endsAt: new Date(Date.now() + 10 * day + 3 * 3_600_000).toISOString(),
        timeZone: 'Europe/Stockholm',
        place: null,
        mode: 'hybrid',
        secretaryPersonIds: [],
        standardAgenda: false,
        items: [],
      })
    ).meeting.id;
  joint = await plan([social, folk], 'Gemensamt möte');
  single = await plan([social], 'Sociala rådet');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the secretary’s correction with a body', () => {
  it('records förhinder on one council only for a person on both lists; the other council’s state stays', async () => {
    await correct('Jerry Karjalainen', { state: 'present' });
    expect(await statesOf(joint, 'Jerry Karjalainen')).toEqual({ social: 'present', folk: 'present' });
    await correct('Jerry Karjalainen', { state: 'förhinder', bodyId: folk });
    expect(await statesOf(joint, 'Jerry Karjalainen')).toEqual({ social: 'present', folk: 'förhinder' });
    // The secretary's list shows a row per council, in the meeting's body order.
    const { attendance } = await json(await t.api(`/api/v1/meetings/${joint}/attendance`, { as: ADMIN }), 200);
    const jerry = attendance.filter((r: { attendance: Attendance }) => r.attendance.personId === P['Jerry Karjalainen']!.id).map((r: { attendance: Attendance }) => [r.attendance.bodyId, r.attendance.state]);
    expect(jerry).toEqual([
      [social, 'present'],
      [folk, 'förhinder'],
    ]);
  });

  it('without a body changes every council the person sits on', async () => {
    await correct('Jerry Karjalainen', { state: 'absent' });
    expect(await statesOf(joint, 'Jerry Karjalainen')).toEqual({ social: 'absent', folk: 'absent' });
  });

  it('keeps one row for a person with one seat, and for any person in a single-body meeting', async () => {
    await correct('Jenny Steen', { state: 'förhinder', bodyId: social });
    expect(await statesOf(joint, 'Jenny Steen')).toEqual({ social: 'förhinder' });
    await correct('Siw Lunader', { state: 'present' }, single);
    expect(await rowsOf(single, 'Siw Lunader')).toHaveLength(1);
  });

  it('refuses a body that does not take part in the meeting', async () => {
    const res = await correct('Jenny Steen', { state: 'present', bodyId: folk }, single, 400);
    expect(res.error.code).toBe('VALIDATION_FAILED');
  });

  it('splits a row stored before per-body rows: the council not named keeps the old state', async () => {
    const { store } = t.app;
    await store.transaction(async (tx) => {
      await tx.attendance.insert({ id: randomUUID(), tenantId: store.tenantId, meetingId: joint, personId: P['Siw Lunader']!.id, bodyId: null, state: 'förhinder', source: 'chat', replacesPersonId: null, itemRange: null, partOfMeeting: false, note: 'sjuk', unclassifiedGuest: false, updatedAt: new Date().toISOString(), updatedBy: null, version: 1 });
    });
    await correct('Siw Lunader', { state: 'present', bodyId: social });
    expect(await statesOf(joint, 'Siw Lunader')).toEqual({ social: 'present', folk: 'förhinder' });
    expect((await rowsOf(joint, 'Siw Lunader')).find((a) => a.bodyId === folk)?.note).toBe('sjuk');
  });
});

describe('check-in', () => {
  // Check-in is taken on the meeting's day only (check-in-rule.ts): for these tests the joint meeting is held today.
  let planned: { startsAt: string; endsAt: string } | null = null;
  beforeAll(async () => {
    const m = await t.app.store.read.meetings.require(joint);
    planned = { startsAt: m.startsAt, endsAt: m.endsAt };
    await t.app.store.transaction(async (tx) => tx.meetings.update({ ...m, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString() }));
  });
  afterAll(async () => {
    const m = await t.app.store.read.meetings.require(joint);
    if (planned) await t.app.store.transaction(async (tx) => tx.meetings.update({ ...m, ...planned! }));
  });

  it('without a body: present on every council the person sits on', async () => {
    const res = await t.api(`/api/v1/meetings/${joint}/check-in`, { method: 'POST', as: P['Siw Lunader']!.email! });
    expect(res.status).toBe(200);
    expect(await statesOf(joint, 'Siw Lunader')).toEqual({ social: 'present', folk: 'present' });
  });

  it('an ersättare on both councils who is not called in is not expected: refused, nothing written', async () => {
    const res = await t.api(`/api/v1/meetings/${joint}/check-in`, { method: 'POST', as: P['Monika Klockars']!.email! });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CHECKIN_NOT_EXPECTED');
  });

  it('with a body: present on that council only (the other council’s row is not invented)', async () => {
    await json(await t.api(`/api/v1/meetings/${joint}/check-in`, { method: 'POST', as: P['Annica Sjöqvist']!.email!, json: { bodyId: social } }), 200);
    expect(await statesOf(joint, 'Annica Sjöqvist')).toEqual({ social: 'present' });
  });

  it('does not overwrite the secretary’s word on a council (absent on one and förhinder on the other: not expected, refused)', async () => {
    await correct('Jerry Karjalainen', { state: 'förhinder', bodyId: folk });
    const res = await t.api(`/api/v1/meetings/${joint}/check-in`, { method: 'POST', as: P['Jerry Karjalainen']!.email! });
    expect(res.status).toBe(403);
    expect(await statesOf(joint, 'Jerry Karjalainen')).toEqual({ social: 'absent', folk: 'förhinder' });
  });
});

describe('förhinder (the use case chat and the kallelse card call)', () => {
  it('for one council: recorded there only, and the ersättare is called in for that council’s seat only', async () => {
    await correct('Siw Lunader', { state: 'expected' });
    const siw = P['Siw Lunader']!;
    await inTx(async (ctx) => recordAbsence(ctx, await ctx.tx.meetings.require(joint), siw, { source: 'chat', updatedBy: siw.id, note: 'Förhinder folkhälsorådet', bodyId: folk }));
    expect(await statesOf(joint, 'Siw Lunader')).toEqual({ social: 'expected', folk: 'förhinder' });
    const callIns = await t.app.store.read.callIns.findBy({ meetingId: joint, absentPersonId: siw.id });
    expect(callIns.map((c) => c.bodyId)).toEqual([folk]);
  });

  it('withdrawn: back to expected on that council; without a body a förhinder covers both councils', async () => {
    const siw = P['Siw Lunader']!;
    await inTx(async (ctx) => withdrawAbsence(ctx, await ctx.tx.meetings.require(joint), siw, siw.id));
    expect(await statesOf(joint, 'Siw Lunader')).toEqual({ social: 'expected', folk: 'expected' });
    await inTx(async (ctx) => recordAbsence(ctx, await ctx.tx.meetings.require(joint), siw, { source: 'chat', updatedBy: siw.id, note: 'sjuk' }));
    expect(await statesOf(joint, 'Siw Lunader')).toEqual({ social: 'förhinder', folk: 'förhinder' });
  });
});
