import type { AgendaItem, Decision, FollowUpTask, Meeting, Membership, Person } from '../../../shared/domain';
import type { AgendaView, Api, AttendanceRow, CallInChain, Me } from '../api/client';
import { optional } from '../ui/common';

/** Everything the meeting views show, loaded together and refetched on every live change. */
export interface MeetingBundle {
  meeting: Meeting;
  items: AgendaItem[];
  people: Map<string, Person>;
  memberships: Membership[];
  decisions: Decision[] | null;
  tasks: FollowUpTask[] | null;
  attendance: AttendanceRow[] | null;
  callIns: CallInChain[] | null;
  /** Who chairs the current item (after handovers), and the quorum now (issue 5's agenda view). */
  currentChairPersonId: string | null;
  quorum: AgendaView['quorum'] | null;
  me: Me;
}

/** The agenda view when the server has it, else the meeting with its items. */
async function agendaOf(api: Api, meetingId: string): Promise<Pick<AgendaView, 'meeting' | 'items'> & Partial<AgendaView>> {
  return (await optional(api.agenda(meetingId))) ?? api.meeting(meetingId);
}

export async function loadMeetingBundle(api: Api, meetingId: string, opts: { roster?: boolean } = {}): Promise<MeetingBundle> {
  const [agenda, me] = await Promise.all([agendaOf(api, meetingId), api.me()]);
  const { meeting, items } = agenda;
  const [people, memberships, decisions, tasks, attendance, callIns] = await Promise.all([
    optional(api.people()).catch(() => null),
    opts.roster === false ? Promise.resolve([]) : Promise.all(meeting.bodyIds.map((b) => api.memberships(b).catch(() => [] as Membership[]))).then((l) => l.flat()),
    optional(api.decisions(meetingId)),
    optional(api.tasks(meetingId)),
    optional(api.attendance(meetingId)),
    opts.roster === false ? Promise.resolve(null) : optional(api.callIns(meetingId)).catch(() => null),
  ]);
  return {
    meeting,
    items: [...items].sort((a, b) => a.number - b.number),
    people: new Map((people ?? []).map((p) => [p.id, p])),
    memberships,
    decisions,
    tasks,
    attendance,
    callIns,
    currentChairPersonId: agenda.currentChairPersonId ?? meeting.chairPersonId ?? null,
    quorum: agenda.quorum ?? null,
    me,
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

export const personName = (b: Pick<MeetingBundle, 'people'>, id: string | null | undefined): string => (id ? (b.people.get(id)?.name ?? '—') : '—');

/** The item in progress, or null. */
export function currentItem(items: readonly AgendaItem[]): AgendaItem | null {
  return items.find((i) => i.status === 'active') ?? null;
}

/** The next item to take up: the first pending one after the current (or from the start). */
export function nextItem(items: readonly AgendaItem[]): AgendaItem | null {
  const cur = currentItem(items);
  return items.find((i) => i.status === 'pending' && (!cur || i.number > cur.number)) ?? items.find((i) => i.status === 'pending') ?? null;
}
