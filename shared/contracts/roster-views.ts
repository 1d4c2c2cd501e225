/**
 * What the roster-import routes answer and take (POST /bodies/:id/roster-imports, …/apply). The shapes are
 * defined beside the import planning they describe; the tab imports them from here.
 */
export type { MatchDecision, RosterImportView } from '../services/roster-import-support';
