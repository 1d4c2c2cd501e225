/**
 * Members are matched to the roster when a channel is bound: by Entra object id, by UPN / e-mail (linked at
 * once), else by a similar name — asked once of that Teams user, linked only on "Ja". Matched members get a
 * stored 1:1 reference, so the kallelse reaches them even if they never wrote to the bot (a 1:1 conversation
 * is opened through the Bot Connector). A guest from another organisation's tenant is a member like anyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptiveCardAction, botInstalledInTeam, personalMessage, teamsUserId } from '../../kit/activities';
import { CHEF, P, TENANT, cardOf, startBotHarness, type BotHarness } from './bot-fixture';

describe('roster matching on binding', () => {
  let h: BotHarness;
  const TEAM = '19:team-chef@thread.tacv2';
  const lina = { aadObjectId: 'bbbbbbbb-0000-0000-0000-00000000001a', name: 'Lina Länk' };
  const bechet = { aadObjectId: 'bbbbbbbb-0000-0000-0000-00000000002b', name: 'Bechet Barsom' };
  const stranger = { aadObjectId: 'bbbbbbbb-0000-0000-0000-00000000003c', name: 'Mona Främling' };

  beforeAll(async () => {
    h = await startBotHarness();
    await h.t.app.store.transaction(async (tx) => {
      for (const [id, name, email] of [
        ['p-lina', 'Lina Länk', 'lina.lank@kumla.example'],
        ['p-behcet', 'Behcet Barsom', 'behcet@rfsisu.example'],
      ] as const) {
        await tx.people.insert({ id, tenantId: TENANT, name, email, aadObjectId: null, userPrincipalName: null, title: null, organisationId: 'org-kumla', isAdmin: false, locale: 'sv', version: 1 });
        await tx.memberships.insert({ id: `m-${id}`, tenantId: TENANT, bodyId: CHEF, personId: id, role: 'ledamot', organisationId: 'org-kumla', title: null, substituteOrder: null, substituteForPersonId: null, from: null, to: null, version: 1 });
      }
    });
    h.connector.setMembers(TEAM, [
      { id: teamsUserId(P.sara.user), name: P.sara.name, aadObjectId: P.sara.aad },
      // Lina's UPN is her roster e-mail: identity, linked at once.
      { id: teamsUserId(lina), name: lina.name, aadObjectId: lina.aadObjectId, userPrincipalName: 'lina.lank@kumla.example' },
      // A guest from RF-SISU's tenant, spelled differently than on the roster ("Bechet"/"Behcet").
      { id: teamsUserId(bechet), name: bechet.name, aadObjectId: bechet.aadObjectId, email: 'bechet.barsom@rfsisu.se', userRole: 'guest' },
      { id: teamsUserId(stranger), name: stranger.name, aadObjectId: stranger.aadObjectId },
    ]);
  }, 60_000);
  afterAll(async () => h?.close());

  it('binding reads the team roster: identity links at once, a similar name is asked once and linked on Ja', async () => {
    await h.deliver(botInstalledInTeam({ ...h.base(P.sara, { id: 'rm-1' }), teamId: TEAM, teamName: 'Chefsgruppen folkhälsa' }));
    await h.drain();
    const chooser = cardOf(h.connector.sent.filter((s) => s.conversationId === TEAM).at(-1)!.activity) as { actions: Array<{ verb: string; data: Record<string, unknown> }> };
    const suggested = JSON.stringify(chooser);
    expect(suggested).toContain('binding.choose_body');
    const action = chooser.actions.find((a) => a.verb === 'binding.choose_body')!;
    const r = await h.deliver(adaptiveCardAction({ ...h.base(P.sara), scope: { kind: 'channel', teamId: TEAM, channelId: TEAM }, verb: action.verb, data: { ...action.data, bindingBodyId: CHEF } }));
    expect(r.status).toBe(200);
    await h.drain();

    expect((await h.t.app.store.read.people.require('p-lina')).aadObjectId).toBe(lina.aadObjectId);
    // Not linked by name alone.
    expect((await h.t.app.store.read.people.require('p-behcet')).aadObjectId).toBeNull();
    const opened = h.connector.conversations.map((c) => (c.parameters.members as Array<{ id: string }>)[0]!.id);
    expect(opened).toContain(teamsUserId(bechet));
    expect(opened).not.toContain(teamsUserId(stranger));
    const ask = h.connector.sent.find((s) => JSON.stringify(s.activity).includes('person.match_confirm'))!;
    const card = cardOf(ask.activity) as { actions: Array<{ verb: string; data: Record<string, unknown> }> };
    expect(JSON.stringify(card)).toContain('Behcet Barsom');
    const yes = card.actions.find((a) => a.data.answer === 'ja')!;
    // Someone else cannot answer for him.
    const foreign = await h.deliver(adaptiveCardAction({ ...h.base(P.anna), scope: { kind: 'personal' }, verb: yes.verb, data: yes.data }));
    expect(JSON.stringify(foreign.body)).toContain('FORBIDDEN');
    const ok = await h.deliver(adaptiveCardAction({ ...h.base(P.anna), from: bechet, scope: { kind: 'personal', conversationId: ask.conversationId }, verb: yes.verb, data: yes.data }));
    expect(JSON.stringify(ok.body)).toContain('du är kopplad');
    expect((await h.t.app.store.read.people.require('p-behcet')).aadObjectId).toBe(bechet.aadObjectId);
  });

  it('the kallelse reaches matched members who never wrote to the bot; an unknown user is told, not guessed', async () => {
    const k = await h.t.api('/api/v1/meetings/C2/kallelse', { as: 'p-sara@kumla.example', method: 'POST' });
    const result = (await k.json()) as { sent: Array<{ personId: string }>; unreachable: Array<{ personId: string }> };
    expect(result.sent.map((s) => s.personId)).toEqual(expect.arrayContaining(['p-lina', 'p-behcet']));
    await h.drain();
    const linaConv = h.connector.conversations.find((c) => (c.parameters.members as Array<{ id: string }>)[0]!.id === teamsUserId(lina))!;
    expect(h.connector.sent.some((s) => s.conversationId === linaConv.id && JSON.stringify(s.activity).includes('kallelse.rsvp'))).toBe(true);
    // The conversation id learned on first send is kept: the next send does not open another one.
    expect((await h.t.app.store.read.conversationRefs.get(`personal:${lina.aadObjectId}`))!.reference.conversationId).toBe(linaConv.id);

    await h.deliver(personalMessage({ ...h.base(P.anna, { id: 'rm-unknown' }), from: stranger, text: 'Förhinder 27/3' }));
    await h.drain();
    expect(await h.t.app.store.read.attendance.findBy({ meetingId: 'C2' })).toEqual([]);
    expect(JSON.stringify(h.connector.sent.at(-1)!.activity)).toContain('Jag hittar dig inte');
  });
});
