import { chromium, type Browser, type Frame } from 'playwright-core';
import { appHosts, readAppPackage, type AppPackage } from './app-package';
import { startTeamsHostServer, TEAMS_HOST, type TeamsHostServer } from './server';
import { TabSurface, type Recorded, type Theme } from './surface';

/** The person Teams has signed in. */
export interface TeamsUser {
  oid: string;
  upn: string;
  name: string;
}

/**
 * How the signed-in person reaches the app's API. `sso`: Teams' getAuthToken gives a token from Entra for
 * the manifest's webApplicationInfo.resource (production mode). `local`: there is no SSO (getAuthToken
 * fails as Teams does without it); a server in local mode takes the user Teams names.
 */
export interface Identity {
  kind: 'sso' | 'local';
  token(user: TeamsUser, resource: string): Promise<string | null>;
}

export const localIdentity: Identity = { kind: 'local', token: async () => null };

export function ssoIdentity(mint: (user: TeamsUser, audience: string) => Promise<string>): Identity {
  return { kind: 'sso', token: (user, resource) => mint(user, resource) };
}

/** Where a tab is added: a Teams meeting (its chat), a team's channel, or a group chat. */
export type Place =
  | { kind: 'meeting'; teamsMeetingId: string; chatId?: string }
  | { kind: 'channel'; teamId: string; groupId?: string; channelId: string }
  | { kind: 'chat'; chatId: string };

/** A surface of a configured tab: in a meeting the side panel, the stage or the details tab; elsewhere the content tab. */
export type SurfaceKind = 'sidePanel' | 'meetingStage' | 'content';

export interface OpenOptions {
  as: TeamsUser;
  theme?: Theme;
  /** Teams' locale, e.g. 'sv-se' (default) or 'en-us'. */
  locale?: string;
  /** Frame width in CSS pixels: 320 for the side panel unless given, else 1280. */
  width?: number;
  height?: number;
  /** A selector in the tab to wait for; default `[data-ready="true"]`; false: do not wait. */
  ready?: string | false;
}

export interface InstallOptions {
  /** The running app (http://127.0.0.1:port); the manifest's hosts are served from it over HTTPS. */
  appUrl: string;
  identity: Identity;
  tenantId: string;
  chromiumPath?: string;
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The settings a configuration page saved (pages.config.setConfig), as Teams stores them for the tab. */
export interface SavedSettings {
  contentUrl: string;
  websiteUrl?: string;
  entityId: string;
  suggestedDisplayName?: string;
}

/**
 * The Teams client with one app installed from its package: adds the configurable tab to meetings,
 * channels and chats (configuration page in the `settings` frame context, Save as Teams does it), opens
 * the saved contentUrl in each surface, and opens the static personal tab.
 */
export class TeamsClient {
  private constructor(
    readonly app: AppPackage,
    readonly browser: Browser,
    private readonly server: TeamsHostServer,
    private readonly o: InstallOptions,
  ) {}

  static async install(pkgZip: Uint8Array, o: InstallOptions): Promise<TeamsClient> {
    const app = readAppPackage(pkgZip);
    const hosts = appHosts(app);
    for (const h of hosts) if (!app.validDomains.includes(h)) throw new Error(`Teams refuses the package: ${h} is not in validDomains`);
    const server = await startTeamsHostServer({ appUrl: o.appUrl, appHosts: hosts });
    const browser = await chromium.launch({
      executablePath: o.chromiumPath ?? process.env.RADSLAG_CHROMIUM ?? '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=${server.resolverRules}`, `--ignore-certificate-errors-spki-list=${server.spki}`],
    });
    return new TeamsClient(app, browser, server, o);
  }

  /** Adds the configurable tab to a meeting: its configuration page opens in the settings frame context. */
  addToMeeting(meeting: { teamsMeetingId: string; chatId?: string }, o: OpenOptions): Promise<TabBeingAdded> {
    return this.add({ kind: 'meeting', ...meeting }, o);
  }

  addToChannel(channel: { teamId: string; groupId?: string; channelId: string }, o: OpenOptions): Promise<TabBeingAdded> {
    return this.add({ kind: 'channel', ...channel }, o);
  }

  addToChat(chat: { chatId: string }, o: OpenOptions): Promise<TabBeingAdded> {
    return this.add({ kind: 'chat', ...chat }, o);
  }

  /** A tab saved earlier (e.g. by an older version of the app, with its contentUrl as it was stored). */
  savedTab(place: Place, settings: SavedSettings): SavedTab {
    return new SavedTab(this, place, settings);
  }

  /** The static personal tab ("Mina möten") at the contentUrl the manifest names. */
  openPersonal(o: OpenOptions): Promise<TabSurface> {
    const tab = this.app.staticTabs.find((t) => t.context.includes('personalTab'));
    if (!tab) throw new Error('the manifest has no personal static tab');
    return this.open({ url: tab.contentUrl, frameContext: 'content', place: null, entityId: tab.entityId }, o);
  }

  private async add(place: Place, o: OpenOptions): Promise<TabBeingAdded> {
    const tab = this.app.configurableTab;
    if (!tab) throw new Error('the manifest has no configurable tab');
    const needed = place.kind === 'meeting' ? 'meetingDetailsTab' : place.kind === 'channel' ? 'channelTab' : 'privateChatTab';
    if (!tab.context.includes(needed)) throw new Error(`Teams does not offer the tab here: configurableTabs[0].context lacks ${needed}`);
    const config = await this.open({ url: tab.configurationUrl, frameContext: 'settings', place, entityId: '' }, { width: 720, ...o });
    return new TabBeingAdded(this, place, config);
  }

  /** Loads a URL in a frame context for one person, in a browser context of its own. */
  async open(at: { url: string; frameContext: string; place: Place | null; entityId: string; savedSettings?: SavedSettings }, o: OpenOptions): Promise<TabSurface> {
    const width = o.width ?? (at.frameContext === 'sidePanel' ? 320 : 1280);
    const context = await this.browser.newContext({ viewport: { width, height: o.height ?? 900 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const page = await context.newPage();
    const recorded: Recorded[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      let from: 'tab' | 'host' = 'tab';
      try {
        from = r.frame() === page.mainFrame() ? 'host' : 'tab';
      } catch {
        /* a request of a worker has no frame: it is the tab's */
      }
      recorded.push({ url: r.url(), from, resourceType: r.resourceType(), request: r });
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.exposeFunction('__hostGetToken', (resource: string) => this.o.identity.token(o.as, resource));
    await page.addInitScript((c) => ((window as unknown as { __hostConfig: unknown }).__hostConfig = c), {
      url: at.url,
      width,
      appName: this.app.name,
      validDomains: this.app.validDomains,
      ssoResource: this.o.identity.kind === 'sso' ? (this.app.webApplicationInfo?.resource ?? null) : null,
      savedSettings: at.savedSettings ?? null,
      context: teamsContext(this.app, at, o, this.o.tenantId),
    });
    await page.goto(`https://${TEAMS_HOST}/_host`);
    const frame = (await (await page.waitForSelector('#app')).contentFrame())!;
    const surface = new TabSurface(context, page, frame, at.url, at.frameContext, recorded, errors);
    if (o.ready !== false) await waitReady(frame, o.ready ?? '[data-ready="true"]', at, errors);
    return surface;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.close();
  }
}

async function waitReady(frame: Frame, selector: string, at: { url: string; frameContext: string }, errors: string[]): Promise<void> {
  try {
    await frame.waitForSelector(selector, { state: 'attached', timeout: 30_000 });
  } catch (e) {
    const text = await frame.locator('body').innerText().catch(() => '');
    throw new Error(`the tab did not become ready (${at.url} in ${at.frameContext}): ${text.slice(0, 500)}; page errors: ${errors.join(' | ')}`, { cause: e });
  }
}

/** The context Teams gives the tab (teams-js's legacy shape, which it turns into app.Context). */
function teamsContext(app: AppPackage, at: { frameContext: string; place: Place | null; entityId: string }, o: OpenOptions, tenantId: string): Record<string, unknown> {
  const p = at.place;
  return {
    appId: app.appId,
    entityId: at.entityId,
    frameContext: at.frameContext,
    locale: o.locale ?? 'sv-se',
    theme: o.theme ?? 'default',
    hostClientType: 'web',
    hostName: 'Teams',
    sessionId: 'host-session',
    appSessionId: 'app-session',
    userObjectId: o.as.oid,
    userPrincipalName: o.as.upn,
    loginHint: o.as.upn,
    userDisplayName: o.as.name,
    tid: tenantId,
    meetingId: p?.kind === 'meeting' ? p.teamsMeetingId : undefined,
    chatId: p?.kind === 'meeting' ? (p.chatId ?? `19:meeting_${p.teamsMeetingId.slice(0, 12)}@thread.v2`) : p?.kind === 'chat' ? p.chatId : undefined,
    teamId: p?.kind === 'channel' ? p.teamId : undefined,
    groupId: p?.kind === 'channel' ? (p.groupId ?? p.teamId) : undefined,
    channelId: p?.kind === 'channel' ? p.channelId : undefined,
  };
}

/** The configuration page of a tab being added: choose, then Save as in Teams. */
export class TabBeingAdded {
  constructor(
    private readonly teams: TeamsClient,
    readonly place: Place,
    /** The configuration page in the settings frame context. */
    readonly config: TabSurface,
  ) {}

  /**
   * Runs `choose` on the configuration page (clicks and typing), presses Teams' Save once the page says it
   * is valid, and returns the tab with the contentUrl the page saved. The configuration page closes.
   */
  async configure(choose: (frame: Frame) => Promise<void>): Promise<SavedTab> {
    await choose(this.config.frame);
    await this.waitValid();
    const saved = await this.save();
    await this.config.close();
    return saved;
  }

  async waitValid(timeout = 5000): Promise<void> {
    const until = Date.now() + timeout;
    while ((await this.config.state()).valid !== true) {
      if (Date.now() > until) throw new Error('the configuration page never called setValidityState(true)');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Teams' Save: settings.save to the page; resolves with the saved tab, or rejects with the page's failure reason. */
  async save(timeout = 15_000): Promise<SavedTab> {
    await this.config.page.evaluate(() => (window as unknown as { __hostSave: () => void }).__hostSave());
    const until = Date.now() + timeout;
    for (;;) {
      const s = await this.config.state();
      if (s.saved && s.settings) return new SavedTab(this.teams, this.place, s.settings);
      if (s.saveFailure !== null) throw new Error(`the configuration page refused to save: ${s.saveFailure}${s.settingsRefused ? ` (Teams refused ${s.settingsRefused})` : ''}`);
      if (Date.now() > until) throw new Error('the configuration page answered neither success nor failure to Save');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** A configured tab: Teams loads its one saved contentUrl in every surface of its place. */
export class SavedTab {
  constructor(
    private readonly teams: TeamsClient,
    readonly place: Place,
    readonly settings: SavedSettings,
  ) {}

  get contentUrl(): string {
    return this.settings.contentUrl;
  }

  /** Opens the saved contentUrl in a surface, as one person (own browser context). */
  open(surface: SurfaceKind, o: OpenOptions): Promise<TabSurface> {
    const tab = this.teams.app.configurableTab!;
    const need: Record<SurfaceKind, [string, string | null]> = { sidePanel: ['meetingSidePanel', 'sidePanel'], meetingStage: ['meetingStage', 'stage'], content: [this.place.kind === 'meeting' ? 'meetingDetailsTab' : this.place.kind === 'channel' ? 'channelTab' : 'privateChatTab', null] };
    if (surface !== 'content' && this.place.kind !== 'meeting') throw new Error(`${surface} exists only in a meeting`);
    const [context, meetingSurface] = need[surface];
    if (!tab.context.includes(context)) throw new Error(`Teams does not show the tab there: configurableTabs[0].context lacks ${context}`);
    if (meetingSurface && !tab.meetingSurfaces.includes(meetingSurface)) throw new Error(`Teams does not show the tab there: meetingSurfaces lacks ${meetingSurface}`);
    return this.teams.open({ url: this.settings.contentUrl, frameContext: surface, place: this.place, entityId: this.settings.entityId, savedSettings: this.settings }, o);
  }
}

/** Installs the app from its package (the zip `npm run package` builds) into a Teams test client. */
export function installApp(pkgZip: Uint8Array, o: InstallOptions): Promise<TeamsClient> {
  return TeamsClient.install(pkgZip, o);
}
