/**
 * Domain input for the minutes tests, typed in by hand from the seed minutes
 * (test/fixtures/seeds/specifika-samverkansraden-2024-09-20.txt and chefsgrupp-folkhalsa-2022-01-31.txt).
 * Each fixture also carries the seed's expectations as plain tables (who is struck through, who replaced
 * whom, the decisions) so tests compare the rendered output with the seed, not with the renderer.
 */
import type {
  AgendaItem,
  Attendance,
  AttendanceInterval,
  AttendanceState,
  Body,
  Decision,
  EvaluationEntry,
  FollowUpTask,
  ItemKind,
  Meeting,
  Membership,
  MembershipRole,
  Organisation,
  Person,
  StandardItemKey,
  UpcomingDate,
} from '../../../shared/domain';
import type { MinutesInput } from '../../../shared/minutes/minutes-model';

const T = 'tenant-1';

const slug = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function org(name: string, kind: Organisation['kind'] = 'kommun'): Organisation {
  return { id: `org-${slug(name)}`, tenantId: T, name, kind, aliases: [], version: 1 };
}

export function person(name: string, opts: { title?: string; organisationId?: string } = {}): Person {
  return {
    id: `p-${slug(name)}`,
    tenantId: T,
    name,
    email: `${slug(name)}@example.se`,
    title: opts.title ?? null,
    organisationId: opts.organisationId ?? null,
    isAdmin: false,
    version: 1,
  };
}

let seq = 0;
export function membership(bodyId: string, personId: string | null, role: MembershipRole, organisationId: string | null, title?: string): Membership {
  seq += 1;
  // The roster's order, as an import stores it (the minutes list people in this order).
  return { id: `m-${seq}`, tenantId: T, bodyId, personId, role, organisationId, title: title ?? null, position: seq, version: 1 };
}

export function attendance(
  meetingId: string,
  personId: string,
  state: AttendanceState,
  opts: Partial<Pick<Attendance, 'bodyId' | 'replacesPersonId' | 'itemRange' | 'partOfMeeting' | 'note'>> = {},
): Attendance {
  return {
    id: `a-${personId}-${opts.bodyId ?? 'all'}`,
    tenantId: T,
    meetingId,
    personId,
    bodyId: opts.bodyId ?? null,
    state,
    source: 'secretary',
    replacesPersonId: opts.replacesPersonId ?? null,
    itemRange: opts.itemRange ?? null,
    partOfMeeting: opts.partOfMeeting ?? false,
    note: opts.note ?? null,
    updatedAt: '2024-09-20T07:00:00.000Z',
    version: 1,
  };
}

export function item(
  meetingId: string,
  number: number,
  title: string,
  opts: { presenters?: string[]; kind?: ItemKind; standardKey?: StandardItemKey; notes?: string; attachments?: { title: string; url: string }[]; startedAt?: string; endedAt?: string } = {},
): AgendaItem {
  return {
    id: `${meetingId}-i${number}`,
    meetingId,
    number,
    title,
    presenters: (opts.presenters ?? []).map((name) => ({ personId: `p-${slug(name)}`, name })),
    kind: opts.kind ?? 'information',
    standardKey: opts.standardKey ?? null,
    attachments: opts.attachments ?? [],
    status: 'done',
    notes: opts.notes ?? '',
    startedAt: opts.startedAt ?? null,
    endedAt: opts.endedAt ?? null,
    version: 1,
  };
}

export function decision(meetingId: string, itemNumber: number, text: string, at: string, extra: Partial<Decision> = {}): Decision {
  return {
    id: `${meetingId}-d${itemNumber}-${slug(text).slice(0, 12)}`,
    tenantId: T,
    meetingId,
    itemId: `${meetingId}-i${itemNumber}`,
    text,
    status: 'confirmed',
    postponed: false,
    proposedBy: 'p-secretary',
    proposedAt: at,
    confirmedAt: at,
    reservations: [],
    version: 1,
    ...extra,
  };
}

// =============================================================================================
// 2024-09-20: joint protocol of the two specifika samverkansråd
// =============================================================================================

export const SEED_2024 = (() => {
  const meetingId = 'mtg-2024-09-20';
  const bodyA: Body = {
    id: 'body-ssv',
    tenantId: T,
    name: 'Specifika samverkansrådet för social välfärd samt vård och omsorg',
    kind: 'råd',
    defaultDocumentKind: 'protokoll',
    version: 1,
  };
  const bodyB: Body = { id: 'body-sfh', tenantId: T, name: 'Specifika samverkansrådet för folkhälsa', kind: 'råd', defaultDocumentKind: 'protokoll', version: 1 };

  const kommuner = ['Askersund', 'Degerfors', 'Hallsbergs', 'Hällefors', 'Karlskoga', 'Kumla', 'Laxå', 'Lekeberg', 'Lindesberg', 'Ljusnarsberg', 'Nora', 'Örebro'];
  const orgs: Record<string, Organisation> = {};
  for (const k of kommuner) orgs[k] = org(`${k} kommun`);
  orgs.ROL = org('Region Örebro län', 'region');
  orgs.RFSISU = org('RF-SISU', 'förening');
  orgs.OLBF = org('ÖLBF', 'förening');
  const o = (key: string): string => {
    const x = orgs[key];
    if (!x) throw new Error(`fixture: unknown org ${key}`);
    return x.id;
  };

  const persons = new Map<string, Person>();
  const p = (name: string, opts: { title?: string; organisationId?: string } = {}): Person => {
    const existing = persons.get(name);
    if (existing) return existing;
    const made = person(name, opts);
    persons.set(name, made);
    return made;
  };
  const id = (name: string): string => p(name).id;

  /** [name, org key, state, replaces?, bodyId for a per-body record?] as in the seed's lists. */
  type Row = [string, string | null, AttendanceState | 'expected', string?];
  const bodyALedamoter: Row[] = [
    ['Jenny Steen', 'ROL', 'present'],
    ['Jessica Ekerbring', 'Örebro', 'present'],
    ['Helena Fagerstedt', 'Lekeberg', 'förhinder'],
    ['Jari Mehtäläinen', 'Lindesberg', 'present'],
    ['Christina Kuurne', 'Hällefors', 'present'],
    ['Lena Jonsson-Arndt', 'Karlskoga', 'present'],
    ['Siw Lunander', 'Hallsbergs', 'present'],
    ['Niina Linatti', 'Askersund', 'present'],
    ['Ingela Sundberg', 'Degerfors', 'present'],
    ['Jerry Karjalainen', 'Laxå', 'present'],
    ['Annica Sjöqvist', 'Kumla', 'present'],
    ['Jon Brossberg', 'Ljusnarsberg', 'present'],
    ['Anna Karlsson', 'Nora', 'present'],
  ];
  const bodyAErsattare: Row[] = [
    ['Behcet Barsom', null, 'present'],
    ['Erik Sjöberg', 'Örebro', 'expected'],
    ['Yvonne Hagström', 'Lekeberg', 'present', 'Helena Fagerstedt'],
    ['Monika Klockars', 'Lindesberg', 'förhinder'],
    ['Wilhelm Tham', 'Hällefors', 'expected'],
    ['Liselott Eriksson', 'Karlskoga', 'expected'],
    ['Ann-Christine Appelqvist', 'Hallsbergs', 'expected'],
  ];
  const bodyBLedamoter: Row[] = [
    ['Caroline Dieker', 'Askersund', 'förhinder'],
    ['Ann-Christin Pettersson', 'Degerfors', 'present'],
    ['Siw Lunander', 'Hallsbergs', 'present'],
    ['Mattias Kjellberg', 'Hällefors', 'förhinder'],
    ['Amanda Lindgren', 'Karlskoga', 'present'],
    ['Annica Sjöqvist', 'Kumla', 'present'],
    ['Jerry Karjalainen', 'Laxå', 'förhinder'],
    ['Kristin Östman', 'Lekeberg', 'present'],
    ['Jari Mehtäläinen', 'Lindesberg', 'present'],
    ['Natalie Ström', 'Ljusnarsberg', 'present'],
    ['Anna Karlsson', 'Nora', 'present'],
    ['Jimmy Nordengren', 'Örebro', 'present'],
    ['Unnur Tryggvadóttir', 'RFSISU', 'present'],
    ['Cecilia Lönn-Elgstrand', 'OLBF', 'present'],
  ];
  const bodyBErsattare: Row[] = [
    ['Erik König', 'Askersund', 'present', 'Caroline Dieker'],
    ['Anita Bohlin Neuman', 'Degerfors', 'expected'],
    ['Ann-Christine Appelqvist', 'Hallsbergs', 'expected'],
    ['Christina Kuurne', 'Hällefors', 'present', 'Mattias Kjellberg'],
    ['Lena Hagström', 'Karlskoga', 'expected'],
    ['Jan Engman', 'Kumla', 'expected'],
    ['Elvy Wiklund', 'Laxå', 'present', 'Jerry Karjalainen'],
    ['Berth Falk', 'Lekeberg', 'expected'],
    ['Emma Lado', 'OLBF', 'expected'],
  ];
  const tjanstepersoner: [string, string][] = [
    ['Ingmar Ångman', 'områdeschef Välfärd och folkhälsa, Regional utveckling'],
    ['Panagiota Lazaridou', 'specialistläkare och medicinsk rådgivare välfärd och folkhälsa, Hälsa- och sjukvårdsstaben'],
    ['Maria Lindborg', 'utvecklingsledare, Välfärd och folkhälsa, Regional utveckling'],
    ['Malin Duckert Ek', 'utvecklingsledare, Välfärd och folkhälsa, Regional utveckling'],
    ['Anna Swift Johannison', 'utredningssekreterare, Staben hållbar utveckling'],
  ];

  p('Behcet Barsom', { organisationId: o('ROL') });
  const memberships: Membership[] = [];
  const attendances: Attendance[] = [];
  const recorded = new Map<string, AttendanceState>();
  const addRows = (bodyId: string, role: MembershipRole, rows: Row[]): void => {
    for (const [name, orgKey, state, replaces] of rows) {
      const pid = id(name);
      memberships.push(membership(bodyId, pid, role, orgKey ? o(orgKey) : null));
      if (state === 'expected') continue;
      const prior = recorded.get(pid);
      // A person on both councils gets one record, unless the seed gives a different state or role per council.
      if (prior === undefined && !replaces) {
        recorded.set(pid, state);
        attendances.push(attendance(meetingId, pid, state));
      } else if (prior !== state || replaces) {
        attendances.push(attendance(meetingId, pid, state, { bodyId, replacesPersonId: replaces ? id(replaces) : null }));
      }
    }
  };
  addRows(bodyA.id, 'ledamot', bodyALedamoter);
  addRows(bodyA.id, 'ersättare', bodyAErsattare);
  addRows(bodyB.id, 'ledamot', bodyBLedamoter);
  addRows(bodyB.id, 'ersättare', bodyBErsattare);
  memberships.push(membership(bodyB.id, null, 'ersättare', o('RFSISU')));
  for (const [name, title] of tjanstepersoner) {
    const pid = p(name, { title, organisationId: o('ROL') }).id;
    memberships.push(membership(bodyA.id, pid, 'tjänsteperson', o('ROL')));
    memberships.push(membership(bodyB.id, pid, 'tjänsteperson', o('ROL')));
    attendances.push(attendance(meetingId, pid, 'present'));
  }

  const at = (hhmm: string): string => `2024-09-20T${hhmm}:00.000Z`;
  const I = (n: number, title: string, opts: Parameters<typeof item>[3] = {}): AgendaItem => item(meetingId, n, title, opts);
  const items: AgendaItem[] = [
    I(1, 'Mötet öppnas', { standardKey: 'open', notes: 'Behcet öppnar mötet och hälsar deltagarna välkomna.' }),
    I(2, 'Fastställande av dagordning', { standardKey: 'agenda', kind: 'beslut' }),
    I(3, 'Val av justerare', { standardKey: 'justerare', kind: 'beslut' }),
    I(4, 'Föregående möte och protokoll', {
      standardKey: 'previous_minutes',
      kind: 'beslut',
      attachments: [{ title: 'Tidigare minnesanteckningar', url: 'https://projify.example.se/ssr/2024-06' }],
    }),
    I(5, 'Rapport från chefsgrupp social välfärd samt vård och omsorg och chefsgrupp folkhälsa', {
      standardKey: 'reports',
      presenters: ['Ingmar Ångman'],
      notes:
        'Ingmar Ångman informerar. I juni månad hade vi en gemensam chefsgrupp för folkhälsa, social välfärd samt vård och omsorg och skolchefsgruppen med tema barn och unga. Det har beslutats om ny samverkansstruktur för barn och unga.\n\nChefsgruppen social välfärd samt vård och omsorg har haft ett möte i september. De har beslutat om en reviderad överenskommelse för hygiensjuksköterska.\n\nRegionens äldrevårdsöverläkare har tillsammans med kommunerna journalgranskat korttidsvården.',
    }),
    I(6, 'Aktuellt inom områdena', {
      presenters: ['Ingmar Ångman'],
      notes: 'Det kommer att bli en uppföljningsdag för folkhälsoarbetet den 14 mars 2025. Reservera gärna dagen i era kalendrar.\n\nStatsbudgeten för 2025 presenterades igår.',
    }),
    I(7, 'Förändringar med statsbidrag nära vård och psykisk hälsa (Informationspunkt)', {
      presenters: ['Ingmar Ångman'],
      notes: 'Från 2025 blir ett förordningsstyrt statsbidrag, medel kommer troligtvis att betalas ut direkt till kommunerna.',
    }),
    I(8, 'Ny socialtjänstlag – informationspunkt', {
      presenters: ['Ingmar Ångman'],
      notes: 'Det har varit en lång beredningsprocess för att få fram en ny socialtjänstlag. Propositionen är beräknad att komma i januari.',
    }),
    I(9, 'Introduktion dialog om arbetssätt för specifika samverkansråden', {
      presenters: ['Ingmar Ångman'],
      notes: 'Ingmar sammanfattar resultatet från den enkätundersökning som skickats ut till ledamöterna. Svarsfrekvensen är 48 procent.',
    }),
    I(10, 'Gruppdialoger arbetssätt specifika samverkansråden', {
      kind: 'workshop',
      presenters: ['Maria Lindborg', 'Malin Duckert Ek'],
      notes: [
        'En gruppdialog görs utifrån fem frågeställningar:',
        '1. Syfte – vad tänker du är syftet med råden?',
        '2. Tillsammans – Vilka frågor är viktiga att båda råden har gemensam tid för?',
        '3. Engagemang – Vad ökar deltagande och engagemang inför och under mötet?',
        '4. Attraktivitet – Vad krävs för att du ska längta till nästa möte?',
        '5. Delaktighet – Hur jobbar du vidare på hemmaplan med det som tas upp på råden?',
        '',
        'Sammanfattning av gruppernas muntliga redovisning:',
        '• Vi behöver bli bättre på att lyfta lokala exempel för varandra.',
        '• Mer utvecklingsinriktat och praktiskt.',
        '• Uppskärpning när det gäller deltagande!',
      ].join('\n'),
    }),
    I(11, 'Kvalitativ rapport Liv och hälsa med fokus på äldre och jämställdhet', {
      presenters: ['Maria Lindborg', 'Anna Swift Johannison'],
      notes: 'Rådet reflekterar tillsammans om resultatet. Se bifogad ppt, rapporten finns att få vid intresse.',
      attachments: [{ title: 'Liv och hälsa – äldre och jämställdhet (ppt)', url: 'https://projify.example.se/ssr/2024-09/liv-och-halsa.pptx' }],
    }),
    I(12, 'Övriga frågor', { standardKey: 'other_questions', kind: 'diskussion', notes: 'Inga övriga frågor.' }),
    I(13, 'Beslut och implementering av ny överenskommelse för hälso- och sjukvård i hemmet', {
      kind: 'beslut',
      presenters: ['Malin Duckert Ek'],
      notes: 'Regionala samverkansrådet har ställt sig bakom förslag till ny överenskommelse för hälso- och sjukvård i hemmet. Överenskommelsen kommer att träda i kraft 1 januari 2025.',
    }),
    I(14, 'Avslut', { standardKey: 'close', notes: 'Behcet tackar deltagarna för mötet. Mötet avslutas.' }),
  ];
  const decisions: Decision[] = [
    decision(meetingId, 2, 'Dagordningen fastställs.', at('07:05'), { standardKey: 'agenda_approved' }),
    decision(meetingId, 3, 'Siw Lunander, Hallsbergs kommun, väljs till justerare.', at('07:06'), { standardKey: 'justerare_elected' }),
    decision(meetingId, 4, 'Protokollet från föregående möte fastställdes och lades till handlingarna.', at('07:08'), { standardKey: 'minutes_filed' }),
  ];

  const meeting: Meeting = {
    id: meetingId,
    tenantId: T,
    bodyIds: [bodyA.id, bodyB.id],
    title: null,
    documentKind: 'protokoll',
    startsAt: '2024-09-20T07:00:00.000Z',
    endsAt: '2024-09-20T10:00:00.000Z',
    timeZone: 'Europe/Stockholm',
    place: 'Lokal Eken, Eklundavägen 1',
    mode: 'room',
    status: 'held',
    chairPersonId: id('Behcet Barsom'),
    secretaryPersonIds: [id('Malin Duckert Ek'), id('Maria Lindborg')],
    justerarePersonIds: [id('Siw Lunander')],
    version: 1,
  };

  const input: MinutesInput = {
    meeting,
    bodies: [bodyA, bodyB],
    persons: [...persons.values()],
    organisations: Object.values(orgs),
    memberships,
    attendance: attendances,
    items,
    decisions,
    justering: [{ personId: id('Siw Lunander'), signedAt: '2024-10-01T08:30:00.000Z', method: 'email' }],
    version: 1,
    status: 'final',
  };

  /** What the seed shows, per body and group: name → state, and who replaced whom. */
  const expected = {
    chair: 'Behcet Barsom',
    bodies: [
      { name: bodyA.name, ledamöter: bodyALedamoter, ersättare: bodyAErsattare },
      { name: bodyB.name, ledamöter: bodyBLedamoter, ersättare: bodyBErsattare },
    ],
    struck: {
      [bodyA.name]: ['Helena Fagerstedt', 'Monika Klockars'],
      [bodyB.name]: ['Caroline Dieker', 'Mattias Kjellberg', 'Jerry Karjalainen'],
    } as Record<string, string[]>,
    replacements: [
      ['Yvonne Hagström', 'Helena Fagerstedt'],
      ['Erik König', 'Caroline Dieker'],
      ['Christina Kuurne', 'Mattias Kjellberg'],
      ['Elvy Wiklund', 'Jerry Karjalainen'],
    ] as [string, string][],
    tjänstepersoner: tjanstepersoner.map(([n]) => n),
    decisions: decisions.map((d) => d.text),
    itemTitles: items.map((i) => `${i.number}. ${i.title}`),
    time: '2024-09-20, kl. 09.00–12.00',
    justering: 'Justerat den: 2024-10-01 via e-post.',
  };
  return { input, expected, id };
})();

// =============================================================================================
// 2022-01-31: minnesanteckningar, chefsgrupp folkhälsa
// =============================================================================================

export const SEED_2022 = (() => {
  const meetingId = 'mtg-2022-01-31';
  // The chefsgrupp's convention: kind, body and date in the title (the seed writes "Mötesanteckningar";
  // the product writes the document kind's own word, "Minnesanteckningar").
  const body: Body = { id: 'body-cgfh', tenantId: T, name: 'Chefsgrupp folkhälsa', kind: 'chefsgrupp', defaultDocumentKind: 'minnesanteckningar', minutesTitleStyle: 'kind_body_date', version: 1 };
  const rol = org('Region Örebro län', 'region');
  const orebro = org('Örebro kommun');
  const rfsisu = org('RF-SISU', 'förening');
  const olbf = org('ÖLBF', 'förening');

  // [name, seat title as in the seed, org, role]
  const roster: [string, string, Organisation, MembershipRole][] = [
    ['Ingmar Ångman', 'områdeschef välfärd och folkhälsa', rol, 'ordförande'],
    ['Anna Jakobsson', 'chef staben för hållbar utveckling', rol, 'ledamot'],
    ['Katrin Larsson', 'hållbarhetschef Örebro kommun', orebro, 'ledamot'],
    ['Cecilia Ljung', 'folkhälsochef västra länsdelen', orebro, 'ledamot'],
    ['Margareta Johansson', 'folkhälsochef RF SISU Örebro län', rfsisu, 'ledamot'],
    ['Emma Lado', 'folkhälsokommunikatör ÖLBF', olbf, 'ledamot'],
    ['Ida Broman', 'folkhälsochef norra Örebro län', rol, 'ledamot'],
    ['Linnea Hedkvist', 'utvecklingsledare välfärd och folkhälsa', rol, 'sekreterare'],
    ['Camilla Pettersson', 'utvecklingsledare välfärd och folkhälsa', rol, 'tjänsteperson'],
    ['Maria Lindborg', 'projektledare barnfattigdom välfärd och folkhälsa', rol, 'tjänsteperson'],
  ];
  const persons = roster.map(([name]) => person(name));
  const pid = (name: string): string => `p-${slug(name)}`;
  // The chefsgrupp seed writes the organisation into the title ("hållbarhetschef Örebro kommun"), so the
  // seats carry only the title; the organisation table is used by the partial-attendance tests.
  const memberships = roster.map(([name, title, , role]) => membership(body.id, pid(name), role, null, title));

  // Items 1–10 ran 09.00–12.00 CET (UTC+1); times are what the chair's panel would have recorded.
  const slots = ['08:00', '08:10', '08:25', '08:45', '09:00', '09:30', '10:00', '10:20', '10:35', '10:45', '11:00'];
  const at = (k: number): string => `2022-01-31T${slots[k]}:00.000Z`;
  const I = (n: number, title: string, opts: Parameters<typeof item>[3] = {}): AgendaItem => item(meetingId, n, title, { startedAt: at(n - 1), endedAt: at(n), ...opts });
  const items: AgendaItem[] = [
    I(1, 'Föregående minnesanteckningar', { standardKey: 'previous_minutes', notes: 'Ingmar informerade om att han i december vid möte med kc/rd-gruppen ställde frågor kring behovet av handlingsplaner.' }),
    I(2, 'Uppföljning workshop 2021-12-08', { presenters: ['Camilla Pettersson', 'Linnea Hedkvist'], notes: 'Camilla och Linnea redovisade en sammanställning av resultaten från den workshop som genomfördes vid chefsgruppsmötet den 8 december.' }),
    I(3, 'Uppföljningsdag 2021', { presenters: ['Linnea Hedkvist'], notes: 'Chefsgruppens reflektioner kring uppföljningsdagen var att det var en bra dag.\n\nUnderlagsmaterialet finns i Projify.' }),
    I(4, 'Enkät 2021 samverkansgrupperingar', { presenters: ['Ingmar Ångman'], notes: 'Enkätresultaten finns i Projify.' }),
    I(5, 'Workshop inriktning 2022', {
      kind: 'workshop',
      presenters: ['Camilla Pettersson'],
      notes:
        'De frågeställningar som diskussionerna fördes kring var följande:\n- Vilka områden/insatser/aktiviteter bör vi prioritera i våra befintliga arbets- och samverkansgrupper?\n- Hur stärker vi förutsättningarna lokalt och regionalt för ett utökat ägandeskap av folkhälsofrågorna?',
    }),
    I(6, 'Förstudie barnfattigdom i Örebro län', { presenters: ['Maria Lindborg'], notes: 'Maria Lindborg presenterade nuläget i den förstudie som pågår. Projekttiden löper tom den 31 mars.' }),
    I(7, 'Inför mötet med specifika samverkansrådet för folkhälsa den 17 februari. Tema barnfattigdom?', { notes: 'RF-SISU kan medverka med kunskap kring Fritidsbankerna i länet.' }),
    I(8, 'Introduktion nyanställda i teamen om regionens arbete', { notes: 'Förslag finns om att regionen bjuder in nyanställda till en introduktion om regionens folkhälsoarbete samt organisation.' }),
    I(9, 'Rapporter', {
      standardKey: 'reports',
      notes: 'Margareta påminner om att Allmänna arvsfonden numera har medel för projektidéer för äldre personer. Läs mer via denna länk:\n<https://www.arvsfonden.se/ansokan/ny-malgrupp>',
    }),
    I(10, 'Övriga frågor', { standardKey: 'other_questions', kind: 'diskussion', notes: 'Gemensamt planerat chefsgruppsmöte den 11 mars flyttas till den 3 juni.' }),
  ];
  const decisions: Decision[] = [
    decision(meetingId, 1, 'Anteckningarna från mötet 2021-12-08 lades till handlingarna.', at(0), { standardKey: 'minutes_filed' }),
    decision(meetingId, 9, 'Sammanställningen av protokoll från olika grupperingar lades till handlingarna.', at(9), { standardKey: 'minutes_filed' }),
  ];
  const tasks: FollowUpTask[] = [
    { id: 't1', tenantId: T, meetingId, itemId: `${meetingId}-i2`, text: 'Komplettera sammanställningen med en grov tids- och arbetsplan.', ownerPersonId: pid('Camilla Pettersson'), status: 'open', version: 1 },
    { id: 't2', tenantId: T, meetingId, itemId: `${meetingId}-i5`, text: 'Sammanställer resultatet av workshopen till kommande möte.', ownerPersonId: pid('Camilla Pettersson'), dueDate: '2022-04-21', status: 'open', version: 1 },
    { id: 't3', tenantId: T, meetingId, itemId: `${meetingId}-i10`, text: 'Gör en doodle för ett möte i mars.', ownerPersonId: pid('Linnea Hedkvist'), status: 'open', version: 1 },
  ];

  const attendances: Attendance[] = [
    ...['Ingmar Ångman', 'Katrin Larsson', 'Cecilia Ljung', 'Margareta Johansson', 'Emma Lado', 'Ida Broman', 'Linnea Hedkvist'].map((n) => attendance(meetingId, pid(n), 'present')),
    attendance(meetingId, pid('Anna Jakobsson'), 'present', { partOfMeeting: true }),
    attendance(meetingId, pid('Camilla Pettersson'), 'present', { itemRange: { from: 2, to: 5 } }),
    // Maria only has join/leave facts: her "punkt 6–7" must be derived from them and the item times.
    attendance(meetingId, pid('Maria Lindborg'), 'present'),
  ];
  const intervals: AttendanceInterval[] = [
    { id: 'iv1', meetingId, personId: pid('Maria Lindborg'), from: '2022-01-31T09:28:00.000Z', to: '2022-01-31T10:21:00.000Z', source: 'teams_event' },
  ];

  const upcoming: [string, string | null][] = [
    ['2022-04-21', 'em'],
    ['2022-06-03', 'em (gemensamt med chefsgrupp social välfärd samt vård och omsorg)'],
    ['2022-06-16', 'fm'],
    ['2022-08-25', 'em'],
    ['2022-10-27', 'em'],
    ['2022-12-01', 'internat? (1–2 december)'],
    ['2022-12-16', 'uppföljningsdag 2022'],
  ];
  const upcomingDates: UpcomingDate[] = upcoming.map(([date, note], k) => ({ id: `u${k}`, meetingId, date, note, position: k }));

  const evaluations: EvaluationEntry[] = [
    { id: 'e1', meetingId, personId: null, worked: 'Så mycket vi hunnit', hindered: 'Saknar Annika. Det haltar när en länsdel saknas', score: 4, at: '2022-01-31T10:55:00.000Z' },
    { id: 'e2', meetingId, personId: null, worked: 'Bra tidsplanering', hindered: null, score: 5, at: '2022-01-31T10:55:10.000Z' },
    { id: 'e3', meetingId, personId: null, worked: 'Bra med Camilla som processledare', hindered: 'Har inget negativt att tillföra', score: 4, at: '2022-01-31T10:55:20.000Z' },
  ];

  const meeting: Meeting = {
    id: meetingId,
    tenantId: T,
    bodyIds: [body.id],
    title: null,
    documentKind: 'minnesanteckningar',
    startsAt: '2022-01-31T08:00:00.000Z',
    endsAt: '2022-01-31T11:00:00.000Z',
    timeZone: 'Europe/Stockholm',
    place: 'Digitalt (Teams)',
    mode: 'teams',
    status: 'held',
    chairPersonId: pid('Ingmar Ångman'),
    secretaryPersonIds: [pid('Linnea Hedkvist')],
    justerarePersonIds: [],
    version: 1,
  };

  const input: MinutesInput = {
    meeting,
    bodies: [body],
    persons,
    organisations: [rol, orebro, rfsisu, olbf],
    memberships,
    attendance: attendances,
    intervals,
    items,
    decisions,
    tasks,
    evaluations,
    upcomingDates,
    version: 1,
    status: 'draft',
  };

  const expected = {
    title: 'Minnesanteckningar chefsgrupp folkhälsa den 31 januari 2022',
    present: roster.map(([n]) => n),
    partial: { 'Camilla Pettersson': 'punkt 2–5', 'Maria Lindborg': 'punkt 6–7', 'Anna Jakobsson': 'del av mötet' } as Record<string, string>,
    decisions: decisions.map((d) => d.text),
    upcomingCount: upcoming.length,
    worked: evaluations.map((e) => e.worked),
    hindered: ['Saknar Annika. Det haltar när en länsdel saknas', 'Har inget negativt att tillföra'],
  };
  return { input, expected, pid };
})();
