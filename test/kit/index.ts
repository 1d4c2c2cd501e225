/**
 * Test kit: local, protocol-faithful stand-ins at the HTTP edge. The real libraries (botbuilder
 * CloudAdapter, @azure/msal-node, @microsoft/microsoft-graph-client, jose) run unmodified against
 * them. Every server listens on 127.0.0.1 port 0 and exposes `url` and `close()`.
 *
 * Typical wiring for an integration test:
 *   const ca = createTestCa();
 *   const entra = await startEntraStandIn({ tls: ca, apps: [{ clientId, clientSecret, tenantId, applicationIdUri }] });
 *   const connector = await startBotConnector({ entra, botAppId: clientId });
 *   const graph = await startGraphStandIn({ ca, entra });
 *   server env: MicrosoftAppId/Password/TenantId, BOT_OPENID_METADATA_URL = entra.botOpenIdMetadataUrl,
 *     ENTRA_AUTHORITY_HOST = entra.httpsUrl, GRAPH_BASE_URL = graph.baseUrl,
 *     NODE_EXTRA_CA_CERTS = a file holding ca.caCertPem (trusting the CA, never disabling TLS checks).
 *   With `tls`, tokens carry iss = `${entra.httpsUrl}/${tid}/v2.0` (= ENTRA_AUTHORITY_HOST/tid/v2.0).
 *   The bot's botbuilder config must set the whole parameterized group: see botFrameworkAuthConfig().
 *   await deliverToBot(`${server.url}/api/messages`, personalMessage({...}), { entra });
 */
export * from './activities';
export * from './bot-connector';
export * from './entra-stand-in';
export * from './graph-stand-in';
export * from './pg';
export * from './ports';
export * from './server-process';
export * from './tls';
export { matchPath, readBody, sendJson, listenLoopback, closeServer, type Fault } from './http-util';
export * from './kit';
