import type { MinutesItem, MinutesModel } from './minutes-model';

/** The parts of the minutes outside the items that a version can change. */
export const MINUTES_PARTS = ['header', 'attendance', 'tasks', 'evaluation', 'upcoming', 'justering'] as const;
export type MinutesPart = (typeof MINUTES_PARTS)[number];

/** What changed in one item: its text (title, presenters), notes, decisions, tasks or attachments. */
export const ITEM_ASPECTS = ['title', 'notes', 'decisions', 'tasks', 'attachments'] as const;
export type ItemAspect = (typeof ITEM_ASPECTS)[number];

export interface ItemChange {
  number: number;
  title: string;
  change: 'added' | 'removed' | 'changed';
  /** For 'changed': which aspects differ. */
  aspects: ItemAspect[];
}

/**
 * What a version changed against the one before it, for the version list ("Punkt 4: beslut, anteckningar").
 * `first`: there was nothing before. Nothing else is compared (status and version number always differ).
 */
export interface MinutesChanges {
  first: boolean;
  items: ItemChange[];
  parts: MinutesPart[];
  /** Decisions whose wording, vote or reservations changed, were added or removed (over every item). */
  decisionsChanged: number;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function itemAspects(a: MinutesItem, b: MinutesItem): ItemAspect[] {
  const out: ItemAspect[] = [];
  if (a.title !== b.title || !same(a.presenters, b.presenters) || a.kind !== b.kind || a.postponed !== b.postponed) out.push('title');
  if (!same(a.notes, b.notes) || !same(a.chairNotes, b.chairNotes)) out.push('notes');
  if (!same(decisionTexts(a), decisionTexts(b))) out.push('decisions');
  if (!same(a.tasks, b.tasks)) out.push('tasks');
  if (!same(a.attachments, b.attachments)) out.push('attachments');
  return out;
}

/** The decisions as they read in the minutes (ids differ between rebuilds of the same content). */
function decisionTexts(i: MinutesItem): unknown[] {
  return i.decisions.map((d) => ({ text: d.text, postponed: d.postponed, unconfirmed: d.unconfirmed, vote: d.vote, reservations: d.reservations }));
}

function countDecisionChanges(prev: MinutesItem | undefined, next: MinutesItem | undefined): number {
  const a = prev ? decisionTexts(prev).map((d) => JSON.stringify(d)) : [];
  const b = next ? decisionTexts(next).map((d) => JSON.stringify(d)) : [];
  const left = [...b];
  let unmatched = 0;
  for (const d of a) {
    const at = left.indexOf(d);
    if (at >= 0) left.splice(at, 1);
    else unmatched++;
  }
  return Math.max(unmatched, left.length);
}

/** Compares two minutes models (pure): the previous version (null for the first) and the next. */
export function minutesChanges(prev: MinutesModel | null, next: MinutesModel): MinutesChanges {
  if (!prev) return { first: true, items: [], parts: [], decisionsChanged: 0 };
  // Items are matched by their id (a renumbered item is the same item), falling back to their number.
  const key = (i: MinutesItem) => i.id || `n${i.number}`;
  const before = new Map(prev.items.map((i) => [key(i), i]));
  const after = new Map(next.items.map((i) => [key(i), i]));
  const items: ItemChange[] = [];
  let decisionsChanged = 0;
  for (const i of next.items) {
    const p = before.get(key(i));
    decisionsChanged += countDecisionChanges(p, i);
    if (!p) items.push({ number: i.number, title: i.title, change: 'added', aspects: [] });
    else {
      const aspects = itemAspects(p, i);
      if (p.number !== i.number && !aspects.includes('title')) aspects.unshift('title');
      if (aspects.length) items.push({ number: i.number, title: i.title, change: 'changed', aspects });
    }
  }
  for (const p of prev.items) {
    if (after.has(key(p))) continue;
    decisionsChanged += countDecisionChanges(p, undefined);
    items.push({ number: p.number, title: p.title, change: 'removed', aspects: [] });
  }
  items.sort((a, b) => a.number - b.number);
  const parts: MinutesPart[] = [];
  // The header names the justerare and the chair; the justering line is compared apart from it.
  if (!same(prev.header, next.header)) parts.push('header');
  if (!same(prev.attendance, next.attendance)) parts.push('attendance');
  if (!same(prev.tasks, next.tasks) && !items.some((i) => i.aspects.includes('tasks'))) parts.push('tasks');
  if (!same(prev.evaluation, next.evaluation)) parts.push('evaluation');
  if (!same(prev.upcoming, next.upcoming)) parts.push('upcoming');
  if (!same(prev.justering.line, next.justering.line)) parts.push('justering');
  return { first: false, items, parts, decisionsChanged };
}

/** True when nothing the reader sees differs (a regeneration of unchanged data). */
export function nothingChanged(c: MinutesChanges): boolean {
  return !c.first && c.items.length === 0 && c.parts.length === 0;
}
