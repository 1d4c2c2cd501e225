import { app, authentication, meeting, pages } from '@microsoft/teams-js';

export type FrameKind = 'content' | 'sidePanel' | 'meetingStage' | 'settings' | 'remove' | 'task' | 'unknown';
export type ThemeName = 'default' | 'dark' | 'contrast';

/** What the page knows about where it runs. Outside Teams everything but `inTeams` is a default. */
export interface HostInfo {
  inTeams: boolean;
  frameContext: FrameKind;
  theme: ThemeName;
  locale: string | null;
  teamsMeetingId: string | null;
  /** The chat the tab is in (a meeting's chat, or a group chat). */
  chatId: string | null;
  teamId: string | null;
  channelId: string | null;
  /** The tab's entity id (the static tab's, or the one the configuration page saved). */
  pageId: string | null;
  userPrincipalName: string | null;
  tenantId: string | null;
}

const asTheme = (t: string | undefined | null): ThemeName => (t === 'dark' || t === 'contrast' ? t : 'default');

function outsideTeams(): HostInfo {
  const q = new URLSearchParams(window.location.search);
  return {
    inTeams: false,
    frameContext: 'unknown',
    theme: asTheme(q.get('theme')),
    locale: q.get('lang'),
    teamsMeetingId: null,
    chatId: null,
    teamId: null,
    channelId: null,
    pageId: null,
    userPrincipalName: null,
    tenantId: null,
  };
}

/**
 * Connects to the Teams host when the page is framed (Teams, or the test host page) and reads the context.
 * A top-level window is not in Teams: there is no one to answer, so we do not wait for initialize.
 */
export async function connectToHost(timeoutMs = 8000): Promise<HostInfo> {
  if (window.parent === window && !window.opener) return outsideTeams();
  try {
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('initialize timed out')), timeoutMs))]);
  } catch {
    return outsideTeams();
  }
  const ctx = await app.getContext();
  return {
    inTeams: true,
    frameContext: (ctx.page.frameContext as FrameKind | undefined) ?? 'unknown',
    theme: asTheme(ctx.app.theme),
    locale: ctx.app.locale ?? null,
    teamsMeetingId: ctx.meeting?.id ?? null,
    chatId: ctx.chat?.id ?? null,
    teamId: ctx.team?.groupId ?? ctx.team?.internalId ?? null,
    channelId: ctx.channel?.id ?? null,
    pageId: ctx.page.id || null,
    userPrincipalName: ctx.user?.userPrincipalName ?? ctx.user?.loginHint ?? null,
    tenantId: ctx.user?.tenant?.id ?? null,
  };
}

/** Teams removes its own loading indicator; ours shows until the data is there. */
export function notifyLoaded(host: HostInfo): void {
  if (!host.inTeams) return;
  app.notifyAppLoaded();
  void app.notifySuccess();
}

export function notifyFailure(host: HostInfo, message: string): void {
  if (!host.inTeams) return;
  app.notifyFailure({ reason: app.FailedReason.Other, message });
}

export function onThemeChange(host: HostInfo, cb: (t: ThemeName) => void): void {
  if (host.inTeams) app.registerOnThemeChangeHandler((t) => cb(asTheme(t)));
}

/** The Teams SSO token for the Rådslag API (audience api://host/appId). */
export function teamsToken(): Promise<string> {
  return authentication.getAuthToken();
}

/** Shares a page of this app to the meeting stage (from the side panel). */
export function shareToStage(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    meeting.shareAppContentToStage((err, ok) => {
      if (err) reject(new Error(err.message ?? String(err.errorCode)));
      else if (!ok) reject(new Error('not shared'));
      else resolve();
    }, url);
  });
}

export interface TabConfig {
  contentUrl: string;
  entityId: string;
  suggestedDisplayName: string;
  websiteUrl?: string;
}

/**
 * The configuration page: Teams asks on Save; we answer with the tab's settings (what Teams stores and then
 * loads in every surface) or a failure, whose reason the page also shows next to the choice.
 */
export function registerConfigSave(prepare: () => Promise<TabConfig>, onFailure: (e: unknown) => void): void {
  pages.config.registerOnSaveHandler((saveEvent) => {
    prepare()
      .then((config) => pages.config.setConfig(config))
      .then(
        () => saveEvent.notifySuccess(),
        (e: unknown) => {
          onFailure(e);
          saveEvent.notifyFailure(e instanceof Error ? e.message : String(e));
        },
      );
  });
}

export function setConfigValid(valid: boolean): void {
  pages.config.setValidityState(valid);
}
