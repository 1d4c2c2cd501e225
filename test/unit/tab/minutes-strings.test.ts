import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../../tab/src/i18n/strings';
import { outboxError } from '../../../tab/src/pages/outbox-text';

describe('the Swedish UI says what a secretary understands', () => {
  it('no Swedish string names Graph, "held" or a Graph error code', () => {
    const bad = Object.entries(STRINGS).filter(([, v]) => /\bGraph\b|\bheld\b|resourceDisabled/i.test(v.sv));
    expect(bad).toEqual([]);
    expect(STRINGS.outbox_skipped.sv).not.toMatch(/Hoppades över/);
  });

  it('a failed publication is told in plain Swedish; Graph’s own message only in the English UI', () => {
    const graph = 'Graph 403 Forbidden: resourceDisabled (The resource is disabled)';
    expect(outboxError('sv', graph)).toBe(STRINGS.outboxError_permission.sv);
    expect(outboxError('sv', 'Specifika samverkansrådet är inte kopplat till en Teams-kanal / is not bound to a Teams channel')).toBe(STRINGS.outboxError_channel.sv);
    expect(outboxError('sv', 'ETIMEDOUT')).toBe(STRINGS.outboxError_other.sv);
    expect(outboxError('en', graph)).toBe(`${STRINGS.outboxError_permission.en} (${graph})`);
    expect(outboxError('sv', null)).toBe('');
  });

  it('every meeting status a badge shows has Swedish words', () => {
    for (const status of ['planned', 'held', 'cancelled', 'moved'] as const) expect(STRINGS[`status_${status}`].sv).toMatch(/^[A-ZÅÄÖ][a-zåäö]+$/);
  });
});
