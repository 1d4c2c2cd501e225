import { describe, expect, it } from 'vitest';
import { checkinCard } from '../../../bot/teams/attendance/checkin-card';

const meeting = { id: 'm1', bodyName: 'Samverkansrådet', startsAt: '2026-12-07T08:00:00.000Z', timeZone: 'Europe/Stockholm' };

describe('the check-in card, per person', () => {
  it('tells everyone of a cancelled meeting that it is cancelled, with no button (not that check-in opens on the day)', () => {
    for (const [locale, line] of [
      ['sv', 'Mötet är inställt: ingen incheckning.'],
      ['en', 'The meeting is cancelled: there is no check-in.'],
    ] as const) {
      const json = JSON.stringify(checkinCard({ locale, cardId: 'chk-1', meeting, view: 'cancelled' }));
      expect(json).toContain(line);
      expect(json).not.toContain('Action.Execute');
      expect(json).not.toContain(locale === 'sv' ? 'bara under mötesdagen' : 'only on the meeting day');
    }
  });
});
