import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Frame, Page, Request } from 'playwright-core';

/** Where committed tests write their screenshots (git-ignored). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export type Theme = 'default' | 'dark' | 'contrast';
export const THEMES: readonly Theme[] = ['default', 'dark', 'contrast'];

export interface HostState {
  shared: string[];
  deepLinks: string[];
  handlers: string[];
  settings: { contentUrl: string; websiteUrl?: string; entityId: string; suggestedDisplayName?: string } | null;
  valid: boolean | null;
  saved: boolean;
  saveFailure: string | null;
  settingsRefused: string | null;
  notifySuccessMs: number | null;
  appLoadedMs: number | null;
  failures: unknown[];
  unhandled: string[];
}

export interface RecordedRequest {
  url: string;
  /** 'tab' for the app's frame, 'host' for the Teams page around it. */
  from: 'tab' | 'host';
  resourceType: string;
  /** From responses(): the status and headers, and the body bytes as sent over the wire (compressed). */
  status?: number;
  headers?: Record<string, string>;
  encodedBodyBytes?: number;
}

/** What the client records per request; the answer is read only when a test asks (responses()). */
export type Recorded = RecordedRequest & { request: Request };

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/**
 * One tab as Teams shows it to one person: the Teams page (`page`) with the app's frame (`frame`), in a
 * browser context of its own. Act on `frame` by clicks and typing.
 */
export class TabSurface {
  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly frame: Frame,
    /** The URL Teams loaded in the frame (the saved contentUrl, the static tab's, or the configurationUrl). */
    readonly url: string,
    readonly frameContext: string,
    private readonly recorded: Recorded[],
    readonly pageErrors: string[],
  ) {}

  state(): Promise<HostState> {
    return this.page.evaluate(() => (window as unknown as { __hostState: HostState }).__hostState);
  }

  /** Every teams-js message the tab sent, in order. */
  log(): Promise<{ func: string; args: unknown[]; at: number }[]> {
    return this.page.evaluate(() => (window as unknown as { __hostLog: never }).__hostLog);
  }

  /** Every request the page made since it was opened (the host page's own included, marked 'host'). */
  requests(): RecordedRequest[] {
    return this.recorded.map(({ request: _, ...r }) => r);
  }

  /**
   * The requests with their answers (status, headers; for files, the bytes over the wire). Unanswered ones
   * come without; a stream still open (live updates) gives its headers but no size, since it has not ended.
   */
  responses(): Promise<RecordedRequest[]> {
    return Promise.all(
      this.recorded.map(async ({ request, ...r }) => {
        const res = await request.response().catch(() => null);
        if (!res) return r;
        const sizes = ['document', 'script', 'stylesheet', 'image', 'font'].includes(r.resourceType) ? await request.sizes().catch(() => null) : null;
        return { ...r, status: res.status(), headers: await res.allHeaders(), encodedBodyBytes: sizes?.responseBodySize };
      }),
    );
  }

  /** Which page the tab chose (its <html data-page>). */
  shownPage(): Promise<string | undefined> {
    return this.frame.evaluate(() => document.documentElement.dataset.page);
  }

  /** Teams' theme switch: the host sends themeChange to the tab. */
  async setTheme(theme: Theme): Promise<void> {
    await this.page.evaluate((t) => (window as unknown as { __hostSetTheme: (t: string) => void }).__hostSetTheme(t), theme);
  }

  /** How many CSS pixels the tab's content is wider than its frame (0 = no horizontal scroll). */
  horizontalOverflow(): Promise<number> {
    return this.frame.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
  }

  /**
   * A screenshot of the whole tab, however long (the viewport grows to the frame's content for the shot),
   * written to test-results/screenshots/<name>.png. Returns the path.
   */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    const viewport = this.page.viewportSize()!;
    const height = await this.frame.evaluate(() => document.documentElement.scrollHeight);
    if (height > viewport.height) await this.page.setViewportSize({ width: viewport.width, height: Math.min(height, 6000) });
    try {
      await this.page.screenshot({ path, fullPage: true });
    } finally {
      if (height > viewport.height) await this.page.setViewportSize(viewport);
    }
    return path;
  }

  /** axe-core over the tab's frame (the Teams page around it is Teams' own); an empty list is the pass. */
  async axe(): Promise<AxeViolation[]> {
    // Judge the page the user reads, not a loading frame a live reload put up a moment ago.
    await this.frame.locator('main:not([aria-busy="true"])').first().waitFor({ timeout: 10_000 });
    const result = await new AxeBuilder({ page: this.page }).include('#app').analyze();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} :: ${n.html.slice(0, 200)} :: ${n.failureSummary ?? ''}`.slice(0, 500)),
    }));
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
