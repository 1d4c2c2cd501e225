import { TeamsActivityHandler, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger';

const greeting = (en: boolean) =>
  en
    ? 'Hello! I am Rådslag. I keep attendance, decisions and minutes for your council. Write "förhinder" or "I cannot attend" to give notice of absence.'
    : 'Hej! Jag är Rådslag. Jag håller ordning på närvaro, beslut och protokoll för ert råd. Skriv till exempel "förhinder 21 mars" om du inte kan komma.';

export function isEnglish(context: TurnContext): boolean {
  return /^en/i.test(context.activity.locale ?? '');
}

/**
 * The activity handler: thin by design. Later features hang their handlers on this class's hooks; it maps
 * activities, calls services and renders cards.
 */
export class RadslagBot extends TeamsActivityHandler {
  constructor(private readonly logger: Logger) {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(greeting(isEnglish(context)));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
      if (botAdded) {
        this.logger.info({ conversationType: context.activity.conversation?.conversationType }, 'bot installed in a conversation');
        await context.sendActivity(greeting(isEnglish(context)));
      }
      await next();
    });
  }
}
