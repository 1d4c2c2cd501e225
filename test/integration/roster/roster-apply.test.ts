import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import type { Repositories, Store } from '../../../shared/ports/store';
import { UseCaseRunner } from '../../../bot/usecase/run-use-case';
import { applyRosterImport } from '../../../shared/services/roster-import-service';
import { ADMIN, apply, countPeople, createBody, json, peopleNamed, preview, readSeed, rosterOf } from './roster-kit';

/** Apply is all or nothing, exactly what was previewed, idempotent; bad input is refused clearly; roles hold. */
describe('roster import: apply, validation and roles', () => {
  let t: TestApp;
  let n = 0;
  const newBody = async () => createBody(t, `Tillämpningsrådet ${++n}`);
  const post = (path: string, body: unknown, as = ADMIN) => t.api(path, { method: 'POST', as, json: body });
  const importsOf = async (bodyId: string) => (await json(await t.api(`/api/v1/bodies/${bodyId}/roster-imports`, { as: ADMIN }), 200)).imports as any[];

  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('a failure in the middle of apply leaves nothing behind (one transaction), and the same preview applies afterwards', async () => {
    const a = await newBody();
    const text = 'Ledamöter:\nAnders Fel, Kumla kommun\nBritt Fel, Nora kommun\nCarl Fel, Laxå kommun\nErsättare:\nDora Fel, Kumla kommun';
    const imp = await preview(t, a, { text });
    const peopleBefore = await countPeople(t);
    const orgsBefore = (await t.app.store.read.organisations.findBy({})).length;
    // The real store, except that the third seat written fails (after people and organisations were written).
    const real = t.app.store;
    let seats = 0;
    const failing: Store = {
      ...real,
      transaction: (fn) =>
        real.transaction((tx) => {
          const memberships = Object.create(tx.memberships) as Repositories['memberships'];
          memberships.insert = async (m) => {
            if (++seats === 3) throw new Error('disk full (injected)');
            return tx.memberships.insert(m);
          };
          return fn({ ...tx, memberships });
        }),
    };
    const admin = (await real.read.people.findByEmail(ADMIN))!;
    const runner = new UseCaseRunner({ ...t.app.runnerDeps, store: failing });
    await expect(runner.run({ actor: { personId: admin.id, tenantId: real.tenantId, isAdmin: true }, correlationId: 'test', locale: 'sv' }, applyRosterImport, { bodyId: a, importId: imp.id })).rejects.toThrow('disk full');
    expect(seats).toBe(3);
    expect(await countPeople(t)).toBe(peopleBefore);
    expect((await t.app.store.read.organisations.findBy({})).length).toBe(orgsBefore);
    expect(await rosterOf(t, a)).toEqual([]);
    expect((await importsOf(a))[0].status).toBe('previewed');
    // Nothing was half-written, so the very same preview still applies.
    const applied = await apply(t, a, imp.id);
    expect(applied.result.counts).toMatchObject({ peopleCreated: 4, membershipsAdded: 4 });
  });

  it('a constraint failing during apply over HTTP (two people with one e-mail) writes nothing', async () => {
    const a = await newBody();
    const before = await countPeople(t);
    const imp = await preview(t, a, { format: 'csv', text: 'name,organisation,role,email\nEva Dubbel,Kumla kommun,ledamot,delad@kumla.se\nOla Dubbel,Kumla kommun,ledamot,delad@kumla.se' });
    const res = await post(`/api/v1/bodies/${a}/roster-imports/${imp.id}/apply`, {});
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('DUPLICATE');
    expect(await countPeople(t)).toBe(before);
    expect(await peopleNamed(t, 'Eva Dubbel')).toEqual([]);
    expect(await rosterOf(t, a)).toEqual([]);
  });

  it('applies exactly what was previewed: a roster changed since the preview is refused (409) until previewed again', async () => {
    const a = await newBody();
    const imp = await preview(t, a, { text: 'Gun Stale, Hallsbergs kommun' });
    // Someone adds a seat by hand in between.
    const person = await json(await post('/api/v1/people', { name: 'Hand Tillagd' }), 201);
    await json(await post(`/api/v1/bodies/${a}/memberships`, { personId: person.id, role: 'ledamot' }), 201);
    const res = await post(`/api/v1/bodies/${a}/roster-imports/${imp.id}/apply`, {});
    expect(res.status).toBe(409);
    const err = (await res.json()).error;
    expect(err.code).toBe('CONFLICT_STALE');
    expect(err.data.sv).toContain('Förhandsgranska');
    expect(await peopleNamed(t, 'Gun Stale')).toEqual([]);
    // A fresh preview shows the hand-added seat going away (not on the list) and applies.
    const again = await preview(t, a, { text: 'Gun Stale, Hallsbergs kommun' });
    expect(again.plan.memberships.remove).toHaveLength(1);
    expect(again.names.people[`existing:${person.id}`]).toBe('Hand Tillagd');
    await apply(t, a, again.id);
    expect(await rosterOf(t, a)).toEqual([{ name: 'Gun Stale', role: 'ledamot', org: 'Hallsbergs kommun' }]);
    // The first preview was superseded by the applied one.
    expect((await importsOf(a)).find((i) => i.id === imp.id).status).toBe('superseded');
  });

  it('a list speaks only for the roles it lists: the secretary and officials keep their seats when a list of ledamöter is imported', async () => {
    const a = await newBody();
    await apply(t, a, (await preview(t, a, { text: 'Tjänstepersoner:\nTora Tjänst, Region Örebro län\nLedamöter:\nOlof Gammal, Nora kommun' })).id);
    const sek = await json(await post('/api/v1/people', { name: 'Stina Sekreterare', email: 'stina.sekreterare@regionorebrolan.se' }), 201);
    await json(await post(`/api/v1/bodies/${a}/memberships`, { personId: sek.id, role: 'sekreterare' }), 201);
    // The secretary imports this year's ledamöter; Olof Gammal is no longer on it.
    const imp = await preview(t, a, { text: 'Ledamöter:\nNina Ny, Nora kommun' }, 'stina.sekreterare@regionorebrolan.se');
    expect(imp.plan.memberships.remove.map((r: any) => imp.names.people[`existing:${r.personId}`])).toEqual(['Olof Gammal']);
    await apply(t, a, imp.id, {}, 'stina.sekreterare@regionorebrolan.se');
    expect((await rosterOf(t, a)).map((s) => `${s.role}:${s.name}`)).toEqual(['ledamot:Nina Ny', 'sekreterare:Stina Sekreterare', 'tjänsteperson:Tora Tjänst']);
    // And she can still manage the roster.
    expect((await post(`/api/v1/bodies/${a}/roster-imports`, { text: 'Ledamöter:\nNina Ny, Nora kommun' }, 'stina.sekreterare@regionorebrolan.se')).status).toBe(201);
  });

  it('applying twice has no second effect (the stored result is answered again)', async () => {
    const a = await newBody();
    const imp = await preview(t, a, { text: 'Ivar Två, Nora kommun' });
    const first = await apply(t, a, imp.id);
    const second = await apply(t, a, imp.id);
    expect(second.result).toEqual(first.result);
    expect(await peopleNamed(t, 'Ivar Två')).toHaveLength(1);
    // Audited: the preview and the one apply, with who did it and what changed.
    const audit = await t.app.store.read.audit.list({ entity: 'roster_import', entityId: imp.id });
    expect(audit.map((a) => a.action).sort()).toEqual(['roster.import.apply', 'roster.import.preview']);
    const admin = (await t.app.store.read.people.findByEmail(ADMIN))!;
    expect(audit.every((a) => a.actorPersonId === admin.id)).toBe(true);
    expect(audit.find((a) => a.action === 'roster.import.apply')!.details).toMatchObject({ peopleCreated: 1, membershipsAdded: 1 });
    // A stale version of the preview is refused.
    const b = await newBody();
    const imp2 = await preview(t, b, { text: 'Ivar Tre, Nora kommun' });
    expect((await post(`/api/v1/bodies/${b}/roster-imports/${imp2.id}/apply`, { version: imp2.version + 1 })).status).toBe(409);
  });

  it('keeps ✓/struck marks as attendance of an existing meeting, updating (not duplicating) on a second import', async () => {
    const a = await newBody();
    const { meeting } = await json(
      await post('/api/v1/meetings', { bodyIds: [a], startsAt: '2025-03-14T08:00:00Z', endsAt: '2025-03-14T10:00:00Z', place: 'Eken' }),
      201,
    );
    const list = (mark: string) => `Ledamöter:\n✓ Jonna Närvaro, Kumla kommun\n${mark}\nErsättare:\nKurt Ersätt, Kumla kommun (ersätter Lars Borta)`;
    const imp = await preview(t, a, { text: list('~~Lars Borta, Kumla kommun~~'), asAttendanceOfMeetingId: meeting.id });
    const states = Object.fromEntries(imp.plan.attendance.map((x: any) => [imp.names.people[`${x.person.kind}:${x.person.kind === 'new' ? x.person.key : x.person.id}`], x.state]));
    expect(states).toEqual({ 'Jonna Närvaro': 'present', 'Lars Borta': 'förhinder', 'Kurt Ersätt': 'present' });
    await apply(t, a, imp.id);
    const read = async () => {
      const rows = await t.app.store.read.attendance.findBy({ meetingId: meeting.id });
      const people = await t.app.store.read.people.listAll();
      const name = (id: string | null | undefined) => people.find((p) => p.id === id)?.name;
      return Object.fromEntries(rows.map((r) => [name(r.personId), { state: r.state, replaces: name(r.replacesPersonId) ?? null }]));
    };
    expect(await read()).toEqual({
      'Jonna Närvaro': { state: 'present', replaces: null },
      'Lars Borta': { state: 'förhinder', replaces: null },
      'Kurt Ersätt': { state: 'present', replaces: 'Lars Borta' },
    });
    const imp2 = await preview(t, a, { text: list('✓ Lars Borta, Kumla kommun'), asAttendanceOfMeetingId: meeting.id });
    await apply(t, a, imp2.id);
    const after = await read();
    expect(Object.keys(after)).toHaveLength(3);
    expect(after['Lars Borta']!.state).toBe('present');
  });

  it('a list pasted for a meeting under way changes who served at once, not at the next item', async () => {
    const a = await newBody();
    const { meeting } = await json(
      await post('/api/v1/meetings', { bodyIds: [a], startsAt: '2025-03-21T08:00:00Z', endsAt: '2025-03-21T10:00:00Z', place: 'Eken' }),
      201,
    );
    const first = `Ledamöter:\n✓ Jonna Närvaro, Kumla kommun\n✓ Lars Borta, Kumla kommun\nErsättare:\nKurt Ersätt, Kumla kommun`;
    await apply(t, a, (await preview(t, a, { text: first, asAttendanceOfMeetingId: meeting.id })).id);
    const item = await json(await post(`/api/v1/meetings/${meeting.id}/agenda/items`, { title: 'Ärende', kind: 'information' }), 201);
    await json(await post(`/api/v1/meetings/${meeting.id}/agenda/items/${item.id}/start`, { version: item.version }), 200);
    const people = await t.app.store.read.people.listAll();
    const id = (name: string) => people.find((p) => p.name === name)!.id;
    const servingIn = async () => (await t.app.store.read.servingPeriods.findBy({ meetingId: meeting.id })).map((p) => people.find((x) => x.id === p.servingPersonId)?.name).sort();
    expect(await servingIn()).toEqual(['Jonna Närvaro', 'Lars Borta']);
    // The secretary pastes the list again during the item: Lars had förhinder, Kurt served for him.
    const second = `Ledamöter:\n✓ Jonna Närvaro, Kumla kommun\n~~Lars Borta, Kumla kommun~~\nErsättare:\n✓ Kurt Ersätt, Kumla kommun (ersätter Lars Borta)`;
    await apply(t, a, (await preview(t, a, { text: second, asAttendanceOfMeetingId: meeting.id })).id);
    expect(await servingIn()).toEqual(['Jonna Närvaro', 'Kurt Ersätt']);
    const kurt = (await t.app.store.read.servingPeriods.findBy({ meetingId: meeting.id })).find((p) => p.servingPersonId === id('Kurt Ersätt'))!;
    expect(kurt.seatPersonId).toBe(id('Lars Borta'));
  });

  it('never writes attendance into signed (locked) minutes: refused at preview and at apply, nothing written', async () => {
    const a = await newBody();
    const { meeting } = await json(await post('/api/v1/meetings', { bodyIds: [a], startsAt: '2025-02-07T08:00:00Z', endsAt: '2025-02-07T10:00:00Z' }), 201);
    const imp = await preview(t, a, { text: '✓ Lotta Låst, Kumla kommun', asAttendanceOfMeetingId: meeting.id });
    await t.app.store.read.minutesLocks.insert({
      id: `lock-${meeting.id}`,
      tenantId: t.app.store.tenantId,
      meetingId: meeting.id,
      locked: true,
      finalVersionId: null,
      lockedAt: new Date().toISOString(),
      correctionReason: null,
      correctionOpenedBy: null,
      version: 1,
    });
    const res = await post(`/api/v1/bodies/${a}/roster-imports/${imp.id}/apply`, {});
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('LOCKED_FINAL');
    expect(await peopleNamed(t, 'Lotta Låst')).toEqual([]);
    const again = await post(`/api/v1/bodies/${a}/roster-imports`, { text: '✓ Lotta Låst, Kumla kommun', asAttendanceOfMeetingId: meeting.id });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('LOCKED_FINAL');
  });

  it('documents the roster routes in the OpenAPI document (generated from the same schemas that validate)', async () => {
    const doc = (await (await t.api('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/bodies/{bodyId}/roster-imports']!).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/bodies/{bodyId}/roster-imports/{importId}/apply']!.post).toBeTruthy();
    expect(doc.paths['/people/match-suggestions']!.get).toBeTruthy();
    expect(doc.paths['/people/match-suggestions/{suggestionId}/confirm']!.post).toBeTruthy();
    expect(doc.paths['/people/match-suggestions/{suggestionId}/reject']!.post).toBeTruthy();
  });

  describe('bad input: VALIDATION_FAILED in Swedish and English, nothing stored', () => {
    const cases: [string, (ids: { a: string; b: string; other: string }) => Record<string, unknown>, RegExp][] = [
      ['empty text', () => ({ text: '' }), /text/],
      ['no readable person', () => ({ text: '1234\n???\n--' }), /inga personer kunde läsas.*no people could be read/s],
      ['CSV without a name column', () => ({ format: 'csv', text: 'org;roll\nKumla;ledamot' }), /saknar kolumnen "namn"/],
      ['a joint list without bodyIds', () => ({ text: readSeed('specifika-samverkansraden-2024-09-20') }), /bodyIds/],
      ['bodyIds of the wrong length', ({ a }) => ({ text: 'Anna Ek, Kumla kommun', bodyIds: [a, a] }), /bodyIds/],
      ['both an existing and a new meeting', ({ other }) => ({ text: 'Anna Ek, Kumla kommun', asAttendanceOfMeetingId: other, createMeeting: { date: '2024-01-01' } }), /inte båda.*not both/s],
      ['an impossible date', () => ({ text: 'Anna Ek, Kumla kommun', createMeeting: { date: '2024-13-45' } }), /date: Ogiltig\(t\) ISO-datum.*date: Invalid ISO date/s],
      ['end before start', () => ({ text: 'Anna Ek, Kumla kommun', createMeeting: { date: '2024-05-05', startTime: '12:00', endTime: '09:00' } }), /sluttiden.*end time/s],
      ['a meeting the body does not hold', ({ other }) => ({ text: 'Anna Ek, Kumla kommun', asAttendanceOfMeetingId: other }), /hålls inte av.*not held by/s],
      ['an unknown field', () => ({ text: 'Anna Ek, Kumla kommun', appplyNow: true }), /appplyNow|Unrecognized/],
    ];
    it.each(cases)('%s', async (_label, payload, message) => {
      const a = await newBody();
      const b = await newBody();
      const { meeting } = await json(await post('/api/v1/meetings', { bodyIds: [b], startsAt: '2025-01-10T08:00:00Z', endsAt: '2025-01-10T09:00:00Z' }), 201);
      const people = await countPeople(t);
      const res = await post(`/api/v1/bodies/${a}/roster-imports`, payload({ a, b, other: meeting.id }));
      expect(res.status).toBe(400);
      const err = (await res.json()).error;
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.messageSv).toMatch(/^Uppgifterna är inte giltiga/);
      expect(err.messageEn).toMatch(/^The input is not valid/);
      expect(`${err.messageSv} ${err.messageEn}`).toMatch(message);
      expect(await importsOf(a)).toEqual([]);
      expect(await countPeople(t)).toBe(people);
    });
  });

  it('roster.manage: a ledamot may not import, the body\'s secretary may, but not into a body where they are not secretary', async () => {
    const a = await newBody();
    const b = await newBody();
    const mk = async (name: string, email: string, bodyId: string, role: string) => {
      const p = await json(await post('/api/v1/people', { name, email }), 201);
      await json(await post(`/api/v1/bodies/${bodyId}/memberships`, { personId: p.id, role }), 201);
    };
    await mk('Lea Ledamot', 'lea.ledamot@nora.se', a, 'ledamot');
    await mk('Sam Sekreterare', 'sam.sekreterare@regionorebrolan.se', a, 'sekreterare');
    const list = { text: 'Ledamöter:\nUlla Ett, Nora kommun\nLedamöter:\nUlla Två, Nora kommun', bodyIds: [a, b] };
    const denied = await post(`/api/v1/bodies/${a}/roster-imports`, { text: 'Ulla Ett, Nora kommun' }, 'lea.ledamot@nora.se');
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.code).toBe('FORBIDDEN');
    const ok = await post(`/api/v1/bodies/${a}/roster-imports`, { text: 'Ulla Ett, Nora kommun', removeMissing: false }, 'sam.sekreterare@regionorebrolan.se');
    expect(ok.status).toBe(201);
    expect((await post(`/api/v1/bodies/${a}/roster-imports`, list, 'sam.sekreterare@regionorebrolan.se')).status).toBe(403);
    expect((await post(`/api/v1/bodies/${a}/roster-imports`, list)).status).toBe(201);
  });
});
