import { describe, expect, it } from 'vitest';
import { buildMinutesModel } from '../../../shared/minutes/build-minutes-model';
import { minutesChanges, nothingChanged } from '../../../shared/minutes/minutes-changes';
import type { MinutesInput } from '../../../shared/minutes/minutes-model';
import { SEED_2024, decision } from './fixtures';

const clone = (i: MinutesInput): MinutesInput => structuredClone(i);

describe('minutesChanges: what a version changed against the one before', () => {
  const base = buildMinutesModel(SEED_2024.input);

  it('the first version has nothing before it; a rebuild of the same data changed nothing', () => {
    expect(minutesChanges(null, base)).toEqual({ first: true, items: [], parts: [], decisionsChanged: 0 });
    const again = buildMinutesModel({ ...clone(SEED_2024.input), version: 2 });
    expect(nothingChanged(minutesChanges(base, again))).toBe(true);
  });

  it('names the item whose notes and decision changed, and counts the decision', () => {
    const input = clone(SEED_2024.input);
    const target = input.items.find((i) => i.number === 4)!;
    target.notes = `${target.notes}\nTillägg efter justering.`;
    const d = input.decisions.find((x) => x.itemId === target.id);
    if (d) d.text = `${d.text} (ändrat)`;
    else input.decisions.push(decision(input.meeting.id, 4, 'Informationen lades till handlingarna.', input.meeting.startsAt));
    const c = minutesChanges(base, buildMinutesModel(input));
    expect(c.first).toBe(false);
    expect(c.items).toEqual([{ number: 4, title: target.title, change: 'changed', aspects: ['notes', 'decisions'] }]);
    expect(c.decisionsChanged).toBe(1);
    expect(c.parts).toEqual([]);
  });

  it('an added and a removed item, attendance and the justering line', () => {
    const input = clone(SEED_2024.input);
    const removed = input.items.pop()!;
    input.decisions = input.decisions.filter((d) => d.itemId !== removed.id);
    input.attendance = input.attendance.map((a, n) => (n === 0 ? { ...a, state: a.state === 'present' ? 'förhinder' : 'present' } : a));
    input.justering = [];
    input.status = 'draft';
    const next = buildMinutesModel(input);
    const c = minutesChanges(base, next);
    expect(c.items.map((i) => [i.number, i.change])).toEqual([[removed.number, 'removed']]);
    expect(c.parts).toContain('attendance');
    if (base.justering.line) expect(c.parts).toContain('justering');
    const back = minutesChanges(next, base);
    expect(back.items.map((i) => [i.number, i.change])).toEqual([[removed.number, 'added']]);
  });
});
