import type { Job } from '../../shared/ports/store';

/**
 * Jobs enqueued in a transaction and due at once can be claimed by this process in the same INSERT and run
 * as soon as the transaction commits, instead of waiting for the runner to find them with a claim
 * transaction of its own. A reply to a member is such a job: under a burst the claim's wait and its own
 * transaction were most of the time between a förhinder and its confirmation (bench). A job so claimed
 * carries a lease like any claimed job, so if this process dies before it finishes, another runner takes it
 * over when the lease runs out.
 */
export interface ClaimAtEnqueue {
  workerId: string;
  kinds: ReadonlySet<string>;
  /** The runner's clock: a job is due when its run time is not after it. */
  now: () => Date;
  leaseMs: number;
}

export interface JobHandoff {
  /** How to claim jobs enqueued now, or null when this process runs no jobs (stopped, or tests run them by hand). */
  claimAtEnqueue(): ClaimAtEnqueue | null;
  /** Runs jobs claimed at enqueue, once their transaction has committed. */
  adopt(jobs: Job[]): void;
}

/** What a transaction's job repository collects: the claim to use and the jobs it claimed. */
export interface EnqueueClaim {
  claim: ClaimAtEnqueue;
  claimed: Job[];
}
