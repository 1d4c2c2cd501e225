/**
 * The Teams half of the composition root, in one call from bot/app.ts: the activity handler, the card-action
 * registry (assembled from the feature folders), and the handlers of the jobs that talk to Teams.
 */
import type { Store } from '../../shared/ports/store';
import type { Config } from '../config';
import type { JobHandlerTable } from '../jobs/job-handlers';
import type { Logger } from '../logger';
import type { UseCaseRunner } from '../usecase/run-use-case';
import { createAnnounceItemHandler } from './agenda/announce-started-item';
import { createAnnounceVoteHandler } from './decisions/announce-opened-vote';
import { createSyncMembersHandler } from './binding/sync-team-members';
import type { CardActionRegistry } from './card-action-dispatch';
import { cardActionRegistry } from './card-verbs';
import { createConnectorClient, type ConnectorClient } from './connector-client';
import { ConversationRateLimiter, createSendJobHandler } from './proactive-send';
import { RadslagBot } from './radslag-bot';

export interface TeamsWiring {
  bot: RadslagBot;
  cardActions: CardActionRegistry;
  /** The handlers of the jobs that talk to Teams. */
  jobHandlers: Pick<JobHandlerTable, 'teams.send' | 'teams.sync_members' | 'agenda.announce_item' | 'vote.announce'>;
}

export function wireTeamsBot(deps: { config: Config; logger: Logger; store: Store; runner: UseCaseRunner; connector?: ConnectorClient }): TeamsWiring {
  const logger = deps.logger.child({ component: 'teams' });
  const cardActions = cardActionRegistry();
  const connector = deps.connector ?? createConnectorClient(deps.config);
  const jobHandlers: TeamsWiring['jobHandlers'] = {
    'teams.send': createSendJobHandler({
      store: deps.store,
      client: connector,
      limiter: new ConversationRateLimiter(),
      botId: deps.config.microsoftAppId ? `28:${deps.config.microsoftAppId}` : '28:radslag-local',
    }),
    'teams.sync_members': createSyncMembersHandler({ runner: deps.runner, client: connector }),
    'agenda.announce_item': createAnnounceItemHandler(deps.runner),
    'vote.announce': createAnnounceVoteHandler(deps.runner),
  };
  const bot = new RadslagBot({ config: deps.config, logger, runner: deps.runner, cardActions });
  return { bot, cardActions, jobHandlers };
}
