import { useEffect, useReducer, useRef } from 'react';
import type { AgendaItem } from '../../../shared/domain';
import type { Api } from '../api/client';
import { ApiError } from '../api/http';

/**
 * The secretary's notes per item, saved by themselves: typing schedules a save after a
 * short pause; the text lives here, not in the component that shows it, so it survives the desk moving to
 * another item, the chair finishing the item (which bumps its version) and live reloads of the meeting.
 *
 * A save with a stale version (someone changed the item meanwhile) is never a loss: when the notes on the
 * server are still what this text was written from, the text is re-applied on the new version at once;
 * when someone else changed the notes, the draft keeps this text and shows theirs, and the secretary
 * chooses (keep mine, or take theirs).
 */
export type DraftStatus = 'pending' | 'saving' | 'saved' | 'conflict' | 'error';

export interface NoteDraft {
  itemId: string;
  /** What the secretary has written. */
  text: string;
  /** The notes on the server this text was written from, and that version of the item. */
  base: string;
  version: number;
  status: DraftStatus;
  error: unknown;
  /** On a conflict: the notes someone else saved. */
  theirs: string | null;
}

export const NOTES_SAVE_DELAY_MS = 1000;

const isStale = (e: unknown) => e instanceof ApiError && e.status === 409 && e.code === 'CONFLICT_STALE';

export class NotesDrafts {
  private readonly drafts = new Map<string, NoteDraft>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<string>();
  private readonly again = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: Api,
    private readonly meetingId: string,
    private readonly delayMs = NOTES_SAVE_DELAY_MS,
  ) {}

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  /** The draft of an item (the server's notes when nothing was typed). */
  get(item: AgendaItem): NoteDraft {
    return this.drafts.get(item.id) ?? { itemId: item.id, text: item.notes, base: item.notes, version: item.version, status: 'saved', error: null, theirs: null };
  }

  /** Drafts not yet safely on the server. */
  unsaved(): NoteDraft[] {
    return [...this.drafts.values()].filter((d) => d.status !== 'saved');
  }

  /** The server's items arrived (a reload or a live change): follow them without touching unsaved text. */
  sync(items: readonly AgendaItem[]): void {
    let changed = false;
    for (const item of items) {
      const d = this.drafts.get(item.id);
      if (!d || item.version <= d.version || this.inFlight.has(item.id)) continue;
      if (item.notes === d.base) d.version = item.version; // only other fields changed (started, finished)
      else if (item.notes === d.text) Object.assign(d, { base: item.notes, version: item.version });
      else if (d.text === d.base && d.status === 'saved') Object.assign(d, { text: item.notes, base: item.notes, version: item.version });
      else continue; // our unsaved text differs from theirs: the save finds out and asks
      changed = true;
    }
    if (changed) this.emit();
  }

  edit(item: AgendaItem, text: string): void {
    // One object per item, changed in place: a save in flight sees what was typed meanwhile.
    let d = this.drafts.get(item.id);
    if (!d) this.drafts.set(item.id, (d = this.get(item)));
    d.text = text;
    if (d.status !== 'conflict') {
      Object.assign(d, { status: d.status === 'saving' ? 'saving' : 'pending', error: null });
      this.schedule(item.id);
    }
    this.emit();
  }

  private schedule(itemId: string, ms = this.delayMs): void {
    const old = this.timers.get(itemId);
    if (old) clearTimeout(old);
    this.timers.set(
      itemId,
      setTimeout(() => {
        this.timers.delete(itemId);
        void this.save(itemId);
      }, ms),
    );
  }

  /** Save what is waiting now (leaving the field, the page closing). */
  flush(itemId?: string): void {
    for (const d of this.drafts.values()) {
      if (itemId && d.itemId !== itemId) continue;
      if (d.status === 'pending' || d.status === 'error') {
        const timer = this.timers.get(d.itemId);
        if (timer) clearTimeout(timer);
        this.timers.delete(d.itemId);
        void this.save(d.itemId);
      }
    }
  }

  /** On a conflict: save this text over theirs. */
  keepMine(itemId: string): void {
    const d = this.drafts.get(itemId);
    if (!d) return;
    Object.assign(d, { status: 'pending', theirs: null, error: null });
    this.emit();
    void this.save(itemId);
  }

  /** On a conflict: drop this text and take theirs. */
  takeTheirs(itemId: string): void {
    const d = this.drafts.get(itemId);
    if (!d || d.theirs === null) return;
    Object.assign(d, { text: d.theirs, base: d.theirs, status: 'saved', theirs: null, error: null });
    this.emit();
  }

  private async save(itemId: string): Promise<void> {
    if (this.inFlight.has(itemId)) {
      this.again.add(itemId);
      return;
    }
    const d = this.drafts.get(itemId);
    if (!d || d.status === 'conflict' || d.status === 'saved') return;
    this.inFlight.add(itemId);
    d.status = 'saving';
    this.emit();
    const sent = d.text;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const saved = await this.api.setNotes(this.meetingId, itemId, sent, d.version);
          Object.assign(d, { base: saved.notes, version: saved.version, error: null, status: d.text === saved.notes ? 'saved' : 'pending' });
          break;
        } catch (e) {
          if (!isStale(e) || attempt >= 2) throw e;
          const fresh = (await this.api.agenda(this.meetingId)).items.find((i) => i.id === itemId);
          if (!fresh) throw e;
          if (fresh.notes === d.base || fresh.notes === sent) {
            // Only the item moved on (the chair started or finished it): the text still applies.
            d.version = fresh.version;
            continue;
          }
          Object.assign(d, { status: 'conflict', theirs: fresh.notes, base: fresh.notes, version: fresh.version, error: null });
          break;
        }
      }
    } catch (e) {
      Object.assign(d, { status: 'error', error: e });
    } finally {
      this.inFlight.delete(itemId);
      this.emit();
    }
    const after = d.status as DraftStatus; // changed by the awaits above
    if (this.again.delete(itemId) || after === 'pending') this.schedule(itemId, after === 'pending' ? this.delayMs : 0);
  }
}

/** The drafts of one meeting, kept for the life of the page, following the server's items. */
export function useNotesDrafts(api: Api, meetingId: string, items: readonly AgendaItem[] | undefined): NotesDrafts {
  const ref = useRef<NotesDrafts | null>(null);
  ref.current ??= new NotesDrafts(api, meetingId);
  const drafts = ref.current;
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => drafts.subscribe(rerender), [drafts]);
  useEffect(() => {
    if (items) drafts.sync(items);
  }, [drafts, items]);
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (drafts.unsaved().length === 0) return;
      drafts.flush();
      e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      drafts.flush();
    };
  }, [drafts]);
  return drafts;
}
