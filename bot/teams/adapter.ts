import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { MsalServiceClientCredentialsFactory, type BotFrameworkAuthentication, type ConnectorFactory } from 'botframework-connector';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { failsTheRequest, turnFailureReply } from './turn-failure';
import { fetchWithTimeout, msalNetworkClient, OUTBOUND_TIMEOUT_MS, TOKEN_TIMEOUT_MS } from '../net/outbound';

/** Bot Framework's public-cloud values (botframework-connector AuthenticationConstants). */
const PUBLIC_BOT_OPENID_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
const PUBLIC_EMULATOR_OPENID_METADATA = 'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration';
const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';
const PUBLIC_AUTHORITY = 'https://login.microsoftonline.com';

export interface AdapterOptions {
  /** Timeout of each call to the Bot Connector (replies, updates); default OUTBOUND_TIMEOUT_MS. */
  connectorTimeoutMs?: number;
}

/**
 * The Bot Framework adapter. In local mode no app id is configured and botbuilder skips token validation;
 * in production mode tokens are validated against the Bot Framework OpenID metadata (overridable for
 * national clouds and the test kit's stand-in) and replies carry a token from Entra.
 *
 * Gotcha (botframework-connector BotFrameworkAuthenticationFactory): as soon as ANY of the parameterized
 * keys (ToBotFromChannelOpenIdMetadataUrl, ToChannelFromBotLoginUrl, …) is set, ALL of them are taken as
 * given with no public-cloud defaults — setting only the metadata URL leaves the issuer undefined and every
 * activity gets 401. So an override sets the whole group.
 */
export function createAdapter(config: Config, logger: Logger, opts: AdapterOptions = {}): CloudAdapter {
  const options: Partial<ConfigurationBotFrameworkAuthenticationOptions> & Record<string, unknown> = {};
  let credentials: MsalServiceClientCredentialsFactory | undefined;
  if (config.mode === 'production') {
    options.MicrosoftAppId = config.microsoftAppId!;
    options.MicrosoftAppPassword = config.microsoftAppPassword ?? undefined;
    options.MicrosoftAppTenantId = config.microsoftAppTenantId ?? undefined;
    options.MicrosoftAppType = config.microsoftAppType;
    const customAuthority = config.entraAuthorityHost !== PUBLIC_AUTHORITY;
    if (config.botOpenIdMetadataUrl || customAuthority) {
      const metadata = config.botOpenIdMetadataUrl ?? PUBLIC_BOT_OPENID_METADATA;
      Object.assign(options, {
        ToBotFromChannelOpenIdMetadataUrl: metadata,
        ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
        ToChannelFromBotLoginUrl: `${config.entraAuthorityHost}/${config.microsoftAppTenantId}`,
        ToChannelFromBotOAuthScope: BOT_FRAMEWORK_SCOPE,
        // Emulator tokens are tried only for emulator issuers; with an overridden metadata URL nothing may
        // leave for the public cloud, so emulator keys come from the same place (and never match).
        ToBotFromEmulatorOpenIdMetadataUrl: config.botOpenIdMetadataUrl ?? PUBLIC_EMULATOR_OPENID_METADATA,
        OAuthUrl: 'https://api.botframework.com',
        CallerId: 'urn:botframework:azure',
        ValidateAuthority: !customAuthority,
      });
    }
    if (config.microsoftAppPassword && config.microsoftAppType !== 'UserAssignedMSI') {
      // Our own msal client: knownAuthorities keeps instance discovery on the configured host (national
      // clouds, the test kit's stand-in over HTTPS) and the network client puts a timeout on token requests.
      const host = new URL(config.entraAuthorityHost).host;
      const msal = new ConfidentialClientApplication({
        auth: {
          clientId: config.microsoftAppId!,
          clientSecret: config.microsoftAppPassword,
          authority: `${config.entraAuthorityHost}/${config.microsoftAppTenantId}`,
          knownAuthorities: [host],
        },
        system: {
          networkClient: msalNetworkClient(fetchWithTimeout(TOKEN_TIMEOUT_MS)),
          loggerOptions: { logLevel: LogLevel.Warning, piiLoggingEnabled: false, loggerCallback: (_l, message) => logger.debug({ msal: message }, 'msal') },
        },
      });
      // botframework-connector bundles its own msal-node copy; only acquireTokenByClientCredential is used.
      credentials = new MsalServiceClientCredentialsFactory(config.microsoftAppId!, msal as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1]);
    }
  }
  const auth = new ConfigurationBotFrameworkAuthentication(options as ConfigurationBotFrameworkAuthenticationOptions, credentials);
  limitConnectorCalls(auth, opts.connectorTimeoutMs ?? OUTBOUND_TIMEOUT_MS);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    const fails = failsTheRequest(error);
    logger[fails ? 'warn' : 'error']({ err: error.message, activityType: context.activity?.type, activityId: context.activity?.id }, fails ? 'bot turn failed: store unavailable, nothing recorded' : 'bot turn failed');
    // A person sees a plain message (saying plainly when nothing was recorded); the error text stays in the log.
    if (context.activity?.type === 'message') {
      await context.sendActivity(turnFailureReply(context.activity.text, context.activity.locale, error)).catch(() => undefined);
    }
    // Store down: the endpoint answers 503 instead of 200 (messages-endpoint.ts) so that Teams may deliver the
    // activity again.
  };
  return adapter;
}

interface PipelineLike {
  addPolicy(policy: { name: string; sendRequest(request: { timeout: number }, next: (r: { timeout: number }) => Promise<unknown>): Promise<unknown> }): void;
}

/**
 * botbuilder's ConnectorClient sets no timeout, and its ConnectorFactory overwrites any
 * requestPolicyFactories we pass in the options. So every ConnectorClient it creates (for replies in a
 * turn, and for proactive sends) gets a pipeline policy here that caps each request's timeout.
 */
function limitConnectorCalls(auth: BotFrameworkAuthentication, timeoutMs: number): void {
  const limit = (factory: ConnectorFactory): ConnectorFactory => {
    const create = factory.create.bind(factory);
    factory.create = async (serviceUrl, audience) => {
      const client = await create(serviceUrl, audience);
      const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
      if (!pipeline) throw new Error('botbuilder ConnectorClient without a pipeline: cannot enforce the outbound timeout');
      pipeline.addPolicy({
        name: 'radslagOutboundTimeout',
        sendRequest: (request, next) => {
          if (!request.timeout || request.timeout > timeoutMs) request.timeout = timeoutMs;
          return next(request);
        },
      });
      return client;
    };
    return factory;
  };
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (...args) => {
    const result = await authenticate(...args);
    if (result.connectorFactory) limit(result.connectorFactory);
    return result;
  };
  const createFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (claims) => limit(createFactory(claims));
}
