/** Table specs of minutes, justering and the Graph outbox (migrations/0400_minutes.sql). */
import type { GraphPublication, JusteringChangeRequest, JusteringSignatureRecord, MinutesLock, MinutesVersion } from '../../../shared/domain/minutes-records';
import type { TableSpec } from './entity-repository';

export const minutesVersionSpec: TableSpec<MinutesVersion> = {
  table: 'minutes_versions',
  entityLabel: 'Protokollversionen / The minutes version',
  columns: {
    id: 'id',
    meetingId: 'meeting_id',
    number: 'number',
    status: 'status',
    model: 'model',
    html: 'html',
    text: 'text',
    contentHash: 'content_hash',
    createdBy: 'created_by',
    createdAt: 'created_at',
    supersedes: 'supersedes',
    reason: 'reason',
    justeringSentAt: 'justering_sent_at',
    justeringDeadline: 'justering_deadline',
    lockedAt: 'locked_at',
    version: 'version',
  },
  json: ['model'],
  instants: ['createdAt', 'justeringSentAt', 'justeringDeadline', 'lockedAt'],
  tenantScoped: true,
  versioned: true,
};

export const justeringSignatureSpec: TableSpec<JusteringSignatureRecord> = {
  table: 'justering_signatures',
  entityLabel: 'Justeringen / The sign-off',
  columns: {
    id: 'id',
    meetingId: 'meeting_id',
    minutesVersionId: 'minutes_version_id',
    personId: 'person_id',
    signedAt: 'signed_at',
    method: 'method',
    note: 'note',
    recordedBy: 'recorded_by',
    version: 'version',
  },
  instants: ['signedAt'],
  tenantScoped: true,
  versioned: true,
};

export const justeringChangeRequestSpec: TableSpec<JusteringChangeRequest> = {
  table: 'justering_change_requests',
  entityLabel: 'Ändringsbegäran / The change request',
  columns: { id: 'id', meetingId: 'meeting_id', minutesVersionId: 'minutes_version_id', personId: 'person_id', comment: 'comment', at: 'at', status: 'status', version: 'version' },
  instants: ['at'],
  tenantScoped: true,
  versioned: true,
};

export const minutesLockSpec: TableSpec<MinutesLock> = {
  table: 'minutes_locks',
  entityLabel: 'Låset / The lock',
  columns: {
    id: 'id',
    meetingId: 'meeting_id',
    locked: 'locked',
    finalVersionId: 'final_version_id',
    lockedAt: 'locked_at',
    correctionReason: 'correction_reason',
    correctionOpenedBy: 'correction_opened_by',
    version: 'version',
  },
  instants: ['lockedAt'],
  tenantScoped: true,
  versioned: true,
};

export const graphPublicationSpec: TableSpec<GraphPublication> = {
  table: 'graph_publications',
  entityLabel: 'Publiceringen / The publication',
  columns: {
    id: 'id',
    meetingId: 'meeting_id',
    kind: 'kind',
    minutesVersionId: 'minutes_version_id',
    actingPersonId: 'acting_person_id',
    assertionCiphertext: 'assertion_ciphertext',
    clientRef: 'client_ref',
    state: 'state',
    steps: 'steps',
    jobId: 'job_id',
    lastError: 'last_error',
    requestedAt: 'requested_at',
    doneAt: 'done_at',
    version: 'version',
  },
  json: ['steps'],
  instants: ['requestedAt', 'doneAt'],
  tenantScoped: true,
  versioned: true,
  defaults: { steps: {} },
};
