/**
 * Issue 18 item 3: förhinder in chat for a joint meeting where the sender sits on both councils. Without a
 * council named the förhinder is for the whole meeting (every council the sender sits on); naming one of the
 * councils limits it to that council's list.
 */
import { describe, expect, it } from 'vitest';
import { interpretAbsenceMessage, type CandidateMeeting } from '../../../shared/absence';
import { context } from './fixture';

const SOCIAL = 'body-social';
const FOLK = 'body-folk';
// One joint meeting (same id) seen once per council the sender sits on, Friday 21 March 2025 09.00–12.00.
const JOINT: CandidateMeeting[] = [
  { id: 'J1', bodyId: SOCIAL, bodyName: 'Specifika samverkansrådet för social välfärd samt vård och omsorg', startsAt: '2025-03-21T08:00:00.000Z', endsAt: '2025-03-21T11:00:00.000Z' },
  { id: 'J1', bodyId: FOLK, bodyName: 'Specifika samverkansrådet för folkhälsa', startsAt: '2025-03-21T08:00:00.000Z', endsAt: '2025-03-21T11:00:00.000Z' },
];

describe('förhinder for a joint meeting of two councils the sender sits on', () => {
  it('without a council named: the whole meeting, no body on the target', () => {
    const r = interpretAbsenceMessage('Jag har förhinder den 21 mars', context({ meetings: JOINT }));
    expect(r.kind).toBe('absence');
    if (r.kind !== 'absence') return;
    expect(r.targets).toHaveLength(1);
    expect(r.targets[0]!.meetingId).toBe('J1');
    expect(r.targets[0]!.bodyId).toBeUndefined();
  });

  it.each([
    ['Jag har förhinder för folkhälsorådet den 21 mars', FOLK],
    ['Kan inte vara med på folkhälsans del den 21/3', FOLK],
    ['Förhinder 21 mars för rådet för social välfärd', SOCIAL],
  ])('"%s" is for that council only', (text, body) => {
    const r = interpretAbsenceMessage(text, context({ meetings: JOINT }));
    expect(r.kind).toBe('absence');
    if (r.kind !== 'absence') return;
    expect(r.targets.map((x) => [x.meetingId, x.bodyId])).toEqual([['J1', body]]);
    // The reply names the council the förhinder is for.
    expect(r.targets[0]!.meeting.bodyId).toBe(body);
  });

  it('a single-body meeting never carries a body (one state per person, as before)', () => {
    const r = interpretAbsenceMessage('Jag har förhinder för folkhälsorådet den 21 mars', context({ meetings: [JOINT[1]!] }));
    expect(r.kind).toBe('absence');
    if (r.kind !== 'absence') return;
    expect(r.targets[0]!.bodyId).toBeUndefined();
  });
});
