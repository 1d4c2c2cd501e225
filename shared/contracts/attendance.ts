import { z } from 'zod';
import { ATTENDANCE_STATES } from '../domain';
import { idSchema, optionalTextLine } from './common';

/**
 * Attendance inputs. `bodyId` names the body whose list a state is for: in a joint meeting a
 * person with seats in several bodies has a state per body (present on one council's list, förhinder on the
 * other's). Without it the state applies to every body the person sits in. For a person with one seat (and in
 * every single-body meeting) it only says under which body the person is listed, as before.
 */
export const itemRangeInput = z.object({ from: z.number().int().min(1).max(999), to: z.number().int().min(1).max(999) }).refine((r) => r.to >= r.from, 'to must not be before from');

export const attendanceCorrectionInput = z.object({
  state: z.enum(ATTENDANCE_STATES),
  itemRange: itemRangeInput.nullish(),
  partOfMeeting: z.boolean().optional(),
  note: optionalTextLine(500),
  replacesPersonId: idSchema.nullish(),
  bodyId: idSchema.nullish(),
  version: z.number().int().positive().optional(),
});
export type AttendanceCorrectionInput = z.infer<typeof attendanceCorrectionInput>;

/** "Jag är på plats": optionally for one body of a joint meeting (default: every body the caller sits in). */
export const checkInInput = z.object({ bodyId: idSchema.nullish() }).optional();
export type CheckInInput = z.infer<typeof checkInInput>;
