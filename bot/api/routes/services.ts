import type { MembershipRole } from '../../../shared/domain';
import type { RequestContext } from '../../../shared/services/context';
import type { CouncilService } from '../../../shared/services/council-service';
import type { MeetingService } from '../../../shared/services/meeting-service';
import type { PeopleMatchService } from '../../../shared/services/people-match-service';
import type { RosterImportService } from '../../../shared/services/roster-import-service';
import type { JobRepository } from '../../../shared/ports/store';
import type { Identity } from '../request-context';
import type { MinutesRouteServices } from './minutes';
// issue 5: the meeting run
import type { AgendaService } from '../../../shared/services/agenda-service';
import type { DecisionService } from '../../../shared/services/decision-service';
import type { EvaluationService } from '../../../shared/services/evaluation-service';
import type { TaskService } from '../../../shared/services/task-service';
import type { VoteService } from '../../../shared/services/vote-service';

/** The services the HTTP API calls; the same instances serve the bot. */
export interface ApiServices {
  /** issue 4: kallelse, call-in chains, attendance, guests, Teams meeting link */
  meetingBot?: import('../../teams/meeting-bot-api').MeetingBotApi;
  council: CouncilService;
  meetings: MeetingService;
  /** Issue 3: roster import and person-match suggestions. */
  roster: RosterImportService;
  peopleMatch: PeopleMatchService;
  // issue 5: agenda, decisions, votes, tasks, evaluation
  agenda: AgendaService;
  decisions: DecisionService;
  votes: VoteService;
  tasks: TaskService;
  evaluations: EvaluationService;
  jobs: JobRepository;
  me(ctx: RequestContext, identity: Identity): Promise<{
    identity: { email: string | null; name: string | null; method: Identity['method'] };
    person: unknown;
    isAdmin: boolean;
    roles: { bodyId: string; role: MembershipRole }[];
  }>;
  /** Issue 9: personal data export/erasure and the audit log. */
  privacy?: import('../../../shared/services/privacy-service').PrivacyService;
  /** Issue 6: minutes, justering and Graph publishing. */
  minutes: MinutesRouteServices;
}
