import type {
  AgendaItem,
  Attendance,
  AttendanceState,
  Body,
  Decision,
  FollowUpTask,
  Meeting,
  Recusal,
  Membership,
  MembershipRole,
  Organisation,
  Person,
  VoteChoice,
} from '../../../shared/domain';
import type { AddItemInput, UpdateItemInput } from '../../../shared/contracts/agenda';
import type { IssuedTicket, Me } from '../../../shared/contracts/caller-views';
import type { MyMeeting } from '../../../shared/contracts/absence';
import type { AgendaView, AttendanceRow, CallInOverview, DecisionRegisterEntry, MeetingPanelView, MeetingWithAgenda } from '../../../shared/contracts/meeting-views';
import type { MinutesState, MinutesVersionSummary } from '../../../shared/contracts/minutes-views';
import type { MatchDecision, RosterImportView } from '../../../shared/contracts/roster-views';
import type { createMeetingInput, createMeetingSeriesInput, UpdateMeetingInput } from '../../../shared/contracts/meeting';
import type { updateBodyInput } from '../../../shared/contracts/council';
import type { KallelseOverview, MeetingSeriesResult, UpcomingDateView } from '../../../shared/contracts/planning-views';
import type { z } from 'zod';
import { ApiError, type Http } from './http';

/**
 * Every API call the tab makes, in one place. What the routes take and answer is typed by shared/contracts
 * (the server's use cases return the same types), never by copies kept here.
 */

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
    updateBody: (bodyId: string, input: z.input<typeof updateBodyInput>) => patch<Body>(`/bodies/${enc(bodyId)}`, input),
    meetingMemberships: (meetingId: string) => get<{ memberships: Membership[] }>(`${m(meetingId)}/memberships`).then((r) => r.memberships),
    memberships: (bodyId: string) => get<{ memberships: Membership[] }>(`/bodies/${enc(bodyId)}/memberships`).then((r) => r.memberships),
    addMembership: (bodyId: string, input: { personId: string | null; role: MembershipRole; organisationId?: string | null }) => post<Membership>(`/bodies/${enc(bodyId)}/memberships`, input),
    removeMembership: (bodyId: string, membershipId: string) => del<void>(`/bodies/${enc(bodyId)}/memberships/${enc(membershipId)}`),
    meetings: (bodyId?: string) => get<{ meetings: Meeting[] }>(`/meetings${bodyId ? `?bodyId=${enc(bodyId)}` : ''}`).then((r) => r.meetings),
    meeting: (id: string) => get<MeetingWithAgenda>(m(id)),
    updateMeeting: (id: string, input: Omit<UpdateMeetingInput, 'version'> & { version: number }) => patch<Meeting>(m(id), input),
    createMeeting: (input: z.input<typeof createMeetingInput>) => post<MeetingWithAgenda>('/meetings', input),
    createMeetingSeries: (input: z.input<typeof createMeetingSeriesInput>) => post<MeetingSeriesResult>('/meetings/series', input),
    upcomingDates: (bodyId: string) => get<{ dates: UpcomingDateView[] }>(`/bodies/${enc(bodyId)}/upcoming-dates`).then((r) => r.dates),
    /** Everything a meeting surface shows first, in one request (agenda, caller, decisions, attendance, call-ins, rosters, their people). */
    panelView: (id: string) => get<MeetingPanelView>(`${m(id)}/views/panel`),

    // live stream and the Teams meeting link
    streamTicket: (meetingId: string) => post<IssuedTicket>('/stream-tickets', { meetingId }),
    meetingForTeams: (teamsMeetingId: string) => get<{ meetingId: string }>(`/teams-meetings/${enc(teamsMeetingId)}`),
    linkTeams: (id: string, input: { version: number; teamsMeetingId: string; joinUrl?: string | null; chatId?: string | null }) => put<unknown>(`${m(id)}/teams-link`, input),

    // agenda, decisions, votes, tasks
    agenda: (id: string) => get<AgendaView>(`${m(id)}/agenda`),
    addItem: (id: string, input: AddItemInput) => post<AgendaItem>(`${m(id)}/agenda/items`, input),
    updateItem: (id: string, itemId: string, input: UpdateItemInput) => patch<AgendaItem>(`${m(id)}/agenda/items/${enc(itemId)}`, input),
    setNotes: (id: string, itemId: string, notes: string, version: number) => put<AgendaItem>(`${m(id)}/agenda/items/${enc(itemId)}/notes`, { version, notes }),
    removeItem: (id: string, itemId: string, version: number) => del<unknown>(`${m(id)}/agenda/items/${enc(itemId)}?version=${version}`),
    moveItem: (id: string, itemId: string, toNumber: number, version: number) => post<unknown>(`${m(id)}/agenda/items/${enc(itemId)}/move`, { toNumber, version }),
    startItem: (id: string, itemId: string, version: number) => post<unknown>(`${m(id)}/agenda/items/${enc(itemId)}/start`, { version }),
    finishItem: (id: string, itemId: string, version: number) => post<unknown>(`${m(id)}/agenda/items/${enc(itemId)}/finish`, { version }),
    backItem: (id: string, itemId: string, version: number) => post<unknown>(`${m(id)}/agenda/items/${enc(itemId)}/back`, { version }),
    handOverChair: (id: string, input: { version: number; personId: string; fromItemNumber: number; toItemNumber?: number | null }) => post<unknown>(`${m(id)}/chair-handovers`, input),
    decisions: (id: string) => get<{ decisions: Decision[] }>(`${m(id)}/decisions`).then((r) => r.decisions),
    proposeDecision: (id: string, itemId: string, text: string) => post<Decision>(`${m(id)}/agenda/items/${enc(itemId)}/decisions`, { text }),
    confirmDecision: (decisionId: string, version: number) => post<Decision>(`/decisions/${enc(decisionId)}/confirm`, { version }),
    editDecision: (decisionId: string, version: number, text: string) => patch<Decision>(`/decisions/${enc(decisionId)}`, { version, text }),
    withdrawDecision: (decisionId: string, version: number) => post<{ decisionId: string }>(`/decisions/${enc(decisionId)}/withdraw`, { version }),
    moveDecision: (decisionId: string, version: number, itemId: string) => post<Decision>(`/decisions/${enc(decisionId)}/move`, { version, itemId }),
    /** The secretary records a serving member's reservation ("X reserverade sig mot beslutet"). */
    reservationCandidates: (decisionId: string) => get<{ personIds: string[] }>(`/decisions/${enc(decisionId)}/reservation-candidates`),
    recordReservation: (decisionId: string, personId: string, text?: string) => post<Decision>(`/decisions/${enc(decisionId)}/recorded-reservations`, { personId, ...(text?.trim() ? { text: text.trim() } : {}) }),
    recusals: (id: string) => get<{ recusals: Recusal[] }>(`${m(id)}/recusals`).then((r) => r.recusals),
    recordRecusal: (id: string, itemId: string, personId: string) => post<Recusal>(`${m(id)}/recusals`, { itemId, personId }),
    openVote: (decisionId: string, version: number, question: string) => post<Decision>(`/decisions/${enc(decisionId)}/vote`, { version, question }),
    castVote: (decisionId: string, choice: VoteChoice) => post<Decision>(`/decisions/${enc(decisionId)}/vote/votes`, { choice }),
    closeVote: (decisionId: string, version: number) => post<Decision>(`/decisions/${enc(decisionId)}/vote/close`, { version }),
    tasks: (id: string) => get<{ tasks: FollowUpTask[] }>(`${m(id)}/tasks`).then((r) => r.tasks),
    addTask: (id: string, input: { text: string; itemId?: string | null; ownerName?: string | null; ownerPersonId?: string | null }) => post<FollowUpTask>(`${m(id)}/tasks`, input),
    decisionRegister: (bodyId: string, q: string) => get<{ decisions: DecisionRegisterEntry[] }>(`/bodies/${enc(bodyId)}/decisions?q=${enc(q)}`).then((r) => r.decisions),

    // kallelse, call-in chain, attendance, check-in
    attendance: (id: string) => get<{ attendance: AttendanceRow[] }>(`${m(id)}/attendance`).then((r) => r.attendance),
    /** `bodyId`: a joint meeting, the body whose list the state is for; without it, every body. */
    correctAttendance: (id: string, personId: string, state: AttendanceState, version?: number, bodyId?: string) =>
      put<Attendance>(`${m(id)}/attendance/${enc(personId)}`, { state, ...(version ? { version } : {}), ...(bodyId ? { bodyId } : {}) }),
    checkIn: (id: string) => post<Attendance>(`${m(id)}/check-in`),
    /** Förhinder from the tab: own (no personId) or the secretary's for a person; the same call-in as from chat. */
    reportAbsence: (id: string, input: { personId?: string; bodyId?: string; note?: string } = {}) => post<Attendance>(`${m(id)}/absence`, input),
    withdrawAbsence: (id: string, input: { personId?: string; bodyId?: string } = {}) => post<Attendance | null>(`${m(id)}/absence/withdraw`, input),
    myMeetings: () => get<{ meetings: MyMeeting[] }>('/me/meetings').then((r) => r.meetings),
    overrideCallIn: (id: string, callInId: string, personId: string, mode: 'assign' | 'ask') => post<unknown>(`${m(id)}/call-ins/${enc(callInId)}/override`, { personId, mode }),
    undoCheckIn: (id: string) => del<{ attendance: Attendance[] }>(`${m(id)}/check-in`),
    callIns: (id: string) => get<CallInOverview>(`${m(id)}/call-ins`).then((r) => r.chains),
    sendKallelse: (id: string) => post<unknown>(`${m(id)}/kallelse`),
    kallelseOverview: (id: string) => get<KallelseOverview>(`${m(id)}/kallelse`),

    // minutes, justering, publishing
    minutes: (id: string) => get<MinutesState>(`${m(id)}/minutes`),
    regenerateMinutes: (id: string) => post<MinutesVersionSummary>(`${m(id)}/minutes`),
    sendForJustering: (id: string) => post<unknown>(`${m(id)}/minutes/justering`, {}),
    signMinutes: (id: string, version: number) => post<unknown>(`${m(id)}/minutes/versions/${version}/justering/sign`),
    /** A justering made outside Teams (e-mail), recorded by the secretary with its date (YYYY-MM-DD). */
    recordExternalJustering: (id: string, version: number, body: { personId: string; date: string; method: 'email' }) => post<unknown>(`${m(id)}/minutes/versions/${version}/justering/external`, body),
    /** A draft (not justerad) is published only with confirmDraft, sent after the secretary answered the tab's question. */
    publishMinutes: (id: string, confirmDraft = false) => post<unknown>(`${m(id)}/minutes/publish`, confirmDraft ? { confirmDraft: true } : {}),
    /** Opens a rättelse of justerade minutes (the lock lifts for the secretary) and writes it as version N+1. */
    openCorrection: (id: string, reason: string) => post<unknown>(`${m(id)}/minutes/correction`, { reason }),
    writeCorrection: (id: string) => post<MinutesVersionSummary>(`${m(id)}/minutes/correction/version`),
    /**
     * A link to one version's Word or PDF file. Teams opens a download itself (or in the browser), where the
     * tab's access token cannot go: the link carries a one-use ticket for this meeting, valid about a minute.
     */
    minutesFileUrl: async (id: string, version: number, kind: 'docx' | 'pdf') => {
      const { ticket } = await post<IssuedTicket>('/stream-tickets', { meetingId: id });
      return new URL(`/api/v1${m(id)}/minutes/versions/${version}/${kind}?ticket=${enc(ticket)}`, window.location.href).toString();
    },

    // roster import
    previewRosterImport: (bodyId: string, text: string, opts: { removeMissing: boolean }) =>
      post<RosterImportView>(`/bodies/${enc(bodyId)}/roster-imports`, { text, removeMissing: opts.removeMissing, format: /^[^\n]*[;,\t][^\n]*\n/.test(text) && /e-?post|email|roll|role/i.test(text.split('\n')[0] ?? '') ? 'csv' : 'text' }),
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
    applyRosterImport: (bodyId: string, preview: RosterImportView, decisions: MatchDecision[], roleChanges: { membershipId: string; accept: boolean }[] = []) =>
      post<unknown>(`/bodies/${enc(bodyId)}/roster-imports/${enc(preview.id)}/apply`, { version: preview.version, decisions, ...(roleChanges.length ? { roleChanges } : {}) }),
  };
}

export type Api = ReturnType<typeof createApi>;
