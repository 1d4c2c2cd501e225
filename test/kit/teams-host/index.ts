// The Teams test host: install the app from its package, add and configure its tab, open the saved
// contentUrl in each frame context as each person. See teams.ts for the API, surface.ts for what a test
// acts on (a Playwright frame), screenshots and axe.
export { readAppPackage, appHosts, type AppPackage } from './app-package';
export { buildAppPackage } from './build-package';
export { installApp, localIdentity, ssoIdentity, TeamsClient, TabBeingAdded, SavedTab, type Identity, type OpenOptions, type Place, type SavedSettings, type SurfaceKind, type TeamsUser } from './teams';
export { TabSurface, SCREENSHOT_DIR, THEMES, type AxeViolation, type HostState, type RecordedRequest, type Theme } from './surface';
