/**
 * Archive-ready output through the product's door: a seed meeting imported, minuted and justerad over the
 * API; its version as PDF/A-2b; the body's archive zip (every justerad protokoll as PDF/A, the decision
 * register and attendance as CSV/JSON, arkiv.json) only for the secretary or an administrator, refused on
 * the server for a member; the accessibility statement served with the configured report address.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { pdfText } from '../../kit/pdf-tools';
import { ADMIN, apply, createBody, json, preview, readSeed } from '../roster/roster-kit';

let t: TestApp;
let bodyId = '';
let finalMeeting = '';
let draftMeeting = '';
let finalNumber = 0;
const SECRETARY = 'linnea.hedkvist@regionorebrolan.se';
const MEMBER = 'emma.lado@olbf.se';

async function personId(name: string): Promise<{ id: string; version: number }> {
  const { people } = await json(await t.api('/api/v1/people', { as: ADMIN }), 200);
  return people.find((p: { name: string }) => p.name === name);
}

async function meetingFromSeed(date: string): Promise<string> {
  const imp = await preview(t, bodyId, { text: readSeed('chefsgrupp-folkhalsa-2022-01-31'), createMeeting: { date, startTime: '09:00', endTime: '12:00', documentKind: 'minnesanteckningar' } });
  return (await apply(t, bodyId, imp.id, { version: imp.version })).result.meetingId as string;
}

beforeAll(async () => {
  t = await startTestApp({ env: { RADSLAG_ACCESSIBILITY_CONTACT: 'tillganglighet@regionorebrolan.se' } });
  bodyId = await createBody(t, 'Chefsgrupp folkhälsa', 'chefsgrupp');
  finalMeeting = await meetingFromSeed('2022-01-31');
  for (const [name, email] of [['Linnea Hedkvist', SECRETARY], ['Emma Lado', MEMBER]] as const) {
    const p = await personId(name);
    await json(await t.api(`/api/v1/people/${p.id}`, { method: 'PATCH', as: ADMIN, json: { version: p.version, email } }), 200);
  }
}, 120_000);

const ids = new Map<string, string>();
async function personIdSync(name: string): Promise<string> {
  if (!ids.has(name)) ids.set(name, (await personId(name)).id);
  return ids.get(name)!;
}

afterAll(async () => {
  await t?.close();
});

describe('archive-ready output', () => {
  it('the secretary minutes and justerar a meeting; its version comes as PDF/A-2b with the minutes’ text', async () => {
    // Linnea gets the body's sekreterare seat; Emma stays a member.
    const linnea = await personIdSync('Linnea Hedkvist');
    const { memberships } = await json(await t.api(`/api/v1/bodies/${bodyId}/memberships`, { as: ADMIN }), 200);
    const seat = memberships.find((m: { personId: string }) => m.personId === linnea);
    await json(await t.api(`/api/v1/bodies/${bodyId}/memberships/${seat.id}`, { method: 'PATCH', as: ADMIN, json: { version: seat.version, role: 'sekreterare' } }), 200);
    const { meeting } = await json(await t.api(`/api/v1/meetings/${finalMeeting}`, { as: ADMIN }), 200);
    const ingmar = await personIdSync('Ingmar Ångman');
    await json(await t.api(`/api/v1/meetings/${finalMeeting}`, { method: 'PATCH', as: ADMIN, json: { version: meeting.version, secretaryPersonIds: [linnea], chairPersonId: ingmar, justerarePersonIds: [ingmar] } }), 200);
    const item = await json(await t.api(`/api/v1/meetings/${finalMeeting}/agenda/items`, { method: 'POST', as: SECRETARY, json: { title: 'Föregående minnesanteckningar', kind: 'beslut', presenters: [] } }), 201);
    const d = await json(await t.api(`/api/v1/meetings/${finalMeeting}/agenda/items/${(item.item ?? item).id}/decisions`, { method: 'POST', as: SECRETARY, json: { text: 'Anteckningarna från mötet 2021-12-08 lades till handlingarna.' } }), 201);
    await json(await t.api(`/api/v1/decisions/${d.id}/confirm`, { method: 'POST', as: SECRETARY, json: { version: d.version } }), 200);
    const v = await json(await t.api(`/api/v1/meetings/${finalMeeting}/minutes/versions`, { method: 'POST', as: SECRETARY }), 201);
    await json(await t.api(`/api/v1/meetings/${finalMeeting}/minutes/justering`, { method: 'POST', as: SECRETARY, json: {} }), 200);
    const r = await json(await t.api(`/api/v1/meetings/${finalMeeting}/minutes/versions/${v.number}/justering/external`, { method: 'POST', as: SECRETARY, json: { personId: ingmar, date: '2022-02-07', method: 'email' } }), 200);
    finalNumber = r.final.number;

    const res = await t.api(`/api/v1/meetings/${finalMeeting}/minutes/versions/${finalNumber}/pdf`, { as: SECRETARY });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
    const text = pdfText(pdf);
    expect(text).toContain('Minnesanteckningar – Chefsgrupp folkhälsa');
    expect(text).toContain('Beslut: Anteckningarna från mötet 2021-12-08 lades till handlingarna.');
    expect(text).toContain('Justerat den: 2022-02-07 via e-post.');
  }, 120_000);

  it('refuses the archive to a member on the server, and gives the secretary every justerad protokoll, the register and attendance', async () => {
    draftMeeting = await meetingFromSeed('2022-04-21');
    const refused = await t.api(`/api/v1/bodies/${bodyId}/archive`, { as: MEMBER });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('FORBIDDEN');

    const res = await t.api(`/api/v1/bodies/${bodyId}/archive`, { as: SECRETARY });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('Arkiv Chefsgrupp folkhälsa');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const pdfName = `protokoll/2022-01-31 Minnesanteckningar version ${finalNumber}.pdf`;
    expect(Object.keys(files).sort()).toEqual(['arkiv.json', 'beslutsregister.csv', 'beslutsregister.json', 'narvaro.csv', 'narvaro.json', pdfName].sort());
    expect(pdfText(files[pdfName]!)).toContain('Justerat den: 2022-02-07 via e-post.');

    const manifest = JSON.parse(strFromU8(files['arkiv.json']!));
    expect(manifest.included).toEqual([expect.objectContaining({ meetingId: finalMeeting, version: finalNumber, file: pdfName, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(manifest.leftOut).toEqual([expect.objectContaining({ meetingId: draftMeeting, reason: expect.stringContaining('inte justerat') })]);

    const decisions = JSON.parse(strFromU8(files['beslutsregister.json']!));
    expect(decisions).toEqual([expect.objectContaining({ meetingDate: '2022-01-31', itemNumber: 1, decision: 'Anteckningarna från mötet 2021-12-08 lades till handlingarna.', minutesVersion: finalNumber })]);
    const csv = strFromU8(files['beslutsregister.csv']!);
    // A UTF-8 byte-order mark first (the decoder drops it from the text), so Excel reads å, ä, ö right.
    expect([...files['beslutsregister.csv']!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.startsWith('"meetingDate","meetingId"')).toBe(true);
    expect(csv).toContain('"Anteckningarna från mötet 2021-12-08 lades till handlingarna."');

    const attendance = JSON.parse(strFromU8(files['narvaro.json']!));
    expect(attendance.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['Ingmar Ångman', 'Emma Lado', 'Linnea Hedkvist']));
    expect(attendance.every((a: { meetingId: string }) => a.meetingId === finalMeeting)).toBe(true);
    expect(strFromU8(files['narvaro.csv']!).split('\r\n').filter(Boolean)).toHaveLength(attendance.length + 1);

    const audit = await json(await t.api(`/api/v1/audit?entity=body&entityId=${bodyId}`, { as: ADMIN }), 200);
    expect(JSON.stringify(audit)).toContain('archive.export');
  }, 120_000);

  it('answers a bad or unknown body with a clear error, never a 500', async () => {
    expect((await t.api('/api/v1/bodies/does-not-exist/archive', { as: ADMIN })).status).toBe(404);
    expect((await t.api(`/api/v1/meetings/${finalMeeting}/minutes/versions/999/pdf`, { as: ADMIN })).status).toBe(404);
  });
});

describe('accessibility statement', () => {
  it('is served in Swedish and English with a way to report a problem and where to complain', async () => {
    for (const path of ['/accessibility', '/tillganglighet']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<h1>Tillgänglighetsredogörelse för Rådslag</h1>');
      expect(html).toContain('lagen (2018:1937) om tillgänglighet till digital offentlig service');
      expect(html).toContain('<h1 lang="en" id="en">Accessibility statement for Rådslag</h1>');
      expect(html).toContain('href="mailto:tillganglighet@regionorebrolan.se?subject=');
      expect(html).toContain('digg.se/tdosanmalan');
    }
  });
});
