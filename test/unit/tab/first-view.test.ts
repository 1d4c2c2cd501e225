import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../tab/src/api/client';
import { prefetchFirstView, takeFirstView } from '../../../tab/src/app/first-view';

function apiCounting(): { api: Api; asked: string[] } {
  const asked: string[] = [];
  const api = { panelView: (id: string) => (asked.push(id), Promise.resolve({ id } as never)) } as unknown as Api;
  return { api, asked };
}

describe('the first view, asked for while the page code loads', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is asked for once and taken once, for the meeting in the saved URL', async () => {
    vi.stubGlobal('window', { location: { search: '?meetingId=M1' } });
    const { api, asked } = apiCounting();
    prefetchFirstView(api, 'panel');
    expect(asked).toEqual(['M1']);
    expect(takeFirstView('M2')).toBeNull();
    await expect(takeFirstView('M1')).resolves.toEqual({ id: 'M1' });
    // A later load (a live update, a retry) asks the server again.
    expect(takeFirstView('M1')).toBeNull();
  });

  it('is not asked for by a page without a meeting, or a URL without one', () => {
    const { api, asked } = apiCounting();
    vi.stubGlobal('window', { location: { search: '?meetingId=M1' } });
    prefetchFirstView(api, 'channel');
    vi.stubGlobal('window', { location: { search: '?bodyId=B1' } });
    prefetchFirstView(api, 'panel');
    expect(asked).toEqual([]);
    expect(takeFirstView('M1')).toBeNull();
  });

  it('keeps a failed request for the page to show, without an unhandled rejection', async () => {
    vi.stubGlobal('window', { location: { search: '?meetingId=M3' } });
    const api = { panelView: () => Promise.reject(new Error('403')) } as unknown as Api;
    prefetchFirstView(api, 'stage');
    await new Promise((r) => setTimeout(r, 0));
    await expect(takeFirstView('M3')).rejects.toThrow('403');
  });
});
