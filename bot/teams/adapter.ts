import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../logger';

/**
 * The Bot Framework adapter. In local mode no app id is configured and botbuilder skips token validation;
 * in production mode tokens are validated against the Bot Framework OpenID metadata (overridable for
 * national clouds and the test kit's stand-in).
 */
export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  const options: Partial<ConfigurationBotFrameworkAuthenticationOptions> & Record<string, unknown> = {};
  if (config.mode === 'production') {
    options.MicrosoftAppId = config.microsoftAppId!;
    options.MicrosoftAppPassword = config.microsoftAppPassword ?? undefined;
    options.MicrosoftAppTenantId = config.microsoftAppTenantId ?? undefined;
    options.MicrosoftAppType = config.microsoftAppType;
    if (config.botOpenIdMetadataUrl) options.ToBotFromChannelOpenIdMetadataUrl = config.botOpenIdMetadataUrl;
    if (config.entraAuthorityHost !== 'https://login.microsoftonline.com') {
      options.ToChannelFromBotLoginUrl = `${config.entraAuthorityHost}/${config.microsoftAppTenantId}`;
      options.ValidateAuthority = false;
    }
  }
  const auth = new ConfigurationBotFrameworkAuthentication(options as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error.message, activityType: context.activity?.type, activityId: context.activity?.id }, 'bot turn failed');
    // A person sees a plain message; the error text stays in the log.
    if (context.activity?.type === 'message') {
      const en = /^en/i.test(context.activity.locale ?? '');
      await context
        .sendActivity(en ? 'Sorry, something went wrong. Please try again.' : 'Något gick fel. Försök igen.')
        .catch(() => undefined);
    }
  };
  return adapter;
}
