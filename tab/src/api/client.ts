import type {
  AgendaItem,
  Attendance,
  AttendanceInterval,
  AttendanceState,
  Attachment,
  Body,
  Decision,
  FollowUpTask,
  ItemKind,
  Meeting,
  Membership,
  MembershipRole,
  Organisation,
  Person,
  Presenter,
  VoteChoice,
} from '../../../shared/domain';
import type { Http } from './http';

/**
 * Every API call the tab makes, in one place. Routes of issues 3–6 that had not landed when the tab was
 * written follow the obvious REST shape; adapting to the real ones is a change here only.
 */

export interface Me {
  identity: { email: string | null; name: string | null; method: string };
  person: Person | null;
  isAdmin: boolean;
  roles: { bodyId: string; role: MembershipRole }[];
}

export interface MeetingWithAgenda {
  meeting: Meeting;
  items: AgendaItem[];
}

export interface AttendanceView {
  attendance: Attendance[];
  intervals?: AttendanceInterval[];
  quorum?: { present: number; needed: number; quorate: boolean } | null;
}

export interface CallInView {
  id: string;
  absentPersonId: string;
  status: string;
  filledByPersonId?: string | null;
  steps?: { personId: string; status: string }[];
}

export interface MinutesVersionView {
  id?: string;
  version: number;
  status: string;
  /** The minutes model (shared/minutes) when the server sends it; the tab renders it with the shared renderer. */
  model?: unknown;
  html?: string;
  createdAt?: string;
}

export interface MinutesStateView {
  current: MinutesVersionView | null;
  justering?: { personId: string; name?: string; signedAt?: string | null; status?: string }[];
  outbox?: { id: string; kind: string; state: string; lastError?: string | null; updatedAt?: string }[];
  published?: boolean;
}

export interface RosterImportPreview {
  [key: string]: unknown;
}

export interface IssuedTicket {
  ticket: string;
  url: string;
  expiresAt: string;
}

export interface ItemPatch {
  version: number;
  title?: string;
  kind?: ItemKind;
  presenters?: Presenter[];
  attachments?: Attachment[];
  plannedMinutes?: number | null;
  notes?: string;
}

const enc = encodeURIComponent;

export function createApi(http: Http) {
  const get = <T>(p: string) => http.request<T>('GET', p);
  const post = <T>(p: string, b: unknown = {}) => http.request<T>('POST', p, b);
  const patch = <T>(p: string, b: unknown) => http.request<T>('PATCH', p, b);
  const put = <T>(p: string, b: unknown) => http.request<T>('PUT', p, b);
  const del = <T>(p: string) => http.request<T>('DELETE', p);
  const m = (id: string) => `/meetings/${enc(id)}`;

  return {
    http,
    // foundation
    me: () => get<Me>('/me'),
    people: () => get<{ people: Person[] }>('/people').then((r) => r.people),
    organisations: () => get<{ organisations: Organisation[] }>('/organisations').then((r) => r.organisations),
    bodies: () => get<{ bodies: Body[] }>('/bodies').then((r) => r.bodies),
    body: (bodyId: string) => get<Body>(`/bodies/${enc(bodyId)}`),
    memberships: (bodyId: string) => get<{ memberships: Membership[] }>(`/bodies/${enc(bodyId)}/memberships`).then((r) => r.memberships),
    addMembership: (bodyId: string, input: { personId: string | null; role: MembershipRole; organisationId?: string | null }) => post<Membership>(`/bodies/${enc(bodyId)}/memberships`, input),
    removeMembership: (bodyId: string, membershipId: string) => del<void>(`/bodies/${enc(bodyId)}/memberships/${enc(membershipId)}`),
    meetings: (bodyId?: string) => get<{ meetings: Meeting[] }>(`/meetings${bodyId ? `?bodyId=${enc(bodyId)}` : ''}`).then((r) => r.meetings),
    meeting: (id: string) => get<MeetingWithAgenda>(m(id)),
    updateMeeting: (id: string, input: Partial<Meeting> & { version: number }) => patch<Meeting>(m(id), input),

    // issue 7 (this tab's own routes)
    streamTicket: (meetingId: string) => post<IssuedTicket>('/stream-tickets', { meetingId }),
    meetingForTeams: (teamsMeetingId: string) => get<{ meetingId: string }>(`/teams-meetings/${enc(teamsMeetingId)}`),
    linkTeams: (id: string, input: { version: number; teamsMeetingId: string; joinUrl?: string | null }) => put<Meeting>(`${m(id)}/teams-binding`, input),

    // issue 5: agenda, decisions, votes, tasks
    addItem: (id: string, input: { title: string; kind: ItemKind; presenters: Presenter[]; attachments: Attachment[]; plannedMinutes?: number | null }) => post<AgendaItem>(`${m(id)}/items`, input),
    updateItem: (id: string, itemId: string, input: ItemPatch) => patch<AgendaItem>(`${m(id)}/items/${enc(itemId)}`, input),
    removeItem: (id: string, itemId: string) => del<void>(`${m(id)}/items/${enc(itemId)}`),
    moveItem: (id: string, itemId: string, toNumber: number, version: number) => post<MeetingWithAgenda>(`${m(id)}/items/${enc(itemId)}/move`, { toNumber, version }),
    startMeeting: (id: string) => post<Meeting>(`${m(id)}/start`),
    endMeeting: (id: string) => post<Meeting>(`${m(id)}/end`),
    startItem: (id: string, itemId: string) => post<AgendaItem>(`${m(id)}/items/${enc(itemId)}/start`),
    finishItem: (id: string, itemId: string) => post<AgendaItem>(`${m(id)}/items/${enc(itemId)}/finish`),
    handOverChair: (id: string, personId: string, fromItemNumber: number) => post<unknown>(`${m(id)}/chair-handovers`, { personId, fromItemNumber }),
    decisions: (id: string) => get<{ decisions: Decision[] }>(`${m(id)}/decisions`).then((r) => r.decisions),
    proposeDecision: (id: string, itemId: string, text: string) => post<Decision>(`${m(id)}/items/${enc(itemId)}/decisions`, { text }),
    confirmDecision: (id: string, decisionId: string, version: number) => post<Decision>(`${m(id)}/decisions/${enc(decisionId)}/confirm`, { version }),
    openVote: (id: string, decisionId: string, question: string) => post<Decision>(`${m(id)}/decisions/${enc(decisionId)}/vote`, { question }),
    castVote: (id: string, decisionId: string, choice: VoteChoice) => post<Decision>(`${m(id)}/decisions/${enc(decisionId)}/vote/votes`, { choice }),
    closeVote: (id: string, decisionId: string) => post<Decision>(`${m(id)}/decisions/${enc(decisionId)}/vote/close`),
    tasks: (id: string) => get<{ tasks: FollowUpTask[] }>(`${m(id)}/tasks`).then((r) => r.tasks),
    addTask: (id: string, input: { text: string; itemId?: string | null; ownerName?: string | null; ownerPersonId?: string | null }) => post<FollowUpTask>(`${m(id)}/tasks`, input),
    decisionRegister: (bodyId: string, q: string) => get<{ decisions: (Decision & { meetingStartsAt?: string; itemTitle?: string })[] }>(`/bodies/${enc(bodyId)}/decisions?q=${enc(q)}`).then((r) => r.decisions),

    // issue 4: kallelse, call-in chain, attendance, check-in
    attendance: (id: string) => get<AttendanceView>(`${m(id)}/attendance`),
    correctAttendance: (id: string, personId: string, state: AttendanceState, version?: number) => put<Attendance>(`${m(id)}/attendance/${enc(personId)}`, { state, ...(version ? { version } : {}) }),
    checkIn: (id: string) => post<Attendance>(`${m(id)}/check-in`),
    callIns: (id: string) => get<{ callIns: CallInView[] }>(`${m(id)}/call-ins`).then((r) => r.callIns),
    sendKallelse: (id: string) => post<unknown>(`${m(id)}/kallelse`),

    // issue 6: minutes, justering, publishing
    minutes: (id: string) => get<MinutesStateView>(`${m(id)}/minutes`),
    regenerateMinutes: (id: string) => post<MinutesVersionView>(`${m(id)}/minutes`),
    sendForJustering: (id: string) => post<unknown>(`${m(id)}/minutes/justering`),
    publishMinutes: (id: string) => post<unknown>(`${m(id)}/minutes/publish`),

    // issue 3: roster import
    previewRosterImport: (bodyId: string, text: string) => post<RosterImportPreview>(`/bodies/${enc(bodyId)}/roster-import/preview`, { text }),
    applyRosterImport: (bodyId: string, text: string, preview: RosterImportPreview) => post<unknown>(`/bodies/${enc(bodyId)}/roster-import/apply`, { text, preview }),
  };
}

export type Api = ReturnType<typeof createApi>;
