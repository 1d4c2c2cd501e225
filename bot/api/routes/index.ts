import type { ApiRouter } from '../api-router';
import { registerBodyRoutes } from './bodies';
import { registerJobRoutes } from './jobs';
import { registerMeetingRoutes } from './meetings';
import { registerMinutesRoutes } from './minutes';
import { registerPeopleRoutes } from './people';
import { registerRosterRoutes } from './roster';
import type { ApiServices } from './services';
import { registerPrivacyRoutes } from './privacy';
import { registerMeetingBotRoutes } from './meeting-bot';
import { registerAgendaRoutes } from './agenda';
import { registerDecisionRoutes } from './decisions';

/** Every /api/v1 resource registers here; later features add one line each. */
export function registerRoutes(api: ApiRouter, services: ApiServices): void {
  registerBodyRoutes(api, services);
  // Before the people routes: /people/match-suggestions must not be read as /people/:personId.
  registerRosterRoutes(api, services);
  registerPeopleRoutes(api, services);
  registerMeetingRoutes(api, services);
  registerMinutesRoutes(api, services.minutes);
  registerAgendaRoutes(api, services);
  registerDecisionRoutes(api, services);
  registerJobRoutes(api, services);
  // issue 9: privacy export/erase and the audit log
  if (services.privacy) registerPrivacyRoutes(api, services.privacy);
  if (services.meetingBot) registerMeetingBotRoutes(api, services.meetingBot);
}

export type { ApiServices };
