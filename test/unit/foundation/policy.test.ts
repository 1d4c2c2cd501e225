import { describe, expect, it } from 'vitest';
import { ACTIONS, can, POLICY_REASON_TEXT, type Action, type Actor, type PolicyContext } from '../../../shared/domain';
import { authorize } from '../../../shared/services/access';

const actor = (over: Partial<Actor> = {}): Actor => ({ personId: 'p1', tenantId: 't', isAdmin: false, ...over });

describe('role policy', () => {
  it('lets only the secretary confirm and reopen decisions', () => {
    const secretary: PolicyContext = { roles: ['sekreterare'] };
    const chair: PolicyContext = { roles: ['ordförande'], isCurrentChair: true };
    const member: PolicyContext = { roles: ['ledamot'] };
    for (const action of ['decision.confirm', 'decision.reopen'] as Action[]) {
      expect(can(actor(), action, secretary).allowed).toBe(true);
      expect(can(actor(), action, chair)).toEqual({ allowed: false, reason: 'not_secretary' });
      expect(can(actor(), action, member).allowed).toBe(false);
    }
  });

  it('lets the current chair or the secretary run the agenda, not a ledamot or the chair who handed over', () => {
    expect(can(actor(), 'agenda.run', { roles: ['ledamot'], isCurrentChair: true }).allowed).toBe(true);
    expect(can(actor(), 'agenda.run', { roles: ['ordförande'], isCurrentChair: false })).toEqual({ allowed: false, reason: 'not_chair_or_secretary' });
    expect(can(actor(), 'agenda.run', { roles: ['sekreterare'] }).allowed).toBe(true);
  });

  it('lets only serving members vote, and only appointed justerare sign unlocked minutes', () => {
    expect(can(actor(), 'vote.cast', { roles: ['ersättare'], isServingMember: true }).allowed).toBe(true);
    expect(can(actor(), 'vote.cast', { roles: ['ersättare'], isServingMember: false }).allowed).toBe(false);
    expect(can(actor(), 'justering.sign', { roles: ['ledamot'], isJusterare: true }).allowed).toBe(true);
    expect(can(actor(), 'justering.sign', { roles: ['ledamot'], isJusterare: true, minutesLocked: true })).toEqual({ allowed: false, reason: 'minutes_locked' });
    expect(can(actor(), 'notes.edit', { roles: ['sekreterare'], minutesLocked: true })).toEqual({ allowed: false, reason: 'minutes_locked' });
  });

  it('lets the secretary, the chair and the justerare read an unjusterat draft; members once justerad or when the body allows', () => {
    expect(can(actor(), 'minutes.read_draft', { roles: ['sekreterare'] }).allowed).toBe(true);
    expect(can(actor(), 'minutes.read_draft', { roles: ['ledamot'], isMeetingChair: true }).allowed).toBe(true);
    expect(can(actor(), 'minutes.read_draft', { roles: ['ledamot'], isJusterare: true }).allowed).toBe(true);
    expect(can(actor(), 'minutes.read_draft', { roles: ['ledamot'] })).toEqual({ allowed: false, reason: 'draft_not_justerad' });
    expect(can(actor(), 'minutes.read_draft', { roles: ['ledamot'], minutesLocked: true }).allowed).toBe(true);
    expect(can(actor(), 'minutes.read_draft', { roles: ['ersättare'], draftReaders: 'members' }).allowed).toBe(true);
    expect(can(actor(), 'minutes.read_draft', { roles: [], draftReaders: 'members' })).toEqual({ allowed: false, reason: 'not_member' });
  });

  it('refuses everything but reading to nobody-in-particular, and admin-only actions to a secretary', () => {
    const outsider: PolicyContext = { roles: [] };
    for (const a of ACTIONS) {
      const d = can(actor({ personId: null }), a, outsider);
      if (a === 'person.export') continue;
      expect(d.allowed, a).toBe(false);
    }
    expect(can(actor(), 'body.manage', { roles: ['sekreterare'] }).allowed).toBe(false);
    expect(can(actor({ isAdmin: true }), 'body.manage', { roles: [] }).allowed).toBe(true);
  });

  it('answers every action with a reason text in both languages when refused', () => {
    for (const a of ACTIONS) {
      const d = can(actor({ personId: null }), a, { roles: [], isSelf: false });
      if (!d.allowed) {
        expect(d.reason).toBeDefined();
        expect(POLICY_REASON_TEXT[d.reason!].sv.length).toBeGreaterThan(5);
        expect(POLICY_REASON_TEXT[d.reason!].en.length).toBeGreaterThan(5);
      }
    }
  });

  it('authorize throws FORBIDDEN carrying the reason in Swedish and English', () => {
    expect(() => authorize(actor(), 'decision.confirm', { roles: ['ledamot'] })).toThrow(/only the secretary/);
    try {
      authorize(actor(), 'decision.confirm', { roles: ['ledamot'] });
    } catch (e) {
      expect(e).toMatchObject({ code: 'FORBIDDEN', params: { reasonSv: 'bara sekreteraren får göra det' } });
    }
  });
});
