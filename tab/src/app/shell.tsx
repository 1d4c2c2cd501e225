import { Button, FluentProvider, Field, Select, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Component, lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createApi } from '../api/client';
import { devAuth, rememberDevUser, rememberedDevUser, teamsAuth } from '../api/auth';
import { createHttp, type AuthSource } from '../api/http';
import { LocaleProvider, localeFromTag, useT } from '../i18n/locale';
import type { Locale } from '../i18n/strings';
import { onThemeChange, type HostInfo, type ThemeName } from '../teams/teams-host';
import { ErrorBox, Loading, useAsync } from '../ui/common';
import { Page } from '../ui/page';
import { prefetchFirstView } from './first-view';
import type { PageProps } from './page-props';
import { resolvePage, type PageName } from './route';
import { serverMode } from './server-mode';

// One chunk per page: the side panel loads only what it needs.
const MeetingTab = lazy(() => import('../pages/meeting-tab'));
const SidePanel = lazy(() => import('../pages/side-panel'));
const Stage = lazy(() => import('../pages/stage'));
const Channel = lazy(() => import('../pages/channel'));
const Config = lazy(() => import('../pages/config'));
const Personal = lazy(() => import('../pages/home'));


const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme } as const;

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    // Plain links (attachments, the minutes preview) take the theme's link colour, readable in dark and high contrast.
    '& a': { color: tokens.colorBrandForegroundLink },
    '& a:hover': { color: tokens.colorBrandForegroundLinkHover },
  },
  dev: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '8px',
    alignItems: 'end',
    padding: '8px 12px',
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorNeutralForeground1,
    borderBottom: `2px solid ${tokens.colorPaletteYellowBorder2}`,
  },
});

class Boundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error ? <ErrorBox error={this.state.error} onRetry={() => window.location.reload()} /> : this.props.children;
  }
}

export function Root({ host }: { host: HostInfo }) {
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  const locale: Locale = localeFromTag(host.locale);
  const page = resolvePage(window.location.pathname + window.location.search, host);
  useEffect(() => onThemeChange(host, setTheme), [host]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dataset.page = page;
    document.documentElement.dataset.theme = theme;
  }, [locale, page, theme]);
  const styles = useStyles();
  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root}>
      <LocaleProvider locale={locale}>
        <Boundary>{host.inTeams ? <InTeams host={host} page={page} /> : <OutsideTeams host={host} page={page} />}</Boundary>
      </LocaleProvider>
    </FluentProvider>
  );
}

/**
 * Inside Teams the identity is Teams': its SSO token in production mode; in local mode (no Entra app, e.g.
 * the Agents Playground) the server takes the local header, so the user Teams names is sent that way.
 */
function InTeams({ host, page }: { host: HostInfo; page: PageName }) {
  const auth = useMemo(() => (serverMode() === 'local' && host.userPrincipalName ? devAuth(host.userPrincipalName) : teamsAuth()), [host]);
  return <WithAuth host={host} page={page} auth={auth} />;
}

function OutsideTeams({ host, page }: { host: HostInfo; page: PageName }) {
  const known = serverMode();
  const mode = useAsync(() => (known ? Promise.resolve({ mode: known }) : fetch('/readyz').then((r) => r.json() as Promise<{ mode: string }>)), [known]);
  if (mode.loading && !mode.data) return <Loading />;
  if (mode.data?.mode !== 'local') return <NotInTeams />;
  return <DevGate host={host} page={page} />;
}

/** Production mode outside Teams: there is no way to sign in here. */
function NotInTeams() {
  const t = useT();
  return (
    <Page title={t('appName')}>
      <Text>{t('openInTeams')}</Text>
    </Page>
  );
}

/** Local mode only, clearly marked: pick whom to act as; the choice is sent as X-Radslag-Dev-User. */
function DevGate({ host, page }: { host: HostInfo; page: PageName }) {
  const t = useT();
  const styles = useStyles();
  const [user, setUser] = useState<string | null>(rememberedDevUser());
  const [draft, setDraft] = useState<string>(user ?? 'admin@radslag.local');
  const people = useAsync(async () => {
    const api = createApi(createHttp(devAuth('admin@radslag.local'), 'sv'));
    return (await api.people()).filter((p) => !!p.email);
  }, []);
  const auth = useMemo(() => (user ? devAuth(user) : null), [user]);
  return (
    <>
      <div className={styles.dev} role="region" aria-label={t('devRegion')}>
        <Text weight="semibold">{t('devBanner')}</Text>
        <Field label={t('devPick')}>
          <Select value={draft} onChange={(_, d) => setDraft(d.value)}>
            <option value="admin@radslag.local">admin@radslag.local</option>
            {(people.data ?? []).map((p) => (
              <option key={p.id} value={p.email!}>
                {p.name} ({p.email})
              </option>
            ))}
          </Select>
        </Field>
        <Button
          appearance="primary"
          onClick={() => {
            rememberDevUser(draft);
            setUser(draft);
          }}
        >
          OK
        </Button>
      </div>
      {auth ? <WithAuth key={user!} host={host} page={page} auth={auth} /> : null}
    </>
  );
}

function WithAuth({ host, page, auth }: { host: HostInfo; page: PageName; auth: AuthSource }) {
  const locale = localeFromTag(host.locale);
  // The meeting's first data is asked for here, with the page's own client, while the page's chunk loads.
  const api = useMemo(() => {
    const a = createApi(createHttp(auth, locale));
    prefetchFirstView(a, page);
    return a;
  }, [auth, locale, page]);
  const props: PageProps = { api, host };
  return (
    <Suspense fallback={<Loading />}>
      {page === 'meeting' ? <MeetingTab {...props} /> : null}
      {page === 'panel' ? <SidePanel {...props} /> : null}
      {page === 'stage' ? <Stage {...props} /> : null}
      {page === 'channel' ? <Channel {...props} /> : null}
      {page === 'config' ? <Config {...props} /> : null}
      {page === 'personal' ? <Personal {...props} /> : null}
    </Suspense>
  );
}

