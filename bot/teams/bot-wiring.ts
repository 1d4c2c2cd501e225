/**
 * Everything issue 4 adds to the composition root, in one call from bot/app.ts: the bot, the card-action
 * registry (other features register their verbs on `cardActions`), the job handlers (teams.send,
 * callin.timeout), the move/cancel listener, and the secretary's API use cases.
 */
import type { EventBus } from '../../shared/ports/events';
import type { Clock, IdGenerator, Store } from '../../shared/ports/store';
import type { BotEnv } from '../../shared/services/bot-env';
import { CALL_IN_TIMEOUT_JOB, timeOutCallIn } from '../../shared/services/call-in-service';
import { notifyMeetingChanged } from '../../shared/services/kallelse-service';
import { TEAMS_SEND_JOB } from '../../shared/services/outbox';
import type { Config } from '../config';
import type { JobHandler } from '../jobs/job-runner';
import type { Logger } from '../logger';
import { CardActionRegistry } from './card-action-dispatch';
import { registerIssue4CardActions } from './card-handlers';
import { createConnectorClient, type ConnectorClient } from './connector-client';
import { MeetingBotApi } from './meeting-bot-api';
import { ConversationRateLimiter, createSendJobHandler } from './proactive-send';
import { RadslagBot } from './radslag-bot';
import { SYNC_MEMBERS_JOB, createSyncMembersHandler } from './sync-members';

export interface TeamsWiring {
  bot: RadslagBot;
  cardActions: CardActionRegistry;
  meetingBot: MeetingBotApi;
  close(): void;
}

export function wireTeamsBot(deps: {
  config: Config;
  logger: Logger;
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  events: EventBus;
  jobHandlers: Record<string, JobHandler>;
  /** Wakes the job runner (declared after this call in app.ts; only called later). */
  poke: () => void;
  connector?: ConnectorClient;
}): TeamsWiring {
  const logger = deps.logger.child({ component: 'teams' });
  const afterCommit = () => deps.poke();
  const cardActions = new CardActionRegistry();
  registerIssue4CardActions(cardActions);
  const inTx = async <T>(correlationId: string, fn: (env: BotEnv) => Promise<T>): Promise<T> => {
    const events: BotEnv['events'] = [];
    const out = await deps.store.transaction((tx) => fn({ tx, clock: deps.clock, ids: deps.ids, tenantId: deps.store.tenantId, correlationId, events }));
    for (const e of events) await deps.events.publish(e);
    afterCommit();
    return out;
  };

  const connector = deps.connector ?? createConnectorClient(deps.config);
  deps.jobHandlers[SYNC_MEMBERS_JOB] = createSyncMembersHandler({ store: deps.store, clock: deps.clock, ids: deps.ids, client: connector, afterCommit });
  deps.jobHandlers[TEAMS_SEND_JOB] = createSendJobHandler({
    store: deps.store,
    client: connector,
    limiter: new ConversationRateLimiter(),
    botId: deps.config.microsoftAppId ? `28:${deps.config.microsoftAppId}` : '28:radslag-local',
  });
  deps.jobHandlers[CALL_IN_TIMEOUT_JOB] = async (job) => {
    const { stepId } = job.payload as { stepId: string };
    return { timedOut: await inTx(`job:${job.id}`, (env) => timeOutCallIn(env, stepId)) };
  };

  // Moving or cancelling a meeting (MeetingService.update publishes meeting.updated) tells everyone invited.
  // Dedupe keys on status + start time make a second notification of the same change a no-op.
  const unsubscribe = deps.events.subscribe((event) => {
    if (event.type !== 'meeting.updated' || !event.meetingId) return;
    const meetingId = event.meetingId;
    void (async () => {
      const meeting = await deps.store.read.meetings.get(meetingId);
      if (!meeting || (meeting.status !== 'moved' && meeting.status !== 'cancelled')) return;
      await inTx(`meeting-changed:${meetingId}`, async (env) => notifyMeetingChanged(env, await env.tx.meetings.require(meetingId)));
    })().catch((e: unknown) => logger.error({ err: (e as Error).message, meetingId }, 'meeting change notice failed'));
  });

  const bot = new RadslagBot({ config: deps.config, logger, store: deps.store, clock: deps.clock, ids: deps.ids, events: deps.events, cardActions, afterCommit });
  const meetingBot = new MeetingBotApi({ store: deps.store, clock: deps.clock, ids: deps.ids, events: deps.events, afterCommit });
  return { bot, cardActions, meetingBot, close: unsubscribe };
}
