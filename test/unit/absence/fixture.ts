import type { AbsenceContext, CandidateMeeting } from '../../../shared/absence';

/**
 * A sender who sits on two bodies. "now" is Wednesday 12 March 2025 09.00 in Stockholm (CET, +01:00).
 * Chosen so that: tomorrow (Thu 13) and Friday 14 each have one meeting of a different body, so "nästa möte"
 * is ambiguous across bodies; Friday 21 March has two meetings (one per body, morning and afternoon);
 * week 13 has one meeting; May has one per body; 9 April (after the switch to CEST) has one.
 */
export const NOW = '2025-03-12T08:00:00.000Z';
export const RAD = 'body-rad';
export const CHEF = 'body-chef';
const RAD_NAME = 'Specifika samverkansrådet för folkhälsa';
const CHEF_NAME = 'Chefsgrupp folkhälsa';

const items = [1, 2, 3, 4, 5, 6].map((number) => ({ number, title: `Punkt ${number}` }));

export const MEETINGS: CandidateMeeting[] = [
  { id: 'C0', bodyId: CHEF, bodyName: CHEF_NAME, startsAt: '2025-03-13T12:00:00.000Z', endsAt: '2025-03-13T15:00:00.000Z' }, // tor 13/3 13–16
  { id: 'R1', bodyId: RAD, bodyName: RAD_NAME, startsAt: '2025-03-14T08:00:00.000Z', endsAt: '2025-03-14T11:00:00.000Z', items }, // fre 14/3 09–12
  { id: 'C1', bodyId: CHEF, bodyName: CHEF_NAME, startsAt: '2025-03-21T08:00:00.000Z', endsAt: '2025-03-21T11:00:00.000Z' }, // fre 21/3 09–12
  { id: 'R2', bodyId: RAD, bodyName: RAD_NAME, startsAt: '2025-03-21T12:00:00.000Z', endsAt: '2025-03-21T15:00:00.000Z' }, // fre 21/3 13–16
  { id: 'C2', bodyId: CHEF, bodyName: CHEF_NAME, startsAt: '2025-03-27T12:00:00.000Z', endsAt: '2025-03-27T15:00:00.000Z' }, // tor 27/3 (v. 13)
  { id: 'R4', bodyId: RAD, bodyName: RAD_NAME, startsAt: '2025-04-09T07:00:00.000Z', endsAt: '2025-04-09T10:00:00.000Z' }, // ons 9/4 09–12 CEST
  { id: 'C3', bodyId: CHEF, bodyName: CHEF_NAME, startsAt: '2025-05-16T11:00:00.000Z', endsAt: '2025-05-16T14:00:00.000Z' }, // fre 16/5 13–16
  { id: 'R3', bodyId: RAD, bodyName: RAD_NAME, startsAt: '2025-05-20T07:00:00.000Z', endsAt: '2025-05-20T10:00:00.000Z' }, // tis 20/5 09–12
];

export const PEOPLE = [
  { id: 'p-erik', name: 'Erik König' },
  { id: 'p-karin', name: 'Karin Haster' },
  { id: 'p-anna-s', name: 'Anna Svensson' },
  { id: 'p-anna-b', name: 'Anna Berg' },
];

export function context(overrides: Partial<AbsenceContext> = {}): AbsenceContext {
  return { now: NOW, timeZone: 'Europe/Stockholm', locale: 'sv', meetings: MEETINGS, people: PEOPLE, ...overrides };
}
