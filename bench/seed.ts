/**
 * Seeding a running Rådslag server (local mode) through its public API as the local administrator, so
 * the bench exercises the same data paths a real installation has.
 */
import { randomUUID } from 'node:crypto';

export const ADMIN = 'admin@radslag.local';

export class BenchApi {
  constructor(
    readonly url: string,
    readonly as: string = ADMIN,
  ) {}

  async call<T = any>(method: string, path: string, json?: unknown, as = this.as): Promise<T> {
    const res = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: { 'X-Radslag-Dev-User': as, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: json !== undefined ? JSON.stringify(json) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export interface SeededPerson {
  id: string;
  name: string;
  email: string;
  aadObjectId: string;
}

export interface SeededMeeting {
  id: string;
  version: number;
  startsAt: string;
  teamsMeetingId: string;
  chatId: string;
}

export interface SeededCouncil {
  bodyId: string;
  people: SeededPerson[];
  secretary: SeededPerson;
  meetings: SeededMeeting[];
}

/** A body with `people` ledamöter (the first is also secretary) and `meetings` meetings, each bound to a Teams meeting. */
export async function seedCouncil(api: BenchApi, opts: { people: number; meetings: number; tag?: string; items?: number; firstDay?: Date }): Promise<SeededCouncil> {
  const tag = opts.tag ?? randomUUID().slice(0, 8);
  const body = await api.call<{ id: string }>('POST', '/bodies', { name: `Samverkansrådet bench ${tag}`, kind: 'råd' });
  const people: SeededPerson[] = [];
  for (let i = 0; i < opts.people; i++) {
    const aadObjectId = randomUUID();
    const email = `p${i}.${tag}@bench.example.se`;
    const p = await api.call<{ id: string; name: string }>('POST', '/people', { name: `Person${i} Bench${tag}`, email, aadObjectId });
    await api.call('POST', `/bodies/${body.id}/memberships`, { personId: p.id, role: i === 0 ? 'sekreterare' : 'ledamot' });
    people.push({ id: p.id, name: p.name, email, aadObjectId });
  }
  const secretary = people[0]!;
  const meetings: SeededMeeting[] = [];
  // Meetings on consecutive weekdays from a date well in the future, 09:00–12:00 Stockholm.
  const first = opts.firstDay ?? new Date(Date.UTC(new Date().getUTCFullYear() + 1, 2, 2, 8, 0, 0));
  for (let k = 0; k < opts.meetings; k++) {
    const starts = new Date(first.getTime() + k * 7 * 86_400_000);
    const ends = new Date(starts.getTime() + 3 * 3600_000);
    const items = Array.from({ length: opts.items ?? 3 }, (_, n) => ({ title: `Ärende ${n + 1} ${tag}`, kind: n % 2 ? 'information' : 'beslut' }));
    const m = await api.call<{ meeting?: { id: string; version: number }; id?: string; version?: number }>('POST', '/meetings', {
      bodyIds: [body.id],
      startsAt: starts.toISOString(),
      endsAt: ends.toISOString(),
      secretaryPersonIds: [secretary.id],
      chairPersonId: people[1]?.id ?? secretary.id,
      items,
    });
    const id = m.meeting?.id ?? m.id!;
    const version = m.meeting?.version ?? m.version!;
    const teamsMeetingId = Buffer.from(`0#19:meeting_${tag}${k}@thread.v2#0`).toString('base64').replace(/=+$/, '');
    const chatId = `19:meeting_${tag}${k}@thread.v2`;
    const bound = await api.call<{ version: number; meeting?: { version: number } }>('PUT', `/meetings/${id}/teams-link`, { version, teamsMeetingId, chatId });
    meetings.push({ id, version: bound.meeting?.version ?? bound.version, startsAt: starts.toISOString(), teamsMeetingId, chatId });
  }
  return { bodyId: body.id, people, secretary, meetings };
}
