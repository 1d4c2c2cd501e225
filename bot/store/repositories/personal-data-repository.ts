import { sql } from 'kysely';
import type { PersonalDataRepository, PersonalTraces } from '../../../shared/ports/store';
import type { Executor } from './entity-repository';

/** What PostgreSQL's ILIKE needs for one needle as the column's JSON text holds it (quotes, newlines escaped). */
function patternsOf(needles: readonly string[]): string[] {
  const terms = [...new Set(needles.map((n) => n.trim()).filter((n) => n.length >= 4))];
  return terms.map((n) => `%${JSON.stringify(n).slice(1, -1).replace(/[%_\\]/g, '\\$&')}%`);
}

/**
 * The copies of a person's data outside the domain tables, found by the person's id and by text: jobs of any
 * state (a 1:1 message, a förhinder quoted to the secretary, a card with their name), Teams conversation
 * references (the key holds the Entra object id), idempotency results, live-stream tickets, name-matching
 * records, pasted rosters and the Graph token cache and assertion of someone who published.
 */
export class SqlPersonalDataRepository implements PersonalDataRepository {
  constructor(
    private readonly db: Executor,
    private readonly tenantId: string,
  ) {}

  async eraseTraces({ personId, needles }: { personId: string; needles: readonly string[] }): Promise<PersonalTraces> {
    const p = patternsOf([personId, ...needles]);
    const tenant = this.tenantId;
    const count = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0);
    const like = (col: ReturnType<typeof sql>) => sql`coalesce(${col}, '') ilike any(${p}::text[])`;
    const out: PersonalTraces = {};

    // Jobs: the content goes, the row (state, timing) stays until the retention purge; a job not yet run is
    // cancelled (nothing is sent to or about an erased person).
    out.jobs = count(
      await sql`update jobs set payload = '{"erased":true}'::jsonb, result = null, last_error = null, dedupe_key = null,
          state = case when state in ('queued', 'failed') then 'cancelled' else state end,
          finished_at = case when state in ('queued', 'failed') then now() else finished_at end, updated_at = now()
        where tenant_id = ${tenant} and (${like(sql`payload::text`)} or ${like(sql`result::text`)} or ${like(sql`last_error`)} or ${like(sql`dedupe_key`)})`.execute(this.db),
    );
    out.conversationReferences = count(
      await sql`delete from conversation_refs where tenant_id = ${tenant} and (person_id = ${personId} or ${like(sql`key`)} or ${like(sql`reference::text`)})`.execute(this.db),
    );
    out.idempotencyResults = count(await sql`delete from idempotency_keys where tenant_id = ${tenant} and (${like(sql`key`)} or ${like(sql`result::text`)})`.execute(this.db));
    out.streamTickets = count(await sql`delete from stream_tickets where tenant_id = ${tenant} and (person_id = ${personId} or ${like(sql`identity::text`)})`.execute(this.db));
    out.personMatches = count(await sql`delete from person_matches where tenant_id = ${tenant} and (person_id = ${personId} or ${like(sql`aad_object_id`)} or ${like(sql`teams_name`)})`.execute(this.db));
    out.personMatchSuggestions = count(
      await sql`delete from person_match_suggestions where tenant_id = ${tenant}
        and (resolved_person_id = ${personId} or ${like(sql`listed_name`)} or ${like(sql`listed_email`)} or ${like(sql`candidates::text`)})`.execute(this.db),
    );
    // A pasted roster keeps its text for the preview/apply round; once it names the person it is pseudonymised.
    let rosterImports = 0;
    for (const n of [personId, ...needles].map((x) => x.trim()).filter((x) => x.length >= 4)) {
      const j = JSON.stringify(n).slice(1, -1);
      rosterImports += count(
        await sql`update roster_imports set source_text = replace(source_text, ${n}, '[raderad]'),
            parsed = replace(parsed::text, ${j}, '[raderad]')::jsonb, plan = replace(plan::text, ${j}, '[raderad]')::jsonb,
            result = replace(result::text, ${j}, '[raderad]')::jsonb, options = replace(options::text, ${j}, '[raderad]')::jsonb
          where tenant_id = ${tenant} and (strpos(source_text, ${n}) > 0 or strpos(parsed::text, ${j}) > 0 or strpos(plan::text, ${j}) > 0
            or strpos(coalesce(result::text, ''), ${j}) > 0 or strpos(options::text, ${j}) > 0)`.execute(this.db),
      );
    }
    out.rosterImports = rosterImports;
    out.graphAssertions = count(await sql`update graph_publications set assertion_ciphertext = null where tenant_id = ${tenant} and acting_person_id = ${personId} and assertion_ciphertext is not null`.execute(this.db));
    out.graphTokenCaches = count(await sql`delete from graph_token_cache where tenant_id = ${tenant} and ${like(sql`cache_key`)}`.execute(this.db));
    return out;
  }
}
