import { describe, expect, it } from 'vitest';
import { isStoreUnavailable } from '../../../bot/store/connection-errors';
import { turnFailureReply } from '../../../bot/teams/turn-failure';
import { RadslagError } from '../../../shared/errors/catalog';

describe('what counts as the store being unavailable (issue 15)', () => {
  it('lost, refused and terminated connections do; other database errors do not', () => {
    const lost = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
    ];
    for (const e of lost) expect(isStoreUnavailable(e), e.message).toBe(true);
    const other = [Object.assign(new Error('duplicate key'), { code: '23505' }), Object.assign(new Error('could not serialize'), { code: '40001' }), new Error('boom'), null, undefined, 'text'];
    for (const e of other) expect(isStoreUnavailable(e), String(e)).toBe(false);
  });

  it('the reply says plainly that nothing was recorded, in the language the member wrote', () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(turnFailureReply('Kan inte komma på fredag', 'en-GB', down)).toMatch(/INTE registrerat.*förhinder/);
    expect(turnFailureReply("Sorry, I can't attend on Friday", 'sv-SE', down)).toMatch(/NOT recorded/);
    expect(turnFailureReply('Kan inte komma', 'sv-SE', new Error('boom'))).toBe('Något gick fel. Försök igen.');
  });

  it('a refusal the member can act on says what it is (a late förhinder for a justerad meeting), not "Något gick fel"', () => {
    const locked = new RadslagError('LOCKED_FINAL');
    expect(turnFailureReply('Jag hade förhinder den 3 mars', 'sv-SE', locked)).toBe('Protokollet är justerat och låst. Gör en rättelse i stället.');
    expect(turnFailureReply('I could not attend on 3 March', 'sv-SE', locked)).toBe('The minutes are signed and locked. Make a correction instead.');
  });
});
