import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../tab/src/api/http';
import { localeFromTag } from '../../../tab/src/i18n/locale';
import { STRINGS, translate } from '../../../tab/src/i18n/strings';
import { backTarget, callInProgress, currentItem, nextItem, partsFor } from '../../../tab/src/pages/meeting-data';
import type { CallInChainView } from '../../../shared/contracts/meeting-views';
import type { AgendaItem } from '../../../shared/domain';

// Which page a frame shows: test/unit/tab/surfaces.test.ts (the frame context wins over the path).

describe('tab: language', () => {
  it('is Swedish unless Teams says English', () => {
    expect(localeFromTag('en-us')).toBe('en');
    expect(localeFromTag('en-GB')).toBe('en');
    expect(localeFromTag('sv-se')).toBe('sv');
    expect(localeFromTag('fi-fi')).toBe('sv');
    expect(localeFromTag(null)).toBe('sv');
  });
  it('has every string in both languages and fills placeholders', () => {
    for (const [key, v] of Object.entries(STRINGS)) {
      expect(v.sv.trim(), key).not.toBe('');
      expect(v.en.trim(), key).not.toBe('');
      expect(v.sv.match(/\{\w+\}/g)?.sort(), key).toEqual(v.en.match(/\{\w+\}/g)?.sort());
    }
    expect(translate('sv', 'startItem', { n: 3 })).toBe('Starta punkt 3');
    expect(translate('en', 'startItem', { n: 3 })).toBe('Start item 3');
  });
});

describe('tab: live updates refetch what an event touches', () => {
  it('maps event types to parts, and anything unknown or a reconnect to everything', () => {
    expect(partsFor(['decision.confirmed'])).toEqual(new Set(['decisions']));
    expect(partsFor(['attendance.changed', 'task.created'])).toEqual(new Set(['attendance', 'agenda', 'tasks']));
    expect(partsFor(['decision.confirmed', 'meeting.updated'])).toBe('all');
    expect(partsFor(['something.new'])).toBe('all');
    expect(partsFor(null)).toBe('all');
    expect(partsFor([])).toBe('all');
    // A signature or a send changes the minutes, not the meeting: the minutes view refetches on its own part.
    expect(partsFor(['minutes.signed'])).toEqual(new Set(['minutes']));
    expect(partsFor(['minutes.justering_sent'])).toEqual(new Set(['minutes']));
    // The last signature locks the meeting, a rättelse opens and closes it: the agenda view carries the lock.
    expect(partsFor(['minutes.final'])).toEqual(new Set(['minutes', 'agenda']));
    expect(partsFor(['minutes.correction_opened'])).toEqual(new Set(['minutes', 'agenda']));
  });
});

describe('tab: the agenda runner', () => {
  const item = (number: number, status: AgendaItem['status']): AgendaItem => ({ id: `i${number}`, meetingId: 'm', number, title: `P${number}`, presenters: [], kind: 'information', attachments: [], status, notes: '', version: 1 });
  it('knows the current and the next item', () => {
    const items = [item(1, 'done'), item(2, 'active'), item(3, 'pending'), item(4, 'pending')];
    expect(currentItem(items)?.number).toBe(2);
    expect(nextItem(items)?.number).toBe(3);
    expect(nextItem([item(1, 'done'), item(2, 'postponed'), item(3, 'pending')])?.number).toBe(3);
    expect(currentItem([item(1, 'pending')])).toBeNull();
    expect(nextItem([item(1, 'done')])).toBeNull();
  });
  // "Back" undoes a finish: from a running item to the one before it, or, with none running (also after the
  // last finish closed the meeting), the last finished item is taken up again.
  it('knows what "back" acts on', () => {
    expect(backTarget([item(1, 'done'), item(2, 'active'), item(3, 'pending')])?.number).toBe(2);
    expect(backTarget([item(1, 'active'), item(2, 'pending')])).toBeNull();
    expect(backTarget([item(1, 'done'), item(2, 'postponed'), item(3, 'done')])?.number).toBe(3);
    expect(backTarget([item(1, 'done'), item(2, 'pending')])?.number).toBe(1);
    expect(backTarget([item(1, 'pending')])).toBeNull();
  });
});

describe('tab: API errors', () => {
  it('tells a missing route from a missing thing, and speaks the user’s language', () => {
    const route = new ApiError(404, 'NOT_FOUND', 'GET /meetings/x/decisions hittades inte.', 'GET /meetings/x/decisions was not found.', 'c1');
    const thing = new ApiError(404, 'NOT_FOUND', 'Mötet hittades inte.', 'The meeting was not found.', 'c2');
    expect(route.routeMissing).toBe(true);
    expect(thing.routeMissing).toBe(false);
    expect(thing.text('sv')).toBe('Mötet hittades inte.');
    expect(thing.text('en')).toBe('The meeting was not found.');
  });
});

describe('tab: call-in chain line (the CallInChainView of shared/contracts)', () => {
  const people = new Map([['p-bo', { id: 'p-bo', name: 'Bo Ersättare' }]]) as never;
  const chain = (over: Partial<CallInChainView['callIn']> = {}): CallInChainView => ({
    callIn: { id: 'c1', meetingId: 'm1', absentPersonId: 'p-anna', status: 'open', filledByPersonId: null, ...over } as CallInChainView['callIn'],
    absentName: 'Anna Ledamot',
    steps: [
      { id: 's1', callInId: 'c1', position: 1, personId: 'p-bo', state: 'declined', version: 2, name: '', organisation: null },
      { id: 's2', callInId: 'c1', position: 2, personId: 'p-cecilia', state: 'asked', version: 1, name: 'Cecilia Ersättare', organisation: 'Kumla kommun' },
    ],
  });
  it("names each ersättare asked with their step's state (the tab showed 'undefined')", () => {
    expect(callInProgress({ people }, chain())).toBe('Bo Ersättare (declined), Cecilia Ersättare (asked)');
  });
  it('names the one serving once the seat is filled', () => {
    expect(callInProgress({ people }, chain({ filledByPersonId: 'p-bo' }))).toBe('Bo Ersättare');
  });
});
