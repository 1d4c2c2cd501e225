import { describe, expect, it } from 'vitest';
import { CARD_VERBS, idempotencyKeyFor, inputIdsOf, parseCardAction } from '../../../bot/teams/card-actions';
import { RadslagError } from '../../../shared/errors/catalog';

function validationError(fn: () => unknown): RadslagError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RadslagError);
    expect((e as RadslagError).code).toBe('VALIDATION_FAILED');
    return e as RadslagError;
  }
  throw new Error('expected a RadslagError');
}

describe('the verb registry', () => {
  it('has every verb the bot and meeting need', () => {
    expect([...CARD_VERBS].sort()).toEqual(
      [
        'kallelse.rsvp', 'absence.undo', 'absence.choose_meeting', 'absence.choose_all', 'absence.decline', 'callin.answer', 'binding.confirm', 'binding.choose_body',
        'meeting.link_confirm', 'checkin', 'item.start', 'item.finish', 'item.back', 'decision.propose', 'decision.confirm',
        'decision.edit', 'decision.reopen', 'decision.standard', 'vote.open', 'vote.cast', 'vote.close', 'reservation.add',
        'recusal.add', 'task.create', 'evaluation.submit', 'justering.sign', 'justering.request_change', 'chair.handover',
        'person.match_confirm', 'refresh',
      ].sort(),
    );
  });
  it('knows which inputs a verb reads', () => {
    expect(inputIdsOf('decision.edit')).toEqual({ required: ['decisionText'], optional: [] });
    expect(inputIdsOf('kallelse.rsvp')).toEqual({ required: [], optional: ['rsvpNote'] });
  });
});

describe('parseCardAction', () => {
  it('parses data merged with inputs into a typed action, dropping other inputs on the card', () => {
    const a = parseCardAction('decision.edit', { cardId: 'c1', decisionId: 'd1', version: 3, decisionText: '  Dagordningen fastställs. ', voteQuestion: '' });
    expect(a).toEqual({ verb: 'decision.edit', data: { cardId: 'c1', decisionId: 'd1', version: 3, decisionText: 'Dagordningen fastställs.' } });
  });
  it('turns Teams input strings into numbers and lists', () => {
    const e = parseCardAction('evaluation.submit', { cardId: 'c', meetingId: 'm', evalScore: '4', evalWorked: '', evalHindered: 'Tekniken' });
    expect(e.data).toEqual({ cardId: 'c', meetingId: 'm', evalScore: 4, evalHindered: 'Tekniken' });
    const s = parseCardAction('decision.standard', { cardId: 'c', meetingId: 'm', itemId: 'i', standardKey: 'justerare_elected', justerarePersonIds: 'p1,p2' });
    expect(s.data).toMatchObject({ justerarePersonIds: ['p1', 'p2'] });
    const h = parseCardAction('chair.handover', { cardId: 'c', meetingId: 'm', version: 1, handoverPersonId: 'siw', handoverFromItem: '11' });
    expect(h.data).toMatchObject({ handoverFromItem: 11 });
  });
  it('refuses an unknown verb', () => {
    expect(validationError(() => parseCardAction('decision.approve', {})).message).toContain('unknown card action');
  });
  it('refuses data failing the schema, saying which field', () => {
    expect(validationError(() => parseCardAction('decision.confirm', { cardId: 'c', decisionId: 'd' })).message).toContain('version');
    validationError(() => parseCardAction('vote.cast', { cardId: 'c', decisionId: 'd', choice: 'kanske' }));
    validationError(() => parseCardAction('decision.edit', { cardId: 'c', decisionId: 'd', version: 1, decisionText: '   ' }));
    validationError(() => parseCardAction('checkin', null));
    validationError(() => parseCardAction('evaluation.submit', { cardId: 'c', meetingId: 'm', evalScore: '7' }));
  });
  it('applies the cross-field rules', () => {
    expect(validationError(() => parseCardAction('kallelse.rsvp', { cardId: 'c', meetingId: 'm', personId: 'p', answer: 'delvis', answerVersion: 0 })).message).toContain(
      'rsvpNote',
    );
    expect(parseCardAction('kallelse.rsvp', { cardId: 'c', meetingId: 'm', personId: 'p', answer: 'delvis', answerVersion: 0, rsvpNote: 'punkt 1–5' }).data).toMatchObject({
      rsvpNote: 'punkt 1–5',
    });
    validationError(() => parseCardAction('decision.standard', { cardId: 'c', meetingId: 'm', itemId: 'i', standardKey: 'justerare_elected', justerarePersonIds: '' }));
    validationError(() => parseCardAction('binding.choose_body', { cardId: 'c', teamId: 't', bindingBodyId: 'b', bindingNewBodyName: 'Nytt råd' }));
    validationError(() => parseCardAction('binding.choose_body', { cardId: 'c', teamId: 't' }));
    validationError(() => parseCardAction('evaluation.submit', { cardId: 'c', meetingId: 'm' }));
    validationError(() => parseCardAction('chair.handover', { cardId: 'c', meetingId: 'm', version: 1, handoverPersonId: 'p', handoverFromItem: '11', handoverToItem: '3' }));
  });
});

describe('idempotencyKeyFor', () => {
  const user = 'aad-karin';
  const rsvp = (answer: string, answerVersion: number) =>
    idempotencyKeyFor({ verb: 'kallelse.rsvp', cardId: 'rsvp-1', userAadObjectId: user, data: { cardId: 'rsvp-1', meetingId: 'm', personId: 'p', answer, answerVersion } });

  it('is the same for a redelivery of one press', () => {
    expect(rsvp('kommer', 0)).toBe(rsvp('kommer', 0));
  });
  it('RSVP: Ja, then Nej, then Ja again on the re-rendered card are three different actions', () => {
    const keys = [rsvp('kommer', 0), rsvp('forhinder', 1), rsvp('kommer', 2)];
    expect(new Set(keys).size).toBe(3);
    expect(keys[0]).toMatch(/^card:kallelse\.rsvp:rsvp-1:aad-karin:[0-9a-f]{16}$/);
  });
  it('final answers: a second press with another answer is the same action (call-in, vote)', () => {
    const ci = (answer: string) =>
      idempotencyKeyFor({ verb: 'callin.answer', cardId: 'ci-1', userAadObjectId: user, data: { cardId: 'ci-1', callInId: 'x', answer, version: 1 } });
    expect(ci('ja')).toBe('card:callin.answer:ci-1:aad-karin');
    expect(ci('nej')).toBe(ci('ja'));
    const vote = (choice: string) => idempotencyKeyFor({ verb: 'vote.cast', cardId: 'v', userAadObjectId: user, data: { choice } });
    expect(vote('ja')).toBe(vote('nej'));
  });
  it('differs per user and per card instance', () => {
    const k = (u: string, c: string) => idempotencyKeyFor({ verb: 'checkin', cardId: c, userAadObjectId: u, data: {} });
    expect(k('a', 'c1')).not.toBe(k('b', 'c1'));
    expect(k('a', 'c1')).not.toBe(k('a', 'c2'));
  });
  it('confirm → reopen → confirm on one card are distinct through the version', () => {
    const k = (verb: 'decision.confirm' | 'decision.reopen', version: number) =>
      idempotencyKeyFor({ verb, cardId: 'd', userAadObjectId: 'sec', data: { decisionId: 'x', version } });
    expect(k('decision.confirm', 1)).not.toBe(k('decision.confirm', 3));
    expect(k('decision.confirm', 1)).toBe(k('decision.confirm', 1));
  });
  it('two different tasks from one card are two actions; key order in data does not matter', () => {
    const t = (data: Record<string, unknown>) => idempotencyKeyFor({ verb: 'task.create', cardId: 't', userAadObjectId: 'sec', data });
    expect(t({ taskText: 'Linnea gör en doodle' })).not.toBe(t({ taskText: 'Skicka ut underlaget' }));
    expect(t({ taskText: 'a', taskOwnerName: 'b' })).toBe(t({ taskOwnerName: 'b', taskText: 'a' }));
  });
  it('refresh is read-only and has no key', () => {
    expect(idempotencyKeyFor({ verb: 'refresh', cardId: 'c', userAadObjectId: user, data: {} })).toBeNull();
  });
});
