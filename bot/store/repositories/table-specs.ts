import type {
  AgendaItem,
  Attendance,
  AttendanceInterval,
  Body,
  ChairHandover,
  Decision,
  EvaluationEntry,
  FollowUpTask,
  Meeting,
  Membership,
  Organisation,
  Person,
  Recusal,
  ServingPeriod,
  UpcomingDate,
} from '../../../shared/domain';
import type { TableSpec } from './entity-repository';

export const organisationSpec: TableSpec<Organisation> = {
  table: 'organisations',
  entityLabel: 'Organisationen / The organisation',
  columns: { id: 'id', name: 'name', kind: 'kind', aliases: 'aliases', version: 'version' },
  json: ['aliases'],
  tenantScoped: true,
  versioned: true,
  defaults: { aliases: [] },
};

export const bodySpec: TableSpec<Body> = {
  table: 'bodies',
  entityLabel: 'Organet / The body',
  columns: {
    id: 'id',
    name: 'name',
    kind: 'kind',
    shortName: 'short_name',
    defaultDocumentKind: 'default_document_kind',
    teamsTeamId: 'teams_team_id',
    teamsChannelId: 'teams_channel_id',
    absenceContact: 'absence_contact',
    minutesTitleStyle: 'minutes_title_style',
    agendaLayout: 'agenda_layout',
    upcomingPlacement: 'upcoming_placement',
    serviceUnit: 'service_unit',
    minutesDraftReaders: 'minutes_draft_readers',
    version: 'version',
  },
  tenantScoped: true,
  versioned: true,
};

export const personSpec: TableSpec<Person> = {
  table: 'people',
  entityLabel: 'Personen / The person',
  columns: {
    id: 'id',
    name: 'name',
    email: 'email',
    aadObjectId: 'aad_object_id',
    userPrincipalName: 'user_principal_name',
    title: 'title',
    organisationId: 'organisation_id',
    isAdmin: 'is_admin',
    locale: 'locale',
    version: 'version',
  },
  tenantScoped: true,
  versioned: true,
  defaults: { isAdmin: false },
};

export const membershipSpec: TableSpec<Membership> = {
  table: 'memberships',
  entityLabel: 'Uppdraget / The membership',
  columns: {
    id: 'id',
    bodyId: 'body_id',
    personId: 'person_id',
    role: 'role',
    organisationId: 'organisation_id',
    title: 'title',
    substituteOrder: 'substitute_order',
    substituteForPersonId: 'substitute_for_person_id',
    from: 'valid_from',
    to: 'valid_to',
    position: 'position',
    version: 'version',
  },
  tenantScoped: true,
  versioned: true,
};

export const meetingSpec: TableSpec<Meeting> = {
  table: 'meetings',
  entityLabel: 'Mötet / The meeting',
  columns: {
    id: 'id',
    bodyIds: 'body_ids',
    title: 'title',
    documentKind: 'document_kind',
    startsAt: 'starts_at',
    endsAt: 'ends_at',
    timeZone: 'time_zone',
    place: 'place',
    mode: 'mode',
    status: 'status',
    startedAt: 'started_at',
    endedAt: 'ended_at',
    movedFromStartsAt: 'moved_from_starts_at',
    teams: 'teams',
    chairPersonId: 'chair_person_id',
    secretaryPersonIds: 'secretary_person_ids',
    justerarePersonIds: 'justerare_person_ids',
    version: 'version',
  },
  json: ['bodyIds', 'teams', 'secretaryPersonIds', 'justerarePersonIds'],
  instants: ['startsAt', 'endsAt', 'startedAt', 'endedAt', 'movedFromStartsAt'],
  tenantScoped: true,
  versioned: true,
  defaults: { secretaryPersonIds: [], justerarePersonIds: [] },
  derived: (m) => ({ host_body_id: m.bodyIds[0], teams_meeting_id: m.teams?.meetingId ?? null }),
};

export const agendaItemSpec: TableSpec<AgendaItem> = {
  table: 'agenda_items',
  entityLabel: 'Ärendet / The agenda item',
  columns: {
    id: 'id',
    meetingId: 'meeting_id',
    number: 'number',
    title: 'title',
    presenters: 'presenters',
    kind: 'kind',
    standardKey: 'standard_key',
    attachments: 'attachments',
    plannedMinutes: 'planned_minutes',
    status: 'status',
    notes: 'notes',
    startedAt: 'started_at',
    endedAt: 'ended_at',
    carriedFromItemId: 'carried_from_item_id',
    version: 'version',
  },
  json: ['presenters', 'attachments'],
  instants: ['startedAt', 'endedAt'],
  tenantScoped: true,
  versioned: true,
  defaults: { presenters: [], attachments: [], notes: '' },
};

export const chairHandoverSpec: TableSpec<ChairHandover> = {
  table: 'chair_handovers',
  entityLabel: 'Ordförandebytet / The chair handover',
  columns: {
    id: 'id',
    meetingId: 'meeting_id',
    personId: 'person_id',
    fromItemNumber: 'from_item_number',
    toItemNumber: 'to_item_number',
    at: 'at',
    recordedBy: 'recorded_by',
  },
  instants: ['at'],
  tenantScoped: true,
  versioned: false,
};

export const attendanceSpec: TableSpec<Attendance> = {
  table: 'attendance',
  entityLabel: 'Närvaron / The attendance',
  columns: {
    id: 'id',
    meetingId: 'meeting_id',
    personId: 'person_id',
    bodyId: 'body_id',
    state: 'state',
    source: 'source',
    replacesPersonId: 'replaces_person_id',
    itemRange: 'item_range',
    partOfMeeting: 'part_of_meeting',
    arrivesAt: 'arrives_at',
    leavesAt: 'leaves_at',
    note: 'note',
    unclassifiedGuest: 'unclassified_guest',
    updatedAt: 'updated_at',
    updatedBy: 'updated_by',
    version: 'version',
  },
  json: ['itemRange'],
  instants: ['updatedAt', 'arrivesAt', 'leavesAt'],
  tenantScoped: true,
  versioned: true,
  defaults: { partOfMeeting: false, unclassifiedGuest: false },
};

export const attendanceIntervalSpec: TableSpec<AttendanceInterval> = {
  table: 'attendance_intervals',
  entityLabel: 'Närvarointervallet / The attendance interval',
  columns: { id: 'id', meetingId: 'meeting_id', personId: 'person_id', from: 'from_at', to: 'to_at', source: 'source' },
  instants: ['from', 'to'],
  tenantScoped: true,
  versioned: false,
};

export const decisionSpec: TableSpec<Decision> = {
  table: 'decisions',
  entityLabel: 'Beslutet / The decision',
  columns: {
    id: 'id',
    meetingId: 'meeting_id',
    itemId: 'item_id',
    text: 'text',
    standardKey: 'standard_key',
    status: 'status',
    postponed: 'postponed',
    proposedBy: 'proposed_by',
    proposedAt: 'proposed_at',
    confirmedBy: 'confirmed_by',
    confirmedAt: 'confirmed_at',
    vote: 'vote',
    reservations: 'reservations',
    version: 'version',
  },
  json: ['vote', 'reservations'],
  instants: ['proposedAt', 'confirmedAt'],
  tenantScoped: true,
  versioned: true,
  defaults: { reservations: [], postponed: false },
};

export const taskSpec: TableSpec<FollowUpTask> = {
  table: 'tasks',
  entityLabel: 'Uppdraget / The task',
  columns: {
    id: 'id',
    meetingId: 'meeting_id',
    itemId: 'item_id',
    text: 'text',
    ownerPersonId: 'owner_person_id',
    ownerName: 'owner_name',
    dueDate: 'due_date',
    status: 'status',
    carriedToMeetingId: 'carried_to_meeting_id',
    version: 'version',
  },
  tenantScoped: true,
  versioned: true,
};

export const recusalSpec: TableSpec<Recusal> = {
  table: 'recusals',
  entityLabel: 'Jävet / The recusal',
  columns: { id: 'id', meetingId: 'meeting_id', itemId: 'item_id', personId: 'person_id', note: 'note' },
  tenantScoped: true,
  versioned: false,
};

export const servingPeriodSpec: TableSpec<ServingPeriod> = {
  table: 'serving_periods',
  entityLabel: 'Tjänstgöringen / The serving period',
  columns: { id: 'id', meetingId: 'meeting_id', bodyId: 'body_id', seatPersonId: 'seat_person_id', servingPersonId: 'serving_person_id', fromItem: 'from_item', toItem: 'to_item' },
  tenantScoped: true,
  versioned: false,
};

export const evaluationSpec: TableSpec<EvaluationEntry> = {
  table: 'evaluation_entries',
  entityLabel: 'Utvärderingen / The evaluation',
  columns: {
    id: 'id',
    meetingId: 'meeting_id',
    personId: 'person_id',
    worked: 'worked',
    hindered: 'hindered',
    score: 'score',
    at: 'at',
  },
  instants: ['at'],
  tenantScoped: true,
  versioned: false,
};

export const upcomingDateSpec: TableSpec<UpcomingDate> = {
  table: 'upcoming_dates',
  entityLabel: 'Mötesdatumet / The meeting date',
  columns: { id: 'id', meetingId: 'meeting_id', date: 'date', note: 'note', position: 'position' },
  tenantScoped: true,
  versioned: false,
};
