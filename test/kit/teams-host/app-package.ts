import { strFromU8, unzipSync } from 'fflate';

/** What the Teams client reads from an app package to host its tabs. */
export interface AppPackage {
  appId: string;
  name: string;
  configurableTab: { configurationUrl: string; context: string[]; meetingSurfaces: string[]; scopes: string[]; canUpdateConfiguration: boolean } | null;
  staticTabs: { entityId: string; name: string; contentUrl: string; websiteUrl?: string; context: string[] }[];
  validDomains: string[];
  /** SSO: the Entra app and the token audience Teams asks Entra for (getAuthToken). */
  webApplicationInfo: { id: string; resource: string } | null;
  manifest: Record<string, unknown>;
}

/** Reads manifest.json from the zip that `npm run package` builds, as Teams does on upload. */
export function readAppPackage(zip: Uint8Array): AppPackage {
  const files = unzipSync(zip);
  const raw = files['manifest.json'];
  if (!raw) throw new Error('the app package has no manifest.json at its root');
  const m = JSON.parse(strFromU8(raw)) as Record<string, any>;
  const tab = (m.configurableTabs ?? [])[0] ?? null;
  return {
    appId: m.id,
    name: m.name?.short ?? 'app',
    configurableTab: tab
      ? { configurationUrl: tab.configurationUrl, context: tab.context ?? [], meetingSurfaces: tab.meetingSurfaces ?? [], scopes: tab.scopes ?? [], canUpdateConfiguration: !!tab.canUpdateConfiguration }
      : null,
    staticTabs: (m.staticTabs ?? []).map((t: any) => ({ entityId: t.entityId, name: t.name, contentUrl: t.contentUrl, websiteUrl: t.websiteUrl, context: t.context ?? [] })),
    validDomains: m.validDomains ?? [],
    webApplicationInfo: m.webApplicationInfo ? { id: m.webApplicationInfo.id, resource: m.webApplicationInfo.resource } : null,
    manifest: m,
  };
}

/** The host names Teams would load the app's pages from: the hosts of its tab URLs (all must be valid domains). */
export function appHosts(pkg: AppPackage): string[] {
  const urls = [pkg.configurableTab?.configurationUrl, ...pkg.staticTabs.map((t) => t.contentUrl)].filter((u): u is string => !!u);
  return [...new Set(urls.map((u) => new URL(u).hostname))];
}
