import { describe, expect, it } from 'vitest';
import { writtenAt } from '../../../bot/teams/radslag-bot';

/** The message's own time and the sender's offset, as botbuilder hands the activity over (raw strings kept). */
describe('writtenAt: the time a Teams message was written', () => {
  const activity = (extra: Record<string, unknown>) => extra as never;

  it('reads timestamp (UTC) and the offset of localTimestamp', () => {
    expect(writtenAt(activity({ rawTimestamp: '2025-03-07T09:00:00.000Z', rawLocalTimestamp: '2025-03-07T10:00:00.000+01:00' }))).toEqual({ sentAt: '2025-03-07T09:00:00.000Z', senderUtcOffsetMinutes: 60 });
    expect(writtenAt(activity({ rawTimestamp: '2025-06-07T09:00:00Z', rawLocalTimestamp: '2025-06-07T04:00:00-05:00' }))).toEqual({ sentAt: '2025-06-07T09:00:00.000Z', senderUtcOffsetMinutes: -300 });
    expect(writtenAt(activity({ timestamp: '2025-06-07T09:00:00Z', localTimestamp: '2025-06-07T14:30:00+05:30' }))).toEqual({ sentAt: '2025-06-07T09:00:00.000Z', senderUtcOffsetMinutes: 330 });
    expect(writtenAt(activity({ rawTimestamp: '2025-06-07T09:00:00Z', rawLocalTimestamp: '2025-06-07T09:00:00Z' }))).toEqual({ sentAt: '2025-06-07T09:00:00.000Z', senderUtcOffsetMinutes: 0 });
  });

  it('leaves out what Teams did not send or sent broken (the bot then uses its clock and the meeting zone)', () => {
    expect(writtenAt(activity({}))).toEqual({});
    expect(writtenAt(activity({ rawTimestamp: 'not a time', rawLocalTimestamp: 'yesterday' }))).toEqual({});
    expect(writtenAt(activity({ timestamp: new Date('2025-03-07T09:00:00Z') }))).toEqual({ sentAt: '2025-03-07T09:00:00.000Z' });
  });
});

describe('messageTime: a förhinder is read as of when it was written', () => {
  const ctx = { clock: { now: () => new Date('2025-03-12T08:00:00.000Z') } };
  it('takes the message time when it is not in the future, else the clock', async () => {
    const { messageTime } = await import('../../../shared/services/absence-service');
    expect(messageTime(ctx, '2025-03-07T09:00:00.000Z').toISOString()).toBe('2025-03-07T09:00:00.000Z');
    // A skewed client clock ahead of the server is not believed.
    expect(messageTime(ctx, '2025-03-12T09:00:00.000Z').toISOString()).toBe('2025-03-12T08:00:00.000Z');
    expect(messageTime(ctx, undefined).toISOString()).toBe('2025-03-12T08:00:00.000Z');
    expect(messageTime(ctx, 'garbage').toISOString()).toBe('2025-03-12T08:00:00.000Z');
  });
});
