import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgendaItem, ChairHandover, Decision, FollowUpTask, Meeting, Membership } from '../../../shared/domain';
import type { Api } from '../api/client';
import type { Me } from '../../../shared/contracts/caller-views';
import type { AgendaView, AttendanceRow, CallInChainView, MeetingPanelView } from '../../../shared/contracts/meeting-views';
import { optional } from '../ui/common';
import { takeFirstView } from '../app/first-view';
import { leadsItem } from '../../../shared/services/agenda-chair';

/** Everything the meeting views show, loaded together and refetched on every live change. */
export interface MeetingBundle {
  meeting: Meeting;
  items: AgendaItem[];
  people: Map<string, PersonName>;
  memberships: Membership[];
  decisions: Decision[] | null;
  tasks: FollowUpTask[] | null;
  attendance: AttendanceRow[] | null;
  callIns: CallInChainView[] | null;
  /** Who chairs the current item (after handovers), and the quorum now (the agenda view). */
  currentChairPersonId: string | null;
  /** The chair handovers recorded (who chairs which item); empty when the server gave none. */
  handovers: ChairHandover[];
  quorum: AgendaView['quorum'] | null;
  /** The minutes are justerade and locked: the server refuses changes to decisions and jäv (LOCKED_FINAL). */
  minutesLocked: boolean;
  /** A joint meeting's bodies by id → short name or name (attendance per body); empty for one body. */
  bodyNames: Map<string, string>;
  me: Me;
  /** Changes whenever the minutes may have changed (a reload, a live minutes or justering event): the minutes view refetches on it. */
  minutesStamp: number;
}

let minutesStamps = 0;

/** The performance mark set when a meeting surface first has its data (read by the Teams host tests and the bench). */
export const DATA_MARK = 'radslag:meeting-data';

/** The agenda view when the server has it, else the meeting with its items. */
async function agendaOf(api: Api, meetingId: string): Promise<Pick<AgendaView, 'meeting' | 'items'> & Partial<AgendaView>> {
  return (await optional(api.agenda(meetingId))) ?? api.meeting(meetingId);
}

/** The people a meeting names: enough to show a name (the panel never loads the region's list). */
export type PersonName = MeetingPanelView['people'][number];

/**
 * The whole bundle from one request (GET /meetings/:id/views/panel): a surface shows its data after one
 * round trip, not after a dozen. Live events then refetch only the parts they touch (refreshParts).
 */
export async function loadMeetingBundle(api: Api, meetingId: string): Promise<MeetingBundle> {
  const v = await (takeFirstView(meetingId) ?? api.panelView(meetingId));
  const agenda = v.agenda;
  return {
    meeting: agenda.meeting,
    items: [...agenda.items].sort((a, b) => a.number - b.number),
    people: new Map(v.people.map((p) => [p.id, p])),
    memberships: v.memberships,
    decisions: v.decisions,
    tasks: v.tasks,
    attendance: v.attendance,
    callIns: v.callIns,
    currentChairPersonId: agenda.currentChairPersonId ?? agenda.meeting.chairPersonId ?? null,
    handovers: agenda.handovers,
    quorum: agenda.quorum,
    minutesLocked: agenda.minutesLocked === true,
    bodyNames: v.bodies.length > 1 ? new Map(v.bodies.map((x) => [x.id, x.shortName || x.name])) : new Map(),
    me: v.me,
    minutesStamp: ++minutesStamps,
  };
}

export interface MeetingRoles {
  isSecretary: boolean;
  isChair: boolean;
  isMember: boolean;
}

export function rolesIn(b: MeetingBundle): MeetingRoles {
  const pid = b.me.person?.id ?? null;
  const bodyRoles = b.me.roles.filter((r) => b.meeting.bodyIds.includes(r.bodyId)).map((r) => r.role);
  return {
    isSecretary: b.me.isAdmin || (pid !== null && b.meeting.secretaryPersonIds.includes(pid)) || bodyRoles.includes('sekreterare'),
    isChair: pid !== null && b.currentChairPersonId === pid,
    isMember: bodyRoles.length > 0,
  };
}

/** The person's roles on the meeting's bodies. */
function myBodyRoles(b: MeetingBundle) {
  return b.me.roles.filter((r) => b.meeting.bodyIds.includes(r.bodyId)).map((r) => r.role);
}

/** Whether I lead item n, as the server decides it (agenda-chair.ts leadsItem: the item's chair; in a joint meeting each council's chair). */
export function leadsItemNow(b: MeetingBundle, n: number): boolean {
  return leadsItem(b.meeting, b.handovers, n, b.me.person?.id ?? null, myBodyRoles(b));
}

export const personName = (b: Pick<MeetingBundle, 'people'>, id: string | null | undefined): string => (id ? (b.people.get(id)?.name ?? '—') : '—');

/** Who fills a förhinder: the ersättare serving, else each one asked with the state of their step, else the chain's state. */
export function callInProgress(b: Pick<MeetingBundle, 'people'>, c: CallInChainView): string {
  if (c.callIn.filledByPersonId) return personName(b, c.callIn.filledByPersonId);
  return c.steps.map((st) => `${st.name || personName(b, st.personId)} (${st.state})`).join(', ') || c.callIn.status;
}

/** The item in progress, or null. */
export function currentItem(items: readonly AgendaItem[]): AgendaItem | null {
  return items.find((i) => i.status === 'active') ?? null;
}

/**
 * The item "back" acts on (the server's backItem): the current one (its predecessor is taken up again), or
 * when none is running, the last finished one (taken up again, also after the meeting was closed by
 * finishing its last item). Null when there is nothing to go back to.
 */
export function backTarget(items: readonly AgendaItem[]): AgendaItem | null {
  const cur = currentItem(items);
  if (cur) return items.some((i) => i.number < cur.number) ? cur : null;
  return [...items].filter((i) => i.status === 'done' || i.status === 'postponed').sort((a, z) => z.number - a.number)[0] ?? null;
}

/** The next item to take up: the first pending one after the current (or from the start). */
export function nextItem(items: readonly AgendaItem[]): AgendaItem | null {
  const cur = currentItem(items);
  return items.find((i) => i.status === 'pending' && (!cur || i.number > cur.number)) ?? items.find((i) => i.status === 'pending') ?? null;
}

type Part = 'agenda' | 'decisions' | 'attendance' | 'tasks' | 'callIns' | 'minutes';

/** What an event changes, so a live update refetches one or two resources, not the whole meeting. */
export function partsFor(types: readonly string[] | null): Set<Part> | 'all' {
  if (types === null || types.length === 0) return 'all';
  const parts = new Set<Part>();
  for (const type of types) {
    const prefix = type.split('.')[0];
    if (prefix === 'decision' || prefix === 'vote' || prefix === 'reservation') parts.add('decisions');
    else if (prefix === 'attendance') {
      parts.add('attendance');
      parts.add('agenda');
    }
    else if (prefix === 'task') parts.add('tasks');
    else if (prefix === 'callin') {
      parts.add('callIns');
      parts.add('attendance');
    }
    else if (prefix === 'recusal') parts.add('agenda');
    else if (prefix === 'minutes' || prefix === 'justering') {
      parts.add('minutes');
      // The last justering locks the meeting, a rättelse opens and closes it: the agenda view says which.
      if (type === 'minutes.final' || type === 'minutes.correction_opened' || type === 'minutes.corrected') parts.add('agenda');
    }
    else return 'all';
  }
  return parts;
}

async function refreshParts(api: Api, b: MeetingBundle, parts: Set<Part>): Promise<Partial<MeetingBundle>> {
  const id = b.meeting.id;
  const out: Partial<MeetingBundle> = {};
  await Promise.all([
    parts.has('agenda') &&
      agendaOf(api, id).then((a) => {
        out.meeting = a.meeting;
        out.items = [...a.items].sort((x, y) => x.number - y.number);
        out.currentChairPersonId = a.currentChairPersonId ?? a.meeting.chairPersonId ?? null;
        out.handovers = a.handovers ?? [];
        out.quorum = a.quorum ?? null;
        out.minutesLocked = a.minutesLocked === true;
      }),
    parts.has('decisions') && optional(api.decisions(id)).then((d) => (out.decisions = d)),
    parts.has('attendance') &&
      optional(api.attendance(id)).then((a) => {
        out.attendance = a;
        // Someone who first appears after the load (a Teams guest joining) is named by their row.
        const unknown = (a ?? []).filter((r) => !b.people.has(r.attendance.personId));
        if (unknown.length > 0) out.people = new Map([...b.people, ...unknown.map((r) => [r.attendance.personId, { id: r.attendance.personId, name: r.personName, title: null, organisationId: null }] as const)]);
      }),
    parts.has('tasks') && optional(api.tasks(id)).then((t) => (out.tasks = t)),
    parts.has('callIns') && optional(api.callIns(id)).catch(() => null).then((c) => (out.callIns = c)),
  ]);
  if (parts.has('minutes')) out.minutesStamp = ++minutesStamps;
  return out;
}

export interface BundleState {
  data: MeetingBundle | null;
  error: unknown;
  loading: boolean;
  /** Refetch everything (after an action of this view, or a reconnect). */
  reload: () => void;
  /** Apply live events: refetch only what they touch. */
  onEvents: (types: string[] | null) => void;
}

/**
 * The meeting bundle of a view, kept current by live events with targeted refetches. Every view gets the
 * rosters: they come with the one view request, so leaving them out would save nothing.
 */
export function useMeetingBundle(api: Api, meetingId: string): BundleState {
  const [data, setData] = useState<MeetingBundle | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const latest = useRef<MeetingBundle | null>(null);
  latest.current = data;

  const reload = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    loadMeetingBundle(api, meetingId).then(
      (b) => {
        if (mine !== seq.current) return;
        // When the first data reaches the screen: the host tests and the bench count the requests before it.
        if (performance.getEntriesByName(DATA_MARK).length === 0) performance.mark(DATA_MARK);
        setData(b);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, [api, meetingId]);

  const onEvents = useCallback(
    (types: string[] | null) => {
      const parts = partsFor(types);
      const current = latest.current;
      if (parts === 'all' || !current) return reload();
      const mine = seq.current;
      refreshParts(api, current, parts).then(
        (patch) => {
          // A full reload started meanwhile wins.
          if (mine === seq.current) setData((b) => (b ? { ...b, ...patch } : b));
        },
        () => reload(),
      );
    },
    [api, reload],
  );

  useEffect(() => reload(), [reload]);
  return { data, error, loading, reload, onEvents };
}

/** The meeting's bodies in which the person holds a seat, when they hold several (a joint meeting's per-body attendance). */
export function seatBodies(b: MeetingBundle, personId: string): string[] {
  if (b.meeting.bodyIds.length < 2) return [];
  const mine = b.meeting.bodyIds.filter((id) => b.memberships.some((m) => m.personId === personId && m.bodyId === id));
  return mine.length > 1 ? mine : [];
}

/** The attendance row that speaks for the person in the body (that body's own, else the person's one row). */
export function attendanceIn(b: MeetingBundle, personId: string, bodyId: string | null): AttendanceRow | undefined {
  const mine = (b.attendance ?? []).filter((r) => r.attendance.personId === personId);
  return (bodyId ? mine.find((r) => r.attendance.bodyId === bodyId) : undefined) ?? mine.find((r) => r.attendance.bodyId === null) ?? (bodyId && mine.length > 1 ? undefined : mine[0]);
}
