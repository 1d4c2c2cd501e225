import { randomUUID } from 'node:crypto';
import { startBotConnector, type BotConnector } from './bot-connector';
import { startEntraStandIn, type EntraStandIn, type MintUserTokenOptions, type RegisteredApp } from './entra-stand-in';
import { startGraphStandIn, type GraphStandIn } from './graph-stand-in';
import { createTestCa, writeCaFile, type TestCa } from './tls';

export interface Kit {
  ca: TestCa;
  /** PEM file of the CA, for NODE_EXTRA_CA_CERTS of a server child process. */
  caFile: string;
  tenantId: string;
  /** The one Entra app used by bot, tab SSO and Graph (GUID client id, as config.ts requires). */
  app: Required<Pick<RegisteredApp, 'clientId' | 'clientSecret' | 'tenantId' | 'applicationIdUri'>>;
  entra: EntraStandIn;
  connector: BotConnector;
  graph: GraphStandIn;
  /** Environment that points the real server at the stand-ins (production mode). */
  serverEnv(extra?: Record<string, string>): Record<string, string>;
  /** A tab SSO token for the app's audience (override any claim through opts). */
  ssoToken(user: { oid: string; upn: string; name?: string } & Partial<MintUserTokenOptions>): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the Entra stand-in (HTTP + HTTPS), the Bot Connector (requiring the bot's token) and the
 * Graph stand-in (HTTPS) with one test CA, wired together.
 */
export async function startKit(opts: { tenantId?: string; appId?: string; publicHost?: string } = {}): Promise<Kit> {
  const tenantId = opts.tenantId ?? randomUUID();
  const clientId = opts.appId ?? randomUUID();
  const app = { clientId, clientSecret: `secret-${randomUUID()}`, tenantId, applicationIdUri: `api://${opts.publicHost ?? 'localhost'}/${clientId}` };
  const ca = createTestCa();
  const caFile = await writeCaFile(ca);
  const entra = await startEntraStandIn({ tls: ca, apps: [{ ...app, appRoles: ['ChannelMessage.Send', 'Files.ReadWrite.All', 'OnlineMeetingArtifact.Read.All'] }] });
  const connector = await startBotConnector({ entra, botAppId: clientId });
  const graph = await startGraphStandIn({ ca, entra });
  return {
    ca,
    caFile: caFile.path,
    tenantId,
    app,
    entra,
    connector,
    graph,
    serverEnv: (extra = {}) => ({
      MicrosoftAppId: clientId,
      MicrosoftAppPassword: app.clientSecret,
      MicrosoftAppTenantId: tenantId,
      MicrosoftAppType: 'SingleTenant',
      RADSLAG_SSO_AUDIENCE: app.applicationIdUri,
      ENTRA_AUTHORITY_HOST: entra.httpsUrl as string,
      BOT_OPENID_METADATA_URL: entra.botOpenIdMetadataUrl,
      GRAPH_BASE_URL: graph.baseUrl,
      NODE_EXTRA_CA_CERTS: caFile.path,
      ...extra,
    }),
    ssoToken: (user) => entra.mintUserToken({ tenantId, audience: app.applicationIdUri, scopes: ['access_as_user'], ...user }),
    close: async () => {
      await Promise.all([graph.close(), connector.close()]);
      await entra.close();
      await caFile.remove();
    },
  };
}
