/** Table specs of roster imports and person-match suggestions (migrations/0100_roster_imports.sql). */
import type { PersonMatchSuggestion, RosterImportRecord } from '../../../shared/domain/roster-records';
import type { TableSpec } from './entity-repository';

export const rosterImportSpec: TableSpec<RosterImportRecord> = {
  table: 'roster_imports',
  entityLabel: 'Importen / The import',
  columns: {
    id: 'id',
    bodyId: 'body_id',
    bodyIds: 'body_ids',
    format: 'format',
    sourceText: 'source_text',
    options: 'options',
    parsed: 'parsed',
    plan: 'plan',
    basis: 'basis',
    status: 'status',
    createdBy: 'created_by',
    createdAt: 'created_at',
    appliedAt: 'applied_at',
    appliedBy: 'applied_by',
    result: 'result',
    version: 'version',
  },
  json: ['bodyIds', 'options', 'parsed', 'plan', 'result'],
  instants: ['createdAt', 'appliedAt'],
  tenantScoped: true,
  versioned: true,
};

export const personMatchSuggestionSpec: TableSpec<PersonMatchSuggestion> = {
  table: 'person_match_suggestions',
  entityLabel: 'Matchningsförslaget / The match suggestion',
  columns: {
    id: 'id',
    importId: 'import_id',
    bodyIds: 'body_ids',
    personKey: 'person_key',
    listedName: 'listed_name',
    listedOrganisation: 'listed_organisation',
    listedEmail: 'listed_email',
    candidates: 'candidates',
    status: 'status',
    resolvedPersonId: 'resolved_person_id',
    resolvedBy: 'resolved_by',
    resolvedAt: 'resolved_at',
    createdAt: 'created_at',
    version: 'version',
  },
  json: ['bodyIds', 'candidates'],
  instants: ['resolvedAt', 'createdAt'],
  tenantScoped: true,
  versioned: true,
  defaults: { bodyIds: [], candidates: [] },
};
