import { z } from 'zod';
import type { AttendanceState, Meeting } from '../domain';
import { idSchema, optionalTextLine } from './common';

/**
 * Förhinder from the tab: a member for themself ("Mina möten"), or the secretary for someone on the roster.
 * `personId` absent: the caller. `bodyId`: a joint meeting, the council whose list the förhinder is for.
 */
export const absenceReportInput = z.object({
  personId: idSchema.optional(),
  bodyId: idSchema.nullish(),
  note: optionalTextLine(500),
});
export type AbsenceReportInput = z.infer<typeof absenceReportInput>;

export const absenceWithdrawInput = z.object({ personId: idSchema.optional(), bodyId: idSchema.nullish() });
export type AbsenceWithdrawInput = z.infer<typeof absenceWithdrawInput>;

/** GET /me/meetings: a meeting of the caller's bodies with the caller's own attendance in it. */
export interface MyMeeting {
  meeting: Meeting;
  /** The caller's state (the strongest of their rows: förhinder over expected); null when they have no seat. */
  myState: AttendanceState | null;
  /** They come for part of the meeting only. */
  partOfMeeting: boolean;
  /** They serve as ersättare for this person. */
  replacesName: string | null;
  /** The server would accept a förhinder (or its withdrawal) from the caller for this meeting now. */
  canReportAbsence: boolean;
}
