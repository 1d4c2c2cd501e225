import type { MembershipRole } from '../../../shared/domain';
import type { RequestContext } from '../../../shared/services/context';
import type { CouncilService } from '../../../shared/services/council-service';
import type { MeetingService } from '../../../shared/services/meeting-service';
import type { JobRepository } from '../../../shared/ports/store';
import type { Identity } from '../request-context';

/** The services the HTTP API calls; the same instances serve the bot. */
export interface ApiServices {
  council: CouncilService;
  meetings: MeetingService;
  jobs: JobRepository;
  me(ctx: RequestContext, identity: Identity): Promise<{
    identity: { email: string | null; name: string | null; method: Identity['method'] };
    person: unknown;
    isAdmin: boolean;
    roles: { bodyId: string; role: MembershipRole }[];
  }>;
}
