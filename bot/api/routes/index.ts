import type { ApiRouter } from '../api-router';
import { registerBodyRoutes } from './bodies';
import { registerJobRoutes } from './jobs';
import { registerMeetingRoutes } from './meetings';
import { registerMinutesRoutes } from './minutes';
import { registerPeopleRoutes } from './people';
import { registerRosterRoutes } from './roster';
import type { ApiDeps } from './services';
import { registerPrivacyRoutes } from './privacy';
import { registerMeetingBotRoutes } from './meeting-bot';
import { registerAgendaRoutes } from './agenda';
import { registerDecisionRoutes } from './decisions';
import { registerAbsenceRoutes } from './absence';

/** Every /api/v1 resource registers here; later features add one line each. */
export function registerRoutes(api: ApiRouter, deps: ApiDeps): void {
  registerBodyRoutes(api, deps);
  // Before the people routes: /people/match-suggestions must not be read as /people/:personId.
  registerRosterRoutes(api, deps);
  registerPeopleRoutes(api, deps);
  registerMeetingRoutes(api, deps);
  registerMinutesRoutes(api, deps);
  registerAgendaRoutes(api, deps);
  registerDecisionRoutes(api, deps);
  registerJobRoutes(api, deps);
  registerPrivacyRoutes(api, deps);
  registerMeetingBotRoutes(api, deps);
  registerAbsenceRoutes(api, deps);
}

export type { ApiDeps };
