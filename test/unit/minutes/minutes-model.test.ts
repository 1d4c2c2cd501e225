import { describe, expect, it } from 'vitest';
import { RadslagError } from '../../../shared/errors/catalog';
import { deriveItemRange } from '../../../shared/minutes/derive-item-range';
import { buildMinutesModel } from '../../../shared/minutes/build-minutes-model';
import type { MinutesInput, MinutesModel, MinutesPerson } from '../../../shared/minutes/minutes-model';
import { parseNotes } from '../../../shared/minutes/note-blocks';
import { meetingTimeLine, yymmddInZone } from '../../../shared/minutes/swedish-time';
import { SEED_2022, SEED_2024, decision } from './fixtures';

const clone = (i: MinutesInput): MinutesInput => structuredClone(i);

function bodyGroup(m: MinutesModel, bodyName: string, key: 'ledamöter' | 'ersättare'): MinutesPerson[] {
  const body = m.attendance.bodies.find((b) => b.bodyName === bodyName);
  return body?.groups.find((g) => g.key === key)?.people ?? [];
}

describe('buildMinutesModel: 2024-09-20 joint protocol', () => {
  const m = buildMinutesModel(SEED_2024.input);
  const ex = SEED_2024.expected;

  it('has the header of the seed: two bodies, Protokoll, Tid in Stockholm time, Plats, two secretaries, chair, justerare', () => {
    expect(m.header.joint).toBe(true);
    expect(m.header.bodies.map((b) => b.name)).toEqual(ex.bodies.map((b) => b.name));
    expect(m.header.documentKindLabel).toBe('Protokoll');
    expect(m.header.time).toBe(ex.time);
    expect(m.header.place).toBe('Lokal Eken, Eklundavägen 1');
    expect(m.header.secretaries).toEqual(['Malin Duckert Ek', 'Maria Lindborg']);
    expect(m.header.chair).toBe('Behcet Barsom, Region Örebro län');
    expect(m.header.justerare).toEqual(['Siw Lunander, Hallsbergs kommun']);
  });

  it('lists every roster person per body and group in the state the seed shows', () => {
    for (const body of ex.bodies) {
      for (const key of ['ledamöter', 'ersättare'] as const) {
        const rows = body[key];
        const listed = bodyGroup(m, body.name, key).filter((p) => p.state !== 'vacant');
        // In the roster's order; the chair only in the header ("Ordförande: Behcet Barsom, Region Örebro län").
        const want = rows.filter((r) => r[0] !== ex.chair);
        expect(listed.map((p) => p.name)).toEqual(want.map((r) => r[0]));
        expect(listed.map((p) => p.state)).toEqual(want.map((r) => r[2]));
      }
    }
  });

  it('strikes exactly the seed’s förhinder names per body and keeps a vacancy', () => {
    for (const body of ex.bodies) {
      const struck = [...bodyGroup(m, body.name, 'ledamöter'), ...bodyGroup(m, body.name, 'ersättare')].filter((p) => p.state === 'förhinder').map((p) => p.name);
      expect(struck.sort()).toEqual((ex.struck[body.name] ?? []).slice().sort());
    }
    expect(bodyGroup(m, ex.bodies[1]!.name, 'ersättare').find((p) => p.state === 'vacant')?.line).toBe('Vakant, RF-SISU');
  });

  it('gives a person on both councils the state per council (Jerry present in one, förhinder in the other)', () => {
    const a = bodyGroup(m, ex.bodies[0]!.name, 'ledamöter').find((p) => p.name === 'Jerry Karjalainen');
    const b = bodyGroup(m, ex.bodies[1]!.name, 'ledamöter').find((p) => p.name === 'Jerry Karjalainen');
    expect(a?.state).toBe('present');
    expect(b?.state).toBe('förhinder');
  });

  it('counts a person on both councils once in the totals, as taking part when present on either list', () => {
    const listed = [...m.attendance.bodies.flatMap((b) => b.groups), ...m.attendance.common].flatMap((g) => g.people).filter((p) => p.personId);
    const states = new Map<string, Set<string>>();
    for (const p of listed) states.set(p.personId!, new Set([...(states.get(p.personId!) ?? []), p.state]));
    expect(states.get(listed.find((p) => p.name === 'Jerry Karjalainen')!.personId!)).toEqual(new Set(['present', 'förhinder']));
    const tookPart = [...states.values()].filter((s) => s.has('present')).length;
    const struckOnly = [...states.values()].filter((s) => !s.has('present') && s.has('förhinder')).length;
    // + the chair, named in the header and not listed again, who took part.
    expect(m.attendance.counts.present).toBe(tookPart + 1);
    expect(m.attendance.counts.förhinder).toBe(struckOnly);
  });

  it('writes "ersätter X" for serving ersättare', () => {
    const all = m.attendance.bodies.flatMap((b) => b.groups.flatMap((g) => g.people));
    for (const [who, whom] of ex.replacements) {
      const p = all.find((x) => x.name === who && x.replaces);
      expect(p?.replaces).toBe(`ersätter ${whom}`);
      expect(p?.line).toContain(`(ersätter ${whom})`);
    }
  });

  it('lists tjänstepersoner once for the joint meeting with title and organisation', () => {
    const tj = m.attendance.common.find((g) => g.key === 'tjänstepersoner');
    expect(tj?.people.map((p) => p.name)).toEqual(ex.tjänstepersoner);
    expect(tj?.people[0]?.line).toBe('Ingmar Ångman, områdeschef Välfärd och folkhälsa, Regional utveckling, Region Örebro län');
  });

  it('has the 14 numbered items with presenters, the decisions and övriga frågor', () => {
    expect(m.items.map((i) => `${i.number}. ${i.title}`)).toEqual(ex.itemTitles);
    expect(m.items.flatMap((i) => i.decisions.map((d) => d.text))).toEqual(ex.decisions);
    expect(m.items[9]?.presenters).toEqual(['Maria Lindborg', 'Malin Duckert Ek']);
    expect(m.otherQuestionsItemNumber).toBe(12);
    expect(m.attachments.map((a) => a.itemNumber)).toEqual([4, 11]);
  });

  it('parses item 10 notes into a numbered list and a bullet list', () => {
    const kinds = m.items[9]?.notes.map((b) => b.kind);
    expect(kinds).toEqual(['paragraph', 'numbered', 'paragraph', 'bullets']);
  });

  it('stamps the justering via e-post like the seed and is final', () => {
    expect(m.justering.complete).toBe(true);
    expect(m.justering.line).toBe(ex.justering);
    expect(m.status).toBe('final');
    expect(m.legend).toBe('✓ = deltog, överstruken = meddelat förhinder');
  });

  it('is deterministic and does not depend on input order of decisions', () => {
    const shuffled = clone(SEED_2024.input);
    shuffled.decisions.reverse();
    shuffled.attendance.reverse();
    expect(buildMinutesModel(shuffled)).toEqual(m);
  });
});

describe('buildMinutesModel: 2022-01-31 minnesanteckningar', () => {
  const m = buildMinutesModel(SEED_2022.input);
  const ex = SEED_2022.expected;
  const everyone = [...m.attendance.bodies.flatMap((b) => b.groups), ...m.attendance.common].flatMap((g) => g.people);

  it('has the seed’s title and document kind', () => {
    expect(m.header.title).toBe(ex.title);
    expect(m.header.documentKind).toBe('minnesanteckningar');
    expect(m.header.joint).toBe(false);
  });

  it('lists everyone present, with "punkt 2–5", derived "punkt 6–7" and "del av mötet"', () => {
    expect(everyone.map((p) => p.name).sort()).toEqual(ex.present.slice().sort());
    expect(everyone.every((p) => p.state === 'present')).toBe(true);
    for (const [name, partial] of Object.entries(ex.partial)) expect(everyone.find((p) => p.name === name)?.partial).toBe(partial);
    expect(everyone.filter((p) => p.partial).length).toBe(3);
  });

  it('has decisions, tasks, upcoming dates and the Driv och hinder summary', () => {
    expect(m.items.flatMap((i) => i.decisions.map((d) => d.text))).toEqual(ex.decisions);
    expect(m.tasks.map((t) => t.line)).toContain('Linnea Hedkvist: Gör en doodle för ett möte i mars.');
    expect(m.tasks.find((t) => t.dueDate)?.line).toContain('(senast 2022-04-21)');
    expect(m.upcoming).toHaveLength(ex.upcomingCount);
    expect(m.upcoming[0]?.line).toBe('21 april 2022 em');
    expect(m.evaluation?.worked).toEqual(ex.worked);
    expect(m.evaluation?.hindered).toEqual(ex.hindered);
    expect(m.evaluation?.averageScore).toBe(4.3);
    expect(m.justering.line).toBeNull();
  });

  it('turns a pasted URL in the notes into a link', () => {
    const blocks = m.items[8]?.notes ?? [];
    const links = blocks.flatMap((b) => (b.kind === 'paragraph' ? b.inlines : [])).filter((i) => i.kind === 'link');
    expect(links).toEqual([{ kind: 'link', text: 'https://www.arvsfonden.se/ansokan/ny-malgrupp', url: 'https://www.arvsfonden.se/ansokan/ny-malgrupp' }]);
  });
});

describe('justering, handovers, votes', () => {
  it('stamps Teams justering as "Justerade: name YYMMDD" in the meeting zone', () => {
    const input = clone(SEED_2024.input);
    const jari = SEED_2024.id('Jari Mehtäläinen');
    const behcet = SEED_2024.id('Behcet Barsom');
    input.meeting.justerarePersonIds = [jari, behcet];
    // 22:30 UTC on 3 April is 00:30 on 4 April in Stockholm (CEST).
    input.justering = [
      { personId: behcet, signedAt: '2025-04-03T22:30:00.000Z', method: 'teams' },
      { personId: jari, signedAt: '2025-04-03T09:00:00.000Z', method: 'teams' },
    ];
    const m = buildMinutesModel(input);
    expect(m.justering.line).toBe('Justerade: Jari Mehtäläinen 250403, Behcet Barsom 250404');
  });

  it('refuses a final version before every justerare has signed, and a signature by someone not appointed', () => {
    const input = clone(SEED_2024.input);
    input.justering = [];
    expect(() => buildMinutesModel(input)).toThrowError(RadslagError);
    try {
      buildMinutesModel(input);
    } catch (e) {
      expect((e as RadslagError).code).toBe('CONFLICT_STATE');
    }
    input.status = 'draft';
    expect(buildMinutesModel(input).justering.pending).toEqual(['Siw Lunander']);
    input.justering = [{ personId: SEED_2024.id('Jenny Steen'), signedAt: '2024-10-01T08:00:00Z', method: 'email' }];
    expect(() => buildMinutesModel(input)).toThrow(/inte utsedd justerare|not valid/);
  });

  it('writes the chair handover in the header and at the item', () => {
    const input = clone(SEED_2024.input);
    input.chairHandovers = [
      { id: 'h1', meetingId: input.meeting.id, personId: SEED_2024.id('Siw Lunander'), fromItemNumber: 11, at: '2024-09-20T09:00:00Z', recordedBy: 'x' },
    ];
    const m = buildMinutesModel(input);
    expect(m.header.chairHandovers).toEqual(['Siw Lunander tog över som mötesordförande från punkt 11']);
    expect(m.items[10]?.chairNotes).toEqual(['Siw Lunander tog över som mötesordförande.']);
  });

  it('writes a jäv at its item, after a handover there', () => {
    const input = clone(SEED_2024.input);
    input.chairHandovers = [{ id: 'h1', meetingId: input.meeting.id, personId: SEED_2024.id('Siw Lunander'), fromItemNumber: 11, at: '2024-09-20T09:00:00Z', recordedBy: 'x' }];
    const item = input.items.find((i) => i.number === 11)!;
    input.recusals = [{ id: 'r1', meetingId: input.meeting.id, itemId: item.id, personId: SEED_2024.id('Jari Mehtäläinen'), note: null }];
    const m = buildMinutesModel(input);
    expect(m.items[10]?.chairNotes).toEqual(['Siw Lunander tog över som mötesordförande.', 'Jari Mehtäläinen anmälde jäv och deltog inte i handläggningen av ärendet.']);
    expect(m.items.filter((i) => i.chairNotes.length > 0).map((i) => i.number)).toEqual([11]);
  });

  it('counts an open vote with names, a secret one without, a changed vote once, and reservations', () => {
    const input = clone(SEED_2024.input);
    const id = SEED_2024.id;
    const voters = ['Jenny Steen', 'Jessica Ekerbring', 'Jari Mehtäläinen', 'Siw Lunander'].map(id);
    const round = (secret: boolean) => ({
      question: 'Bifall till förslaget',
      openedAt: '2024-09-20T09:30:00Z',
      eligiblePersonIds: voters,
      secret,
      votes: [
        { personId: voters[0]!, choice: 'ja' as const, at: '2024-09-20T09:31:00Z' },
        { personId: voters[1]!, choice: 'nej' as const, at: '2024-09-20T09:31:00Z' },
        { personId: voters[1]!, choice: 'ja' as const, at: '2024-09-20T09:32:00Z' },
        { personId: voters[2]!, choice: 'nej' as const, at: '2024-09-20T09:31:00Z' },
        { personId: voters[3]!, choice: 'avstår' as const, at: '2024-09-20T09:31:00Z' },
      ],
    });
    input.decisions.push(
      decision(input.meeting.id, 13, 'Rådet ställer sig bakom överenskommelsen.', '2024-09-20T09:33:00Z', {
        vote: round(false),
        reservations: [{ personId: voters[2]!, text: 'Kostnaderna är inte utredda.', at: '2024-09-20T09:34:00Z' }],
      }),
      decision(input.meeting.id, 13, 'Beslut om implementeringsnätverk skjuts upp.', '2024-09-20T09:40:00Z', { vote: round(true), postponed: true }),
    );
    const m = buildMinutesModel(input);
    const [open, secret] = m.items[12]?.decisions ?? [];
    expect(open?.vote).toMatchObject({ ja: 2, nej: 1, avstår: 1, secret: false });
    expect(open?.vote?.names?.ja).toEqual(['Jenny Steen', 'Jessica Ekerbring'].sort((a, b) => a.localeCompare(b, 'sv')));
    expect(open?.vote?.line).toBe('Omröstning: Bifall till förslaget – ja 2 (Jenny Steen, Jessica Ekerbring), nej 1 (Jari Mehtäläinen), avstår 1 (Siw Lunander)');
    expect(open?.reservations).toEqual(['Jari Mehtäläinen reserverar sig: Kostnaderna är inte utredda.']);
    expect(secret?.vote?.names).toBeNull();
    expect(secret?.vote?.line).toBe('Sluten omröstning: Bifall till förslaget – ja 2, nej 1, avstår 1');
    expect(m.items[12]?.postponed).toBe(true);
  });

  it('leaves proposed decisions out of a final version and marks them in a draft', () => {
    const input = clone(SEED_2024.input);
    input.decisions.push(decision(input.meeting.id, 13, 'Förslag som inte bekräftats.', '2024-09-20T09:50:00Z', { status: 'proposed' }));
    expect(buildMinutesModel(input).items[12]?.decisions).toEqual([]);
    input.status = 'draft';
    expect(buildMinutesModel(input).items[12]?.decisions[0]?.unconfirmed).toBe(true);
  });
});

describe('validation', () => {
  it('refuses unknown people, unknown items, duplicate item numbers and a bad time zone with VALIDATION_FAILED', () => {
    const cases: ((i: MinutesInput) => void)[] = [
      (i) => (i.meeting.secretaryPersonIds = ['p-nobody']),
      (i) => i.decisions.push(decision(i.meeting.id, 99, 'X', '2024-09-20T08:00:00Z')),
      (i) => (i.items[1]!.number = 1),
      (i) => (i.meeting.timeZone = 'Europe/Atlantis'),
      (i) => (i.version = 0),
    ];
    for (const mutate of cases) {
      const input = clone(SEED_2024.input);
      mutate(input);
      let code: string | undefined;
      try {
        buildMinutesModel(input);
      } catch (e) {
        code = (e as RadslagError).code;
      }
      expect(code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('helpers', () => {
  it('formats times in the meeting zone across DST (CET in winter, CEST in summer)', () => {
    expect(meetingTimeLine('2022-01-31T08:00:00Z', '2022-01-31T11:00:00Z', 'Europe/Stockholm')).toBe('2022-01-31, kl. 09.00–12.00');
    expect(meetingTimeLine('2024-09-20T07:00:00Z', '2024-09-20T10:00:00Z', 'Europe/Stockholm')).toBe('2024-09-20, kl. 09.00–12.00');
    expect(meetingTimeLine('2024-09-20T21:00:00Z', '2024-09-20T22:30:00Z', 'Europe/Stockholm')).toBe('2024-09-20, kl. 23.00 – 2024-09-21, kl. 00.30');
    expect(yymmddInZone('2024-12-31T23:30:00Z', 'Europe/Stockholm')).toBe('250101');
  });

  it('derives the item range from join/leave intervals', () => {
    const items = [1, 2, 3, 4, 5].map((n) => ({ number: n, startedAt: `2024-01-01T0${n}:00:00Z`, endedAt: `2024-01-01T0${n + 1}:00:00Z` }));
    const iv = (from: string, to: string | null) => ({ from: `2024-01-01T${from}:00Z`, to: to ? `2024-01-01T${to}:00Z` : null });
    expect(deriveItemRange([iv('02:00', '04:00')], items)).toEqual({ from: 2, to: 3 });
    // A join one minute late still counts the item; leaving after a quarter does not.
    expect(deriveItemRange([iv('02:01', '03:15')], items)).toEqual({ from: 2, to: 2 });
    // Two overlapping sources for the same presence are not counted twice.
    expect(deriveItemRange([iv('03:00', '03:20'), iv('03:10', '03:25')], items)).toBeNull();
    expect(deriveItemRange([iv('00:30', null)], items, '2024-01-01T06:00:00Z')).toBeNull();
    expect(deriveItemRange([iv('04:00', null)], items, '2024-01-01T06:00:00Z')).toEqual({ from: 4, to: 5 });
    expect(deriveItemRange([], items)).toBeNull();
    expect(deriveItemRange([iv('02:00', '03:00')], [{ number: 1, startedAt: null, endedAt: null }])).toBeNull();
  });

  it('parses notes: paragraphs, bullets, numbered lists, markdown links, and refuses javascript: links', () => {
    const blocks = parseNotes('Första raden\nfortsätter.\n\n- a\n- [b](https://x.se/b)\n1. ett\n2. två\n\n[klick](javascript:alert(1))');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'bullets', 'numbered', 'paragraph']);
    expect(blocks[0]).toEqual({ kind: 'paragraph', inlines: [{ kind: 'text', text: 'Första raden fortsätter.' }] });
    expect(blocks[1]).toEqual({ kind: 'bullets', items: [[{ kind: 'text', text: 'a' }], [{ kind: 'link', text: 'b', url: 'https://x.se/b' }]] });
    const last = blocks[3];
    expect(last?.kind === 'paragraph' && last.inlines.every((i) => i.kind === 'text')).toBe(true);
  });
});

describe('attendance edge cases', () => {
  it('writes "frånvarande" for absent people, counts states, and does not count a vacancy as a ledamot', () => {
    const input = clone(SEED_2024.input);
    const jenny = input.attendance.find((a) => a.personId === SEED_2024.id('Jenny Steen'));
    jenny!.state = 'absent';
    const m = buildMinutesModel(input);
    const p = m.attendance.bodies[0]?.groups[0]?.people.find((x) => x.name === 'Jenny Steen');
    expect(p?.state).toBe('absent');
    expect(p?.line).toBe('Jenny Steen, Region Örebro län (frånvarande)');
    expect(m.attendance.counts.absent).toBe(1);
    const [a, b] = m.attendance.counts.perBody;
    expect(a).toMatchObject({ ledamöterListed: 13, ledamöterPresent: 11, förhinder: 2 });
    expect(b).toMatchObject({ ledamöterListed: 14, ledamöterPresent: 11, ersättarePresent: 3, förhinder: 3 });
  });

  it('lists a guest with an attendance record but no seat under Övriga', () => {
    const input = clone(SEED_2024.input);
    input.persons.push({ id: 'p-guest', tenantId: 't', name: 'Albin Algotson', isAdmin: false, version: 1 });
    input.attendance.push({ ...input.attendance[0]!, id: 'a-guest', personId: 'p-guest', bodyId: null, state: 'present' });
    const m = buildMinutesModel(input);
    expect(m.attendance.common.map((g) => g.label)).toEqual(['Tjänstepersoner', 'Övriga']);
    expect(m.attendance.common[1]?.people.map((p) => p.line)).toEqual(['Albin Algotson']);
  });

  it('refuses an upcoming date that is not a calendar date', () => {
    const input = clone(SEED_2022.input);
    input.upcomingDates![0]!.date = '21 april';
    expect(() => buildMinutesModel(input)).toThrow(RadslagError);
  });
});
