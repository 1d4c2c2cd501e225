/** Table specs of the conversational half (migrations/0200_teams_bot.sql). */
import type { AbsenceRequest, CallIn, CallInStep, KallelseDelivery, MeetingBotSettings, PersonMatchRequest } from '../../../shared/domain/bot-records';
import type { TableSpec } from './entity-repository';

export const absenceRequestSpec: TableSpec<AbsenceRequest> = {
  table: 'absence_requests',
  entityLabel: 'Frågan om förhinder / The absence question',
  columns: {
    id: 'id',
    personId: 'person_id',
    text: 'text',
    understood: 'understood',
    candidateMeetingIds: 'candidate_meeting_ids',
    status: 'status',
    resolvedMeetingId: 'resolved_meeting_id',
    version: 'version',
  },
  json: ['understood', 'candidateMeetingIds'],
  tenantScoped: true,
  versioned: true,
};

export const callInSpec: TableSpec<CallIn> = {
  table: 'call_ins',
  entityLabel: 'Inkallelsen / The call-in',
  columns: {
    id: 'id',
    meetingId: 'meeting_id',
    bodyId: 'body_id',
    absentPersonId: 'absent_person_id',
    organisationId: 'organisation_id',
    purpose: 'purpose',
    status: 'status',
    namedSubstitutePersonId: 'named_substitute_person_id',
    filledByPersonId: 'filled_by_person_id',
    version: 'version',
  },
  tenantScoped: true,
  versioned: true,
};

export const callInStepSpec: TableSpec<CallInStep> = {
  table: 'call_in_steps',
  entityLabel: 'Inkallelsen / The call-in',
  columns: {
    id: 'id',
    callInId: 'call_in_id',
    position: 'position',
    personId: 'person_id',
    state: 'state',
    askedAt: 'asked_at',
    answeredAt: 'answered_at',
    putInBySecretary: 'put_in_by_secretary',
    version: 'version',
  },
  instants: ['askedAt', 'answeredAt'],
  defaults: { putInBySecretary: false },
  tenantScoped: true,
  versioned: true,
};

export const meetingBotSettingsSpec: TableSpec<MeetingBotSettings> = {
  table: 'meeting_bot_settings',
  entityLabel: 'Mötesinställningen / The meeting setting',
  columns: {
    id: 'id',
    meetingId: 'meeting_id',
    callInTimeoutMinutes: 'callin_timeout_minutes',
    kallelseSentAt: 'kallelse_sent_at',
    kallelseSentForStartsAt: 'kallelse_sent_for_starts_at',
    version: 'version',
  },
  instants: ['kallelseSentAt', 'kallelseSentForStartsAt'],
  tenantScoped: true,
  versioned: true,
};

export const kallelseDeliverySpec: TableSpec<KallelseDelivery> = {
  table: 'kallelse_deliveries',
  entityLabel: 'Kallelsen / The invitation',
  columns: { id: 'id', meetingId: 'meeting_id', personId: 'person_id', status: 'status', version: 'version' },
  tenantScoped: true,
  versioned: true,
};

export const personMatchSpec: TableSpec<PersonMatchRequest> = {
  table: 'person_matches',
  entityLabel: 'Matchningen / The match',
  columns: { id: 'id', aadObjectId: 'aad_object_id', teamsName: 'teams_name', personId: 'person_id', status: 'status', version: 'version' },
  tenantScoped: true,
  versioned: true,
};
