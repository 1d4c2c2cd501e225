import { KNOWN_ORGANISATIONS, type KnownOrganisation } from '../../shared/roster';
import type { MembershipRole, OrganisationKind } from '../../shared/domain';

/**
 * The demo region for local mode: invented people in the real structure of Region Örebro län (the
 * region, the twelve municipalities, RF-SISU Örebro län and ÖLBF) sitting on the two specifika
 * samverkansråd, with one upcoming joint meeting. Pure data built by functions (no module state); every
 * name is invented, e-mails are förnamn.efternamn@<organisation's domain> folded to ASCII.
 */
export const DEMO_SECRETARY_EMAIL = 'sekreterare@radslag.local';

export const DEMO_COUNCILS = {
  social: { key: 'social', name: 'Specifika samverkansrådet för social välfärd samt vård och omsorg', shortName: 'SSR social välfärd' },
  folkhalsa: { key: 'folkhalsa', name: 'Specifika samverkansrådet för folkhälsa', shortName: 'SSR folkhälsa' },
} as const;
export type DemoCouncilKey = keyof typeof DEMO_COUNCILS;

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  aliases: string[];
  domain: string;
}

export interface DemoPerson {
  key: string;
  name: string;
  email: string;
  title: string | null;
  organisationKey: string;
}

export interface DemoSeat {
  council: DemoCouncilKey;
  personKey: string;
  role: MembershipRole;
  organisationKey: string;
  substituteOrder: number | null;
  title: string | null;
}

export interface DemoRegion {
  organisations: DemoOrganisation[];
  people: DemoPerson[];
  seats: DemoSeat[];
  /** Who to sign in as in local mode (X-Radslag-Dev-User), by role. */
  identities: { role: string; email: string; name: string }[];
}

const FIRST = [
  'Anna', 'Erik', 'Karin', 'Lars', 'Maria', 'Johan', 'Sofia', 'Per', 'Eva', 'Anders', 'Lena', 'Mikael', 'Helena', 'Fredrik',
  'Ulrika', 'Magnus', 'Camilla', 'Stefan', 'Annika', 'Jonas', 'Malin', 'Henrik', 'Jenny', 'Patrik', 'Therese', 'Daniel',
  'Sara', 'Niklas', 'Emma', 'Tobias', 'Linda', 'Mattias', 'Åsa', 'Björn', 'Ingrid', 'Göran', 'Elin', 'Oskar', 'Lovisa', 'Håkan',
];
const LAST = [
  'Andersson', 'Bergström', 'Carlsson', 'Dahlberg', 'Ekström', 'Forsberg', 'Gustavsson', 'Holmberg', 'Isaksson', 'Jansson',
  'Källström', 'Lindgren', 'Magnusson', 'Nordin', 'Olsson', 'Pettersson', 'Rydberg', 'Sandström', 'Törnqvist', 'Wallin',
  'Åberg', 'Öberg', 'Hedlund', 'Lundqvist', 'Sjöberg', 'Ström', 'Engström', 'Blom', 'Nyström', 'Hägg', 'Lindholm',
  'Westerberg', 'Fransson', 'Axelsson', 'Björk', 'Eklund', 'Vikström', 'Söderberg', 'Mårtensson', 'Hallqvist',
];

/** "Åsa Öberg" → "asa.oberg": lower case, diacritics removed, one dot between the names. */
export function emailLocalPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z\s-]/g, '')
    .trim()
    .split(/\s+/)
    .join('.');
}

function domainOf(org: KnownOrganisation): string {
  // The dictionary key is the folded stem ("kommun:hallefors"): "Hällefors kommun" → hallefors.se.
  if (org.kind === 'kommun') return `${org.key.slice('kommun:'.length).replace(/-/g, '')}.se`;
  if (org.name === 'Region Örebro län') return 'regionorebrolan.se';
  if (org.name.startsWith('RF-SISU')) return 'rfsisu.se';
  return `${emailLocalPart(org.name).replace(/\./g, '')}.se`;
}

/** The twelve municipalities, the region, RF-SISU Örebro län and ÖLBF from the organisation dictionary. */
export function demoOrganisations(): DemoOrganisation[] {
  const wanted = KNOWN_ORGANISATIONS.filter((o) => o.kind === 'kommun' || ['Region Örebro län', 'RF-SISU Örebro län', 'ÖLBF'].includes(o.name));
  return wanted.map((o) => ({ key: o.key, name: o.name, kind: o.kind, aliases: [...new Set(o.aliases.filter((a) => a !== o.name))].slice(0, 20), domain: domainOf(o) }));
}

export function buildDemoRegion(): DemoRegion {
  const organisations = demoOrganisations();
  const orgByName = (name: string) => organisations.find((o) => o.name === name)!;
  const region = orgByName('Region Örebro län');
  const kommuner = organisations.filter((o) => o.kind === 'kommun');
  const people: DemoPerson[] = [];
  const seats: DemoSeat[] = [];
  const used = new Set<string>();
  let i = 0;
  // Distinct invented names, drawn in a fixed order so every start builds the same region.
  const nextName = (): string => {
    for (;;) {
      const name = `${FIRST[(i * 7) % FIRST.length]} ${LAST[(i * 13 + Math.floor(i / LAST.length)) % LAST.length]}`;
      i++;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  const person = (org: DemoOrganisation, title: string | null = null, fixed?: { name: string; email: string }): DemoPerson => {
    const name = fixed?.name ?? nextName();
    const p: DemoPerson = { key: `p${people.length + 1}`, name, email: fixed?.email ?? `${emailLocalPart(name)}@${org.domain}`, title, organisationKey: org.key };
    used.add(name);
    people.push(p);
    return p;
  };
  const seat = (council: DemoCouncilKey, p: DemoPerson, role: MembershipRole, org: DemoOrganisation, substituteOrder: number | null = null, title: string | null = null) =>
    seats.push({ council, personKey: p.key, role, organisationKey: org.key, substituteOrder, title });

  const secretary = person(region, 'utvecklingsledare, Regional utveckling', { name: 'Maja Lindqvist', email: DEMO_SECRETARY_EMAIL });
  const officials = [
    person(region, 'områdeschef välfärd och folkhälsa, Regional utveckling'),
    person(region, 'utvecklingsledare välfärd och folkhälsa'),
    person(region, 'specialistläkare och medicinsk rådgivare'),
    person(region, 'utredningssekreterare, Staben hållbar utveckling'),
  ];

  // Politicians of the twelve municipalities; a few sit on both councils, as in the real rosters.
  const bothCouncils = new Set(['Kumla kommun', 'Nora kommun', 'Hallsbergs kommun']);
  const ledamotOf = new Map<string, DemoPerson>();
  for (const council of ['social', 'folkhalsa'] as const) {
    const chair = person(region, 'regionråd');
    seat(council, chair, 'ordförande', region);
    const regionLedamot = person(region, null);
    seat(council, regionLedamot, 'ledamot', region);
    kommuner.forEach((k, idx) => {
      const shared = bothCouncils.has(k.name) ? ledamotOf.get(k.key) : undefined;
      const l = shared ?? person(k, 'kommunalråd');
      if (!shared) ledamotOf.set(k.key, l);
      // One municipality's ledamot is vice ordförande (a role of its own on the roster).
      seat(council, l, idx === (council === 'social' ? 6 : 10) ? 'vice_ordförande' : 'ledamot', k);
      // Ersättare in inkallelseordning within the municipality: one or two.
      const count = idx % 3 === 0 ? 2 : 1;
      for (let order = 1; order <= count; order++) seat(council, person(k, null), 'ersättare', k, order);
    });
    seat(council, person(region, null), 'ersättare', region, 1);
    if (council === 'folkhalsa') {
      for (const name of ['RF-SISU Örebro län', 'ÖLBF']) {
        const org = orgByName(name);
        seat(council, person(org, name === 'ÖLBF' ? 'verksamhetschef' : 'folkhälsostrateg'), 'ledamot', org);
        seat(council, person(org, null), 'ersättare', org, 1);
      }
    }
    seat(council, secretary, 'sekreterare', region, null, 'sekreterare');
    for (const o of council === 'social' ? officials.slice(0, 3) : [officials[0]!, officials[1]!, officials[3]!]) seat(council, o, 'tjänsteperson', region, null, o.title);
  }

  const byRole = (council: DemoCouncilKey, role: MembershipRole) => people.find((p) => seats.some((s) => s.council === council && s.role === role && s.personKey === p.key))!;
  const identities = [
    { role: 'sekreterare (båda råden) / secretary (both councils)', email: secretary.email, name: secretary.name },
    { role: 'ordförande, social välfärd / chair', ...pick(byRole('social', 'ordförande')) },
    { role: 'ordförande, folkhälsa / chair', ...pick(byRole('folkhalsa', 'ordförande')) },
    { role: 'ledamot (båda råden) / member of both', ...pick(ledamotOf.get(kommuner.find((k) => k.name === 'Kumla kommun')!.key)!) },
    { role: 'ersättare / substitute', ...pick(byRole('social', 'ersättare')) },
    { role: 'tjänsteperson / official', ...pick(officials[0]!) },
  ];
  return { organisations, people, seats, identities };
}

const pick = (p: DemoPerson) => ({ email: p.email, name: p.name });

/** Content items of the joint meeting, between the standard opening and closing items. */
export function demoAgendaContent(presenters: { official: string; officialName: string; other: string; otherName: string }) {
  return [
    {
      title: 'Länsgemensam handlingsplan för psykisk hälsa – uppföljning',
      kind: 'beslut' as const,
      presenters: [{ personId: presenters.official, name: presenters.officialName }],
      attachments: [{ title: 'Handlingsplan, utkast', url: 'https://example.org/radslag-demo/handlingsplan.pdf' }],
      plannedMinutes: 25,
    },
    {
      title: 'Barnfattigdom i länet – lägesrapport',
      kind: 'information' as const,
      presenters: [{ personId: presenters.other, name: presenters.otherName }],
      attachments: [],
      plannedMinutes: 15,
    },
    { title: 'Workshop: driv och hinder i samverkan', kind: 'workshop' as const, presenters: [], attachments: [], plannedMinutes: 30 },
  ];
}

/** The next Friday at least two weeks ahead (the councils meet on Fridays, 09.00–12.00). */
export function demoMeetingDate(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 14));
  while (d.getUTCDay() !== 5) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
