import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { validationFailed } from '../../../shared/contracts/validation-error';
import { formatMessage, toErrorBody } from '../../../shared/errors/catalog';

describe('validation errors in both languages', () => {
  const schema = z.strictObject({ name: z.string().min(1), kind: z.enum(['råd', 'chefsgrupp']) });

  it('gives the detail in Swedish to a Swedish reader and in English to an English one', () => {
    const value = { name: '', kind: 'klubb' };
    const result = schema.safeParse(value);
    expect(result.success).toBe(false);
    const body = toErrorBody(validationFailed(schema, value, result.error!), 'sv');
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.messageSv).toMatch(/^Uppgifterna är inte giltiga: name: För lite/);
    expect(body.error.messageSv).toMatch(/kind: Ogiltigt val/);
    expect(body.error.messageSv).not.toMatch(/Too small|Invalid option/);
    expect(body.error.messageEn).toMatch(/^The input is not valid: name: Too small.*kind: Invalid option/);
    expect(body.error.message).toBe(body.error.messageSv);
  });

  it('keeps a prefix (the card verb) in both', () => {
    const r = schema.safeParse({ name: 'x' });
    const e = validationFailed(schema, { name: 'x' }, r.error!, { prefix: 'decision.confirm' });
    expect(formatMessage(e.code, 'sv', e.params)).toMatch(/: decision\.confirm: kind: /);
    expect(formatMessage(e.code, 'en', e.params)).toMatch(/: decision\.confirm: kind: /);
  });

  it('uses the plain parameter for both languages when no per-language one is given', () => {
    expect(formatMessage('NOT_FOUND', 'sv', { entity: 'Mötet' })).toBe('Mötet hittades inte.');
    expect(formatMessage('VALIDATION_FAILED', 'en', { detail: 'x', detailSv: 'y' })).toBe('The input is not valid: x');
    expect(formatMessage('VALIDATION_FAILED', 'sv', { detail: 'x', detailSv: 'y' })).toBe('Uppgifterna är inte giltiga: y');
  });
});
