/**
 * The seats of every body of a meeting, for whoever may read the meeting. In a joint meeting a council's
 * chair and members see the other council's roster too (its chair is a handover candidate, its members are
 * listed per body in the minutes), though body.read alone would show them only their own council's.
 */
import type { Membership } from '../domain';
import { readOnly } from '../usecase/context';
import { bodyMembershipsOf } from './agenda-access';
import { meetingFor } from './lookups';

export const meetingMemberships = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<Membership[]> => bodyMembershipsOf(ctx.tx, await meetingFor(ctx, meetingId, 'meeting.read')));
