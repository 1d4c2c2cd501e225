import { describe, expect, it } from 'vitest';
import { clockText, stepKey } from '../../../tab/src/pages/call-in-list';
import { translate } from '../../../tab/src/i18n/strings';

describe('a call-in step as the secretary reads it', () => {
  it('tells apart the three reasons a step is "skipped"', () => {
    expect(stepKey({ state: 'skipped', askedAt: null }, 'open')).toBe('step_skipped');
    expect(stepKey({ state: 'skipped', askedAt: '2026-12-04T21:40:00.000Z' }, 'filled')).toBe('step_passed_over');
    expect(stepKey({ state: 'skipped', askedAt: null }, 'cancelled')).toBe('step_withdrawn');
    expect(stepKey({ state: 'asked', askedAt: '2026-12-04T21:40:00.000Z' }, 'open')).toBe('step_asked');
  });

  it('a step the secretary settled with "Sätt som tjänstgörande" reads as put in by the secretary, not as a yes', () => {
    const at = '2026-12-04T21:40:00.000Z';
    expect(stepKey({ state: 'accepted', askedAt: at, putInBySecretary: true }, 'filled')).toBe('step_put_in');
    expect(stepKey({ state: 'accepted', askedAt: at, putInBySecretary: false }, 'filled')).toBe('step_accepted');
    expect(translate('sv', 'step_put_in', { time: clockText(at, 'sv', 'Europe/Stockholm') })).toBe('insatt av sekreteraren kl. 22.40');
    expect(translate('en', 'step_put_in', { time: clockText(at, 'en', 'Europe/Stockholm') })).toBe('put in by the secretary at 22:40');
  });

  it('writes the time as the minutes do: "kl. 22.40" in Swedish, "at 22:40" in English', () => {
    const at = '2026-12-04T21:40:00.000Z';
    expect(translate('sv', 'step_asked', { time: clockText(at, 'sv', 'Europe/Stockholm') })).toBe('tillfrågad kl. 22.40, inget svar än');
    expect(translate('en', 'step_accepted', { time: clockText(at, 'en', 'Europe/Stockholm') })).toBe('accepted at 22:40');
  });
});
