/**
 * What the publication use cases need from Microsoft Graph (bot/graph implements it with msal-node and the
 * Graph client): whether publishing is on, and a way to keep the secretary's sign-in sealed for the job
 * that acts for them later. The calls themselves happen in the job, outside any transaction.
 */
export interface GraphPort {
  readonly enabled: boolean;
  /** Why publishing is off (null when on): shown to the secretary in the outbox. */
  readonly disabledReason: string | null;
  /** The sign-in sealed for this publication (null when it cannot be kept: no app secret). */
  sealAssertion(assertion: string, clientRef: string): string | null;
}

/** One attendance record of a Teams attendance report, as Graph gives it. */
export interface AttendanceReportRecord {
  emailAddress?: string | null;
  identity?: { id?: string | null; displayName?: string };
  attendanceIntervals: { joinDateTime: string; leaveDateTime: string }[];
}
