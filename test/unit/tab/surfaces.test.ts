import { describe, expect, it } from 'vitest';
import { resolvePage } from '../../../tab/src/app/route';
import type { HostInfo } from '../../../tab/src/teams/teams-host';

const inTeams = (over: Partial<HostInfo>): HostInfo => ({ inTeams: true, frameContext: 'content', theme: 'default', locale: 'sv-se', teamsMeetingId: null, chatId: null, teamId: null, channelId: null, pageId: null, userPrincipalName: null, tenantId: null, ...over });
const browser = (over: Partial<HostInfo> = {}): HostInfo => inTeams({ inTeams: false, frameContext: 'unknown', ...over });

// Every URL a configured tab has ever saved, and the one it saves now.
const SAVED = ['/tab/?meetingId=m1', '/tab/meeting?meetingId=m1', '/tab/panel', '/tab/side-panel', '/tab/stage', '/tab/channel', '/tab/', '/tab/channel?bodyId=b1'];

describe('tab: the frame context chooses the page, never the path alone', () => {
  it('the side panel shows the live panel whatever URL was saved', () => {
    for (const url of SAVED) expect(resolvePage(url, inTeams({ frameContext: 'sidePanel', teamsMeetingId: 'MCM1', chatId: '19:meeting' })), url).toBe('panel');
  });
  it('the meeting stage shows the stage whatever URL was saved', () => {
    for (const url of SAVED) expect(resolvePage(url, inTeams({ frameContext: 'meetingStage', teamsMeetingId: 'MCM1' })), url).toBe('stage');
  });
  it('content inside a meeting shows the meeting (details before, minutes after)', () => {
    for (const url of SAVED) expect(resolvePage(url, inTeams({ frameContext: 'content', teamsMeetingId: 'MCM1', chatId: '19:meeting' })), url).toBe('meeting');
  });
  it('content in a channel or a group chat shows the council page', () => {
    for (const url of ['/tab/?bodyId=b1', '/tab/channel?bodyId=b1', '/tab/channel', '/tab/']) {
      expect(resolvePage(url, inTeams({ channelId: '19:ch@thread.tacv2', teamId: 'g1' })), url).toBe('channel');
      expect(resolvePage(url, inTeams({ chatId: '19:chat@thread.v2' })), url).toBe('channel');
    }
  });
  it('the personal tab (no meeting, channel or chat) shows the person’s own meetings, and opens a meeting from there', () => {
    expect(resolvePage('/tab/personal', inTeams({ pageId: 'mina-moten' }))).toBe('personal');
    expect(resolvePage('/tab/', inTeams({}))).toBe('personal');
    expect(resolvePage('/tab/?meetingId=m1', inTeams({ pageId: 'mina-moten' }))).toBe('meeting');
  });
  it('the settings and remove contexts show the configuration page', () => {
    for (const url of ['/tab/config', '/tab/config?kind=meeting', '/tab/']) {
      expect(resolvePage(url, inTeams({ frameContext: 'settings', teamsMeetingId: 'MCM1' })), url).toBe('config');
      expect(resolvePage(url, inTeams({ frameContext: 'remove', channelId: '19:ch' })), url).toBe('config');
    }
  });
});

describe('tab: outside Teams (local mode in a plain browser) the URL names the page', () => {
  it('maps each path, old names included', () => {
    expect(resolvePage('/tab/panel?meetingId=m1', browser())).toBe('panel');
    expect(resolvePage('/tab/side-panel', browser())).toBe('panel');
    expect(resolvePage('/tab/stage?meetingId=m1', browser())).toBe('stage');
    expect(resolvePage('/tab/meeting?meetingId=m1', browser())).toBe('meeting');
    expect(resolvePage('/tab/?meetingId=m1', browser())).toBe('meeting');
    expect(resolvePage('/tab/channel?bodyId=b1', browser())).toBe('channel');
    expect(resolvePage('/tab/?bodyId=b1', browser())).toBe('channel');
    expect(resolvePage('/tab/config', browser())).toBe('config');
    expect(resolvePage('/tab/personal', browser())).toBe('personal');
    expect(resolvePage('/tab/', browser())).toBe('personal');
    expect(resolvePage('/tab', browser())).toBe('personal');
  });
});
