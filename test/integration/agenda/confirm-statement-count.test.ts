/**
 * The cost of one decision confirm on its card (issue 10): every SQL statement the card-action path runs,
 * counted with a Kysely plugin over the app's own database (BEGIN/COMMIT are the transaction's, not counted).
 * The ceiling is the count reached by the issue 10 work; a change that adds repeated loads fails here.
 */
import { randomUUID } from 'node:crypto';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../../bot/store/store';
import { CardActionRegistry } from '../../../bot/teams/card-action-dispatch';
import { registerDecisionCardActions } from '../../../bot/teams/decisions/decision-card-actions';
import { UseCaseRunner } from '../../../bot/usecase/run-use-case';
import { addAgendaItem } from '../../../shared/services/agenda-service';
import { proposeDecision } from '../../../shared/services/decision-service';
import { adaptiveCardAction } from '../../kit/activities';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import type { Caller } from '../../../shared/usecase/context';
import { planMeeting, recordAttendance, seedCouncil, type Council, type PlannedMeeting } from './fixture';
import { BOT_APP_ID, cardText, isErrorCard } from './teams-client';
import { LOCAL_TENANT_ID } from '../../../bot/config';

/** Ceiling of SQL statements for one confirm (34 before the issue 10 work, counted the same way). */
const CONFIRM_STATEMENT_CEILING = 14;
/** When the secretary confirms their own proposal the card needs no name lookup (the presser is known). */
const OWN_PROPOSAL_CEILING = 13;

class CountingPlugin implements KyselyPlugin {
  readonly statements: string[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(args.node.kind);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

let t: TestApp;
let council: Council;
let meeting: PlannedMeeting;
let admin: Caller;

beforeAll(async () => {
  t = await startTestApp();
  council = await seedCouncil(t);
  meeting = await planMeeting(t, council, '2026-06-12T08:00:00.000Z');
  await recordAttendance(t, council, meeting.meetingId);
  admin = { actor: { personId: council.people.admin.id, tenantId: t.app.store.tenantId, isAdmin: true }, correlationId: 'count-setup', locale: 'sv' };
}, 60_000);

afterAll(async () => {
  await t?.close();
});

async function confirmCounted(proposer: Caller): Promise<{ statements: string[]; card: Record<string, unknown>; decisionId: string }> {
  const item = await t.app.runner.run(admin, addAgendaItem, { meetingId: meeting.meetingId, title: `Räknat ärende ${randomUUID().slice(0, 6)}`, kind: 'beslut' });
  const d = (await t.app.runner.run(proposer, proposeDecision, { meetingId: meeting.meetingId, itemId: item.id, text: 'Rådet beslutar enligt förslaget.' })).decision;
  const plugin = new CountingPlugin();
  const store = createStore(t.app.database.db.withPlugin(plugin), t.app.store.kind, t.app.store.tenantId);
  const registry = new CardActionRegistry();
  registerDecisionCardActions(registry);
  const runner = new UseCaseRunner({ ...t.app.runnerDeps, store });
  const sec = council.people.secretary.teams;
  const activity = adaptiveCardAction({
    serviceUrl: 'http://127.0.0.1:9',
    botAppId: BOT_APP_ID,
    tenantId: LOCAL_TENANT_ID,
    from: sec,
    scope: { kind: 'personal' },
    verb: 'decision.confirm',
    data: { cardId: `decision:${d.id}`, decisionId: d.id, version: d.version },
  });
  const answer = await registry.dispatch(activity as never, { config: t.app.config, runner, logger: t.app.logger });
  return { statements: plugin.statements, card: answer.value as unknown as Record<string, unknown>, decisionId: d.id };
}

describe('decision confirm statement count', () => {
  it(`confirms with at most ${CONFIRM_STATEMENT_CEILING} SQL statements`, async () => {
    const { statements, card, decisionId } = await confirmCounted(admin);
    expect(isErrorCard(card as never), cardText(card as never)).toBe(false);
    const stored = await t.app.store.read.decisions.require(decisionId);
    expect(stored.status).toBe('confirmed');
    expect(stored.confirmedBy).toBe(council.people.secretary.id);
    expect(statements.length).toBeGreaterThan(0);
    console.log(`decision confirm: ${statements.length} statements: ${statements.join(' ')}`);
    expect(statements.length).toBeLessThanOrEqual(CONFIRM_STATEMENT_CEILING);
  });

  it(`confirms the secretary's own proposal with at most ${OWN_PROPOSAL_CEILING} SQL statements, naming them`, async () => {
    const secretary: Caller = { ...admin, actor: { personId: council.people.secretary.id, tenantId: t.app.store.tenantId, isAdmin: false } };
    const { statements, card, decisionId } = await confirmCounted(secretary);
    expect(isErrorCard(card as never), cardText(card as never)).toBe(false);
    expect(cardText(card as never)).toContain(council.people.secretary.name);
    const stored = await t.app.store.read.decisions.require(decisionId);
    expect(stored.status).toBe('confirmed');
    expect(stored.proposedBy).toBe(council.people.secretary.id);
    expect(statements.length).toBeLessThanOrEqual(OWN_PROPOSAL_CEILING);
  });
});
