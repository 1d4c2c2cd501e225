import type {
  AgendaItem,
  Attendance,
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
import { ApiError, type Http } from './http';

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

/** GET /meetings/:id/agenda (issue 5): the agenda with who chairs now and the quorum. */
export interface AgendaView {
  meeting: Meeting;
  items: AgendaItem[];
  handovers: { id: string; personId: string; fromItemNumber: number; toItemNumber?: number | null }[];
  currentItemNumber: number;
  currentChairPersonId: string | null;
  quorum: { present: number; total: number; quorate: boolean };
}

/** One row of GET /meetings/:id/attendance (issue 4). */
export interface AttendanceRow {
  attendance: Attendance;
  personName: string;
  intervals: { from: string; to: string | null; source: string }[];
  derivedItemRange: { from: number; to: number } | null;
}

export interface CallInChain {
  callIn: { id: string; absentPersonId: string; status: string; filledByPersonId?: string | null };
  absentName: string;
  steps: { personId: string; name: string; status: string; organisation?: string | null }[];
}

export interface MinutesVersionView {
  id?: string;
  version: number;
  status: string;
  /** The stored minutes model (shared/minutes); the tab renders it with the shared renderer. */
  model?: unknown;
  html?: string;
  createdAt?: string;
}

/** How the justering card to one person fared (shared/services/delivery-failure.ts). */
export type CardDeliveryView = { state: 'delivered' | 'sending' } | { state: 'unreachable'; reason: string; reasonSv: string; reasonEn: string };

export interface MinutesStateView {
  current: MinutesVersionView | null;
  /** Per justerare; `delivery` (the secretary's view) says whether the card reached them in Teams. */
  justering?: { personId: string; name?: string; signedAt?: string | null; method?: string | null; status?: string; delivery?: CardDeliveryView | null }[];
  /** The draft out for justering now: its number and deadline. */
  justeringRound?: { version: number; deadline: string | null } | null;
  outbox?: { id: string; kind: string; state: string; lastError?: string | null; updatedAt?: string }[];
  published?: boolean;
  locked?: boolean;
  /** The secretary's live preview of what a regeneration would produce now. */
  preview?: { html: string } | null;
}

/** POST /bodies/:id/roster-imports (issue 3): what was understood and what would change. */
export interface RosterImportPreview {
  id: string;
  version: number;
  status: string;
  understood: { entries: { lineNo: number; name: string; organisationName?: string; role: MembershipRole; title?: string; mark?: string }[]; unreadLines: { lineNo: number; text?: string; reason?: string }[]; warnings: unknown[] };
  summary: Record<string, number>;
  /** Listed people who resemble an existing one: the secretary says whether they are the same person. */
  suggestions: { personKey: string; listedName: string; listedOrganisation: string | null; candidates: { personId: string; name: string }[] }[];
  /** Seats whose listed role differs from the stored one: changed only when the secretary ticks them. */
  plan?: { roleQuestions?: { membershipId: string; name: string; from: MembershipRole; to: MembershipRole }[] };
}

export type MatchDecision = { key: string; choice: 'same'; personId: string } | { key: string; choice: 'new' };

/** GET /bodies/:id/decisions (this tab's route): a confirmed decision with where it was taken. */
export interface RegisterEntry {
  id: string;
  text: string;
  meetingStartsAt?: string;
  itemNumber?: number;
  itemTitle?: string;
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
    linkTeams: (id: string, input: { version: number; teamsMeetingId: string; joinUrl?: string | null; chatId?: string | null }) => put<unknown>(`${m(id)}/teams-link`, input),

    // issue 5: agenda, decisions, votes, tasks
    agenda: (id: string) => get<AgendaView>(`${m(id)}/agenda`),
    addItem: (id: string, input: { title: string; kind: ItemKind; presenters: Presenter[]; attachments: Attachment[]; plannedMinutes?: number | null }) => post<AgendaItem>(`${m(id)}/agenda/items`, input),
    updateItem: (id: string, itemId: string, input: ItemPatch) => patch<AgendaItem>(`${m(id)}/agenda/items/${enc(itemId)}`, input),
    setNotes: (id: string, itemId: string, notes: string, version: number) => put<AgendaItem>(`${m(id)}/agenda/items/${enc(itemId)}/notes`, { version, notes }),
    removeItem: (id: string, itemId: string, version: number) => del<unknown>(`${m(id)}/agenda/items/${enc(itemId)}?version=${version}`),
    moveItem: (id: string, itemId: string, toNumber: number, version: number) => post<unknown>(`${m(id)}/agenda/items/${enc(itemId)}/move`, { toNumber, version }),
    startItem: (id: string, itemId: string, version: number) => post<unknown>(`${m(id)}/agenda/items/${enc(itemId)}/start`, { version }),
    finishItem: (id: string, itemId: string, version: number) => post<unknown>(`${m(id)}/agenda/items/${enc(itemId)}/finish`, { version }),
    backItem: (id: string, itemId: string, version: number) => post<unknown>(`${m(id)}/agenda/items/${enc(itemId)}/back`, { version }),
    handOverChair: (id: string, input: { version: number; personId: string; fromItemNumber: number }) => post<unknown>(`${m(id)}/chair-handovers`, input),
    decisions: (id: string) => get<{ decisions: Decision[] }>(`${m(id)}/decisions`).then((r) => r.decisions),
    proposeDecision: (id: string, itemId: string, text: string) => post<Decision>(`${m(id)}/agenda/items/${enc(itemId)}/decisions`, { text }),
    confirmDecision: (decisionId: string, version: number) => post<Decision>(`/decisions/${enc(decisionId)}/confirm`, { version }),
    openVote: (decisionId: string, version: number, question: string) => post<Decision>(`/decisions/${enc(decisionId)}/vote`, { version, question }),
    castVote: (decisionId: string, choice: VoteChoice) => post<Decision>(`/decisions/${enc(decisionId)}/vote/votes`, { choice }),
    closeVote: (decisionId: string, version: number) => post<Decision>(`/decisions/${enc(decisionId)}/vote/close`, { version }),
    tasks: (id: string) => get<{ tasks: FollowUpTask[] }>(`${m(id)}/tasks`).then((r) => r.tasks),
    addTask: (id: string, input: { text: string; itemId?: string | null; ownerName?: string | null; ownerPersonId?: string | null }) => post<FollowUpTask>(`${m(id)}/tasks`, input),
    decisionRegister: (bodyId: string, q: string) => get<{ decisions: RegisterEntry[] }>(`/bodies/${enc(bodyId)}/decisions?q=${enc(q)}`).then((r) => r.decisions),

    // issue 4: kallelse, call-in chain, attendance, check-in
    attendance: (id: string) => get<{ attendance: AttendanceRow[] }>(`${m(id)}/attendance`).then((r) => r.attendance),
    correctAttendance: (id: string, personId: string, state: AttendanceState, version?: number) => put<Attendance>(`${m(id)}/attendance/${enc(personId)}`, { state, ...(version ? { version } : {}) }),
    checkIn: (id: string) => post<Attendance>(`${m(id)}/check-in`),
    callIns: (id: string) => get<{ timeoutMinutes: number; chains: CallInChain[] }>(`${m(id)}/call-ins`).then((r) => r.chains),
    sendKallelse: (id: string) => post<unknown>(`${m(id)}/kallelse`),

    // issue 6: minutes, justering, publishing
    minutes: (id: string) => get<MinutesStateView>(`${m(id)}/minutes`),
    regenerateMinutes: (id: string) => post<MinutesVersionView>(`${m(id)}/minutes`),
    sendForJustering: (id: string) => post<unknown>(`${m(id)}/minutes/justering`, {}),
    signMinutes: (id: string, version: number) => post<unknown>(`${m(id)}/minutes/versions/${version}/justering/sign`),
    /** A justering made outside Teams (e-mail), recorded by the secretary with its date (YYYY-MM-DD). */
    recordExternalJustering: (id: string, version: number, body: { personId: string; date: string; method: 'email' }) => post<unknown>(`${m(id)}/minutes/versions/${version}/justering/external`, body),
    publishMinutes: (id: string) => post<unknown>(`${m(id)}/minutes/publish`),

    // issue 3: roster import
    previewRosterImport: (bodyId: string, text: string, opts: { removeMissing: boolean }) =>
      post<RosterImportPreview>(`/bodies/${enc(bodyId)}/roster-imports`, { text, removeMissing: opts.removeMissing, format: /^[^\n]*[;,\t][^\n]*\n/.test(text) && /e-?post|email|roll|role/i.test(text.split('\n')[0] ?? '') ? 'csv' : 'text' }),
    /** The body's archive (zip): fetched with the same identity as every call, then saved by the browser. */
    archive: async (bodyId: string): Promise<{ blob: Blob; fileName: string }> => {
      const res = await fetch(`/api/v1/bodies/${enc(bodyId)}/archive`, { headers: { Accept: 'application/zip', 'Accept-Language': http.locale, ...(await http.auth.headers()) } });
      if (!res.ok) {
        const body = res.headers.get('content-type')?.includes('json') ? ((await res.json()) as { error?: { code?: string; messageSv?: string; messageEn?: string; correlationId?: string } }) : null;
        const err = body?.error;
        throw new ApiError(res.status, err?.code ?? 'INTERNAL', err?.messageSv ?? `HTTP ${res.status}`, err?.messageEn ?? `HTTP ${res.status}`, err?.correlationId ?? null);
      }
      const cd = res.headers.get('content-disposition') ?? '';
      const star = /filename\*=UTF-8''([^;]+)/.exec(cd)?.[1];
      return { blob: await res.blob(), fileName: star ? decodeURIComponent(star) : 'arkiv.zip' };
    },
    applyRosterImport: (bodyId: string, preview: RosterImportPreview, decisions: MatchDecision[], roleChanges: { membershipId: string; accept: boolean }[] = []) =>
      post<unknown>(`/bodies/${enc(bodyId)}/roster-imports/${enc(preview.id)}/apply`, { version: preview.version, decisions, ...(roleChanges.length ? { roleChanges } : {}) }),
  };
}

export type Api = ReturnType<typeof createApi>;
