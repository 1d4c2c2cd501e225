import { describe, expect, it } from 'vitest';
import type { ServingPeriod } from '../../../shared/domain';
import { ownSeatText, paragraphText, servingText } from '../../../shared/minutes/serving-lines';

const period = (seat: string, serving: string, fromItem: number, toItem: number, bodyId = 'B'): ServingPeriod => ({ id: `${seat}${serving}${fromItem}`, meetingId: 'M', bodyId, seatPersonId: seat, servingPersonId: serving, fromItem, toItem });
const names: Record<string, string> = { annica: 'Annica Sjöqvist', jari: 'Jari Mehtäläinen', jan: 'Jan Engman', monika: 'Monika Klockars' };
const periods = [
  period('annica', 'jan', 1, 4),
  period('annica', 'annica', 5, 9),
  period('jari', 'jari', 1, 2),
  period('jari', 'monika', 3, 3),
  period('jari', 'jari', 4, 9),
  period('kristin', 'kristin', 1, 9),
  period('annica', 'monika', 1, 9, 'OTHER'),
];

describe('tjänstgöring in the attendance list', () => {
  it('numbers items as a protokoll does: § for one, §§ for a range or several', () => {
    expect(paragraphText([{ fromItem: 3, toItem: 3 }])).toBe('§ 3');
    expect(paragraphText([{ fromItem: 3, toItem: 5 }])).toBe('§§ 3–5');
    expect(paragraphText([{ fromItem: 5, toItem: 5 }, { fromItem: 1, toItem: 2 }])).toBe('§§ 1–2, 5');
  });
  it('an ersättare: for whom and in which items, in this body only', () => {
    expect(servingText(periods, 'jan', 'B', (id) => names[id]!)).toBe('tjänstgör för Annica Sjöqvist §§ 1–4');
    expect(servingText(periods, 'monika', 'B', (id) => names[id]!)).toBe('tjänstgör för Jari Mehtäläinen § 3');
    expect(servingText(periods, 'monika', null, (id) => names[id]!)).toBe('tjänstgör för Annica Sjöqvist §§ 1–9, för Jari Mehtäläinen § 3');
    expect(servingText(periods, 'annica', 'B', (id) => names[id]!)).toBeNull();
  });
  it('a ledamot: the items they held their own seat in, when not all of them', () => {
    expect(ownSeatText(periods, 'annica', 'B')).toBe('tjänstgör §§ 5–9');
    expect(ownSeatText(periods, 'jari', 'B')).toBe('tjänstgör §§ 1–2, 4–9');
    expect(ownSeatText(periods, 'kristin', 'B')).toBeNull();
    expect(ownSeatText(periods, 'jan', 'B')).toBeNull();
  });
});
