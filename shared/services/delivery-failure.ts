/**
 * Why a 1:1 card could not reach a person in Teams. The send job (bot/teams/proactive-send.ts)
 * ends with an error whose message starts with `unreachable:<reason>:`; the minutes overview reads it back
 * from the job and tells the secretary who was not reached, why and what to do, in Swedish and English.
 */
export const UNREACHABLE_REASONS = ['no_teams_account', 'no_teams_contact', 'not_installed', 'refused'] as const;
export type UnreachableReason = (typeof UNREACHABLE_REASONS)[number];

const PREFIX = 'unreachable:';

export const UNREACHABLE_TEXT: Record<UnreachableReason, { sv: string; en: string }> = {
  no_teams_account: { sv: 'Rådslag känner inte till hens Teams-konto', en: 'Rådslag does not know their Teams account' },
  no_teams_contact: { sv: 'Rådslag har ännu ingen kontakt med Teams i organisationen', en: 'Rådslag has had no contact with Teams in the organisation yet' },
  not_installed: { sv: 'Rådslag är inte installerat för hen i Teams och kunde inte starta en chatt', en: 'Rådslag is not installed for them in Teams and could not start a chat' },
  refused: { sv: 'Teams tog inte emot meddelandet', en: 'Teams did not accept the message' },
};

/** The job error for a person who cannot be reached: `unreachable:<reason>: <detail>`. */
export function unreachableError(reason: UnreachableReason, detail: string): string {
  return `${PREFIX}${reason}: ${detail}`;
}

/** The reason in a send job's last error, or null when the error is of another kind. */
export function unreachableReasonOf(lastError: string | null | undefined): UnreachableReason | null {
  if (!lastError?.startsWith(PREFIX)) return null;
  const reason = lastError.slice(PREFIX.length).split(':', 1)[0] as UnreachableReason;
  return UNREACHABLE_REASONS.includes(reason) ? reason : null;
}

/**
 * How a card to one person fared: sent, still on its way, posted in the council's channel with an @mention
 * because no 1:1 chat could be opened (with that reason), or not reachable at all (with the reason).
 */
export type CardDelivery =
  | { state: 'delivered' | 'sending' }
  | { state: 'delivered_in_channel' | 'unreachable'; reason: UnreachableReason; reasonSv: string; reasonEn: string };

const withReason = <S extends 'delivered_in_channel' | 'unreachable'>(state: S, reason: UnreachableReason) => ({ state, reason, reasonSv: UNREACHABLE_TEXT[reason].sv, reasonEn: UNREACHABLE_TEXT[reason].en });

/** The send job's result when the message went to its fallback conversation (bot/teams/proactive-send.ts). */
function fallbackReason(result: unknown): UnreachableReason | null {
  if (!result || typeof result !== 'object' || (result as { via?: unknown }).via !== 'fallback') return null;
  const reason = (result as { reason?: unknown }).reason as UnreachableReason;
  return UNREACHABLE_REASONS.includes(reason) ? reason : 'not_installed';
}

/** Whether a send job's result says the message went to its fallback conversation (the council's channel). */
export function wentToFallback(result: unknown): boolean {
  return fallbackReason(result) !== null;
}

/** From the send jobs of one card (first request, reminders): delivered once any went out. */
export function cardDelivery(jobs: readonly { state: string; lastError: string | null; createdAt: string; result?: unknown }[]): CardDelivery | null {
  const live = jobs.filter((j) => j.state !== 'cancelled');
  if (live.length === 0) return null;
  const done = live.filter((j) => j.state === 'done');
  if (done.some((j) => fallbackReason(j.result) === null)) return { state: 'delivered' };
  if (done.length > 0) return withReason('delivered_in_channel', fallbackReason(done[0]!.result)!);
  const latest = [...live].sort((x, y) => (x.createdAt < y.createdAt ? -1 : 1)).at(-1)!;
  if (latest.state === 'dead') {
    return withReason('unreachable', unreachableReasonOf(latest.lastError) ?? 'refused');
  }
  return { state: 'sending' };
}
