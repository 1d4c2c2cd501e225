import { describe, expect, it } from 'vitest';
import { describeAbsenceIntent, formatMeetingTime, interpretAbsenceMessage, type AbsenceIntent } from '../../../shared/absence';
import { context } from './fixture';

const FOLKHALSA = {
  id: 'm-2024-09-20',
  bodyId: 'b',
  bodyName: 'Specifika samverkansrådet för folkhälsa',
  // 2024-09-20, kl. 09.00-12.00 (summer time) as in the seed minutes.
  startsAt: '2024-09-20T07:00:00.000Z',
  endsAt: '2024-09-20T10:00:00.000Z',
};

describe('describeAbsenceIntent', () => {
  it('writes the confirmation with Swedish date typography', () => {
    const intent: AbsenceIntent = { kind: 'absence', meetingId: FOLKHALSA.id, meeting: FOLKHALSA, targets: [{ meetingId: FOLKHALSA.id, meeting: FOLKHALSA }], confidence: 0.95 };
    expect(describeAbsenceIntent(intent, 'sv')).toBe(
      'Förhinder noterat för Specifika samverkansrådet för folkhälsa, fredag 20 september 2024 kl. 09.00. En ersättare kallas in.',
    );
    expect(describeAbsenceIntent(intent, 'en')).toBe(
      'Absence recorded for Specifika samverkansrådet för folkhälsa, Friday, 20 September 2024 at 09:00. A substitute will be called in.',
    );
    expect(describeAbsenceIntent(intent, 'sv', { substituteCalledIn: false })).toBe(
      'Förhinder noterat för Specifika samverkansrådet för folkhälsa, fredag 20 september 2024 kl. 09.00.',
    );
  });

  it('formats winter and summer times in Stockholm', () => {
    expect(formatMeetingTime('2025-03-14T08:00:00.000Z', 'sv')).toBe('fredag 14 mars 2025 kl. 09.00');
    expect(formatMeetingTime('2025-04-09T07:00:00.000Z', 'en')).toBe('Wednesday, 9 April 2025 at 09:00');
  });

  it('names the substitute and the partial attendance', () => {
    const sub = interpretAbsenceMessage('Förhinder på fredag, Erik König går in för mig', context());
    expect(describeAbsenceIntent(sub, 'sv')).toBe(
      'Förhinder noterat för Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00. Erik König tillfrågas först som ersättare.',
    );
    const partial = interpretAbsenceMessage('Kan bara punkt 1–5 på fredag, måste gå 11', context());
    expect(describeAbsenceIntent(partial, 'sv')).toBe(
      'Delvis närvaro noterad för Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00: deltar i punkt 1–5, går kl. 11.00.',
    );
    const late = interpretAbsenceMessage("I'll join at 10:30 on March 21", context({ locale: 'en' }));
    expect(describeAbsenceIntent(late, 'en')).toBe(
      'Partial attendance recorded for Chefsgrupp folkhälsa, Friday, 21 March 2025 at 09:00: arriving at 10:30.',
    );
  });

  it('confirms a withdrawal', () => {
    const intent = interpretAbsenceMessage('Jag kan ändå komma på fredag', context());
    expect(describeAbsenceIntent(intent, 'sv')).toBe('Förhindret är återkallat för Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00. Välkommen!');
  });

  it('asks instead of confirming when the meeting is not certain', () => {
    expect(describeAbsenceIntent(interpretAbsenceMessage('Förhinder den 21 mars', context()), 'sv')).toBe('Vilket möte gäller förhindret?');
    expect(describeAbsenceIntent(interpretAbsenceMessage('Förhinder den 28 mars', context()), 'sv')).toBe(
      'Jag hittar inget av dina möten den 28 mars 2025. Vilket möte menar du?',
    );
    expect(describeAbsenceIntent(interpretAbsenceMessage('Jag kanske inte kan komma på fredag', context()), 'sv')).toBe(
      'Vill du anmäla förhinder för Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00?',
    );
    expect(describeAbsenceIntent(interpretAbsenceMessage('hej', context()), 'en')).toMatch(/^I didn’t understand/);
  });
});
