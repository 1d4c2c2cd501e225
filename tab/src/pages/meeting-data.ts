import type { AgendaItem, Decision, FollowUpTask, Meeting, Membership, Person } from '../../../shared/domain';
import type { Api, AttendanceView, CallInView, Me } from '../api/client';
import { optional } from '../ui/common';

/** Everything the meeting views show, loaded together and refetched on every live change. */
export interface MeetingBundle {
  meeting: Meeting;
  items: AgendaItem[];
  people: Map<string, Person>;
  memberships: Membership[];
  decisions: Decision[] | null;
  tasks: FollowUpTask[] | null;
  attendance: AttendanceView | null;
  callIns: CallInView[] | null;
  me: Me;
}

export async function loadMeetingBundle(api: Api, meetingId: string, opts: { roster?: boolean } = {}): Promise<MeetingBundle> {
  const [{ meeting, items }, me] = await Promise.all([api.meeting(meetingId), api.me()]);
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
    isChair: pid !== null && b.meeting.chairPersonId === pid,
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
