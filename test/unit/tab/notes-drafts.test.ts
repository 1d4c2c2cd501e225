import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgendaItem } from '../../../shared/domain';
import type { Api } from '../../../tab/src/api/client';
import { ApiError } from '../../../tab/src/api/http';
import { NotesDrafts } from '../../../tab/src/pages/notes-drafts';

/**
 * The secretary's notes never lose text (issue 16 item 3): a save refused as stale because the chair moved
 * the item on is re-applied at once; a save refused because someone else wrote keeps her text and asks.
 */
const stale = () => new ApiError(409, 'CONFLICT_STALE', 'Någon annan ändrade detta samtidigt.', 'Someone else changed this.', 'c1');

function server(initial: { notes: string; version: number }) {
  const item = { id: 'i1', number: 4, title: 'Föregående protokoll', notes: initial.notes, version: initial.version } as AgendaItem;
  const calls: { notes: string; version: number }[] = [];
  let failNext: unknown = null;
  const api = {
    setNotes: vi.fn(async (_m: string, _i: string, notes: string, version: number) => {
      calls.push({ notes, version });
      if (failNext) {
        const e = failNext;
        failNext = null;
        throw e;
      }
      if (version !== item.version) throw stale();
      Object.assign(item, { notes, version: item.version + 1 });
      return { ...item };
    }),
    agenda: vi.fn(async () => ({ items: [{ ...item }] })),
  } as unknown as Api;
  return { item, calls, api, failOnce: (e: unknown) => (failNext = e) };
}

describe('NotesDrafts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves by itself a second after the typing stops, then says it is saved', async () => {
    const s = server({ notes: '', version: 3 });
    const d = new NotesDrafts(s.api, 'm1');
    d.edit(s.item, 'Ordföranden');
    d.edit(s.item, 'Ordföranden hälsade välkommen.');
    expect(d.get(s.item).status).toBe('pending');
    await vi.advanceTimersByTimeAsync(999);
    expect(s.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.calls).toEqual([{ notes: 'Ordföranden hälsade välkommen.', version: 3 }]);
    expect(d.get(s.item)).toMatchObject({ status: 'saved', text: 'Ordföranden hälsade välkommen.', version: 4 });
  });

  it('the chair finished the item meanwhile (version bumped, notes unchanged): the text is re-applied, not lost', async () => {
    const s = server({ notes: '', version: 3 });
    const d = new NotesDrafts(s.api, 'm1');
    d.edit({ ...s.item }, 'Protokollet lades till handlingarna.');
    s.item.version = 4; // finished by the chair
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.calls).toEqual([
      { notes: 'Protokollet lades till handlingarna.', version: 3 },
      { notes: 'Protokollet lades till handlingarna.', version: 4 },
    ]);
    expect(s.item.notes).toBe('Protokollet lades till handlingarna.');
    expect(d.get(s.item).status).toBe('saved');
  });

  it('a live reload with the bumped version is followed without a refused save', async () => {
    const s = server({ notes: '', version: 3 });
    const d = new NotesDrafts(s.api, 'm1');
    d.edit({ ...s.item }, 'Text');
    s.item.version = 4;
    d.sync([{ ...s.item }]);
    expect(d.get(s.item).text).toBe('Text');
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.calls).toEqual([{ notes: 'Text', version: 4 }]);
  });

  it('someone else wrote other notes: her text is kept, theirs shown; she chooses to keep hers', async () => {
    const s = server({ notes: '', version: 3 });
    const d = new NotesDrafts(s.api, 'm1');
    d.edit({ ...s.item }, 'Min text');
    Object.assign(s.item, { notes: 'Deras text', version: 4 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(d.get(s.item)).toMatchObject({ status: 'conflict', text: 'Min text', theirs: 'Deras text' });
    // A live reload does not overwrite her text either.
    d.sync([{ ...s.item }]);
    expect(d.get(s.item).text).toBe('Min text');
    d.keepMine('i1');
    await vi.advanceTimersByTimeAsync(0);
    expect(s.item.notes).toBe('Min text');
    expect(d.get(s.item).status).toBe('saved');
  });

  it('…or takes theirs', async () => {
    const s = server({ notes: '', version: 3 });
    const d = new NotesDrafts(s.api, 'm1');
    d.edit({ ...s.item }, 'Min text');
    Object.assign(s.item, { notes: 'Deras text', version: 4 });
    await vi.advanceTimersByTimeAsync(1000);
    d.takeTheirs('i1');
    expect(d.get(s.item)).toMatchObject({ status: 'saved', text: 'Deras text' });
  });

  it('a failed save keeps the text and is retried', async () => {
    const s = server({ notes: '', version: 3 });
    const d = new NotesDrafts(s.api, 'm1');
    s.failOnce(new Error('network down'));
    d.edit({ ...s.item }, 'Viktigt');
    await vi.advanceTimersByTimeAsync(1000);
    expect(d.get(s.item)).toMatchObject({ status: 'error', text: 'Viktigt' });
    expect(d.unsaved()).toHaveLength(1);
    d.flush('i1');
    await vi.advanceTimersByTimeAsync(0);
    expect(d.get(s.item).status).toBe('saved');
    expect(s.item.notes).toBe('Viktigt');
  });

  it('typing during a save is saved next, not dropped', async () => {
    const s = server({ notes: '', version: 3 });
    const d = new NotesDrafts(s.api, 'm1');
    d.edit({ ...s.item }, 'Ett');
    await vi.advanceTimersByTimeAsync(1000);
    d.edit({ ...s.item }, 'Ett två');
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.item.notes).toBe('Ett två');
    expect(d.get(s.item).status).toBe('saved');
  });
});
