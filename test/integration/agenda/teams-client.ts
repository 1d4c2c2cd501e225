/**
 * Drives the running app as a Teams client does: `invoke` `adaptiveCard/action` activities (built with the
 * kit's builders, serviceUrl = the Bot Connector stand-in) posted to /api/messages; every card that comes back
 * or is posted to the chat is checked with validateCard. `press` takes an Action.Execute from a card the bot
 * sent, merges the input values a person typed, and sends it, as the Teams client merges inputs into data.
 */
import { expect } from 'vitest';
import { adaptiveCardAction, botInstalledInGroupChat, botInstalledPersonal, deliverToBot, type TeamsUser } from '../../kit/activities';
import type { BotConnector } from '../../kit/bot-connector';
import { validateCard } from '../../../bot/teams/cards/validate-card';
import { LOCAL_TENANT_ID } from '../../../bot/config';

export const BOT_APP_ID = 'radslag-local';

export type Card = { type: string; body: Array<Record<string, unknown>>; actions?: Array<Record<string, unknown>>; refresh?: { action: { data: Record<string, unknown> }; userIds: string[] } };

export interface MeetingChat {
  chatId: string;
  teamsMeetingId: string;
}

export function assertValid(card: unknown, where: string): void {
  const result = validateCard(card);
  expect(result.problems, `${where}: ${JSON.stringify(result.problems)}`).toEqual([]);
  expect(result.sizeBytes).toBeLessThan(28 * 1024);
}

/** Every Action.Execute in a card (top level and inside ActionSets). */
export function actionsOf(card: Card): Array<{ verb: string; data: Record<string, unknown>; title: string }> {
  const out: Array<{ verb: string; data: Record<string, unknown>; title: string }> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.type === 'Action.Execute') out.push({ verb: n.verb as string, data: n.data as Record<string, unknown>, title: n.title as string });
    for (const [k, v] of Object.entries(n)) if (k !== 'data' && k !== 'refresh') visit(v);
  };
  visit(card.body);
  visit(card.actions ?? []);
  return out;
}

export function actionOf(card: Card, verb: string, match?: (data: Record<string, unknown>) => boolean): { verb: string; data: Record<string, unknown> } {
  const found = actionsOf(card).find((a) => a.verb === verb && (!match || match(a.data)));
  if (!found) throw new Error(`no ${verb} action on the card: ${JSON.stringify(actionsOf(card).map((a) => a.verb))}`);
  return found;
}

export function isErrorCard(card: Card): boolean {
  return /^(Det gick inte|That did not work)/.test(String(card.body?.[0]?.text ?? ''));
}

export function cardText(card: Card): string {
  return JSON.stringify(card.body);
}

export class TeamsClient {
  readonly seen: Card[] = [];
  constructor(
    readonly appUrl: string,
    readonly connector: BotConnector,
    readonly chat: MeetingChat,
  ) {}

  private base(from: TeamsUser, locale = 'sv-SE') {
    return { serviceUrl: this.connector.url, botAppId: BOT_APP_ID, tenantId: LOCAL_TENANT_ID, from, locale };
  }

  /** The bot is added to the meeting chat, and each person has a 1:1 chat (their Teams id becomes known). */
  async install(people: TeamsUser[]): Promise<void> {
    const r = await deliverToBot(`${this.appUrl}/api/messages`, botInstalledInGroupChat({ ...this.base(people[0]!), chatId: this.chat.chatId, meetingId: this.chat.teamsMeetingId }));
    expect(r.status).toBeLessThan(300);
    for (const p of people) {
      const res = await deliverToBot(`${this.appUrl}/api/messages`, botInstalledPersonal(this.base(p)));
      expect(res.status).toBeLessThan(300);
    }
  }

  /** Sends one card action; returns the card Teams would show the presser. */
  async invoke(from: TeamsUser, verb: string, data: Record<string, unknown>, opts: { id?: string; locale?: string; trigger?: 'manual' | 'automatic' } = {}): Promise<Card> {
    const activity = adaptiveCardAction({ ...this.base(from, opts.locale), ...(opts.id ? { id: opts.id } : {}), ...(opts.trigger ? { trigger: opts.trigger } : {}), scope: { kind: 'meeting', chatId: this.chat.chatId, meetingId: this.chat.teamsMeetingId }, verb, data });
    const res = await deliverToBot(`${this.appUrl}/api/messages`, activity);
    expect(res.status, res.text).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: Card };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    assertValid(body.value, `${verb} answer`);
    this.seen.push(body.value);
    return body.value;
  }

  /** Presses a button of a card with the given input values; the answer must not be an error card. */
  async press(from: TeamsUser, card: Card, verb: string, inputs: Record<string, unknown> = {}, match?: (data: Record<string, unknown>) => boolean): Promise<Card> {
    const action = actionOf(card, verb, match);
    const answer = await this.invoke(from, verb, { ...action.data, ...inputs });
    expect(isErrorCard(answer), `${verb} by ${from.name} was refused: ${cardText(answer)}`).toBe(false);
    return answer;
  }

  /** The per-role view Teams fetches through the card's refresh action for this user. */
  async refresh(from: TeamsUser, card: Card, opts: { locale?: string } = {}): Promise<Card> {
    expect(card.refresh, 'card has a refresh').toBeTruthy();
    // Teams sends it by itself when a listed user sees the card: trigger "automatic".
    return this.invoke(from, 'refresh', card.refresh!.action.data, { trigger: 'automatic', ...(opts.locale ? { locale: opts.locale } : {}) });
  }

  /** Cards the bot posted into the meeting chat (through agenda.post_card jobs), in order. */
  posted(): Card[] {
    return this.connector.sent
      .filter((s) => s.conversationId === this.chat.chatId && s.operation === 'send')
      .flatMap((s) => ((s.activity.attachments as Array<{ content: Card }> | undefined) ?? []).map((a) => a.content));
  }

  async waitForPosted(n: number, predicate: (c: Card) => boolean, timeoutMs = 10_000): Promise<Card[]> {
    const started = Date.now();
    for (;;) {
      const list = this.posted().filter(predicate);
      if (list.length >= n) {
        list.forEach((c, i) => assertValid(c, `posted card ${i}`));
        return list;
      }
      if (Date.now() - started > timeoutMs) throw new Error(`expected ${n} posted cards, got ${list.length}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
