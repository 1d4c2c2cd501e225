import { z } from 'zod';
import { RadslagError } from '../errors/catalog';

const swedish = z.locales.sv().localeError;

/** One readable line from zod issues: "startsAt: Invalid ISO datetime; items.0.title: Too small". */
export function describeIssues(issues: readonly z.core.$ZodIssue[], max = 10): string {
  return issues
    .slice(0, max)
    .map((i) => `${i.path.length ? i.path.join('.') : '(data)'}: ${i.message}`)
    .join('; ');
}

/**
 * VALIDATION_FAILED for a value that failed `schema`, with the detail in English and Swedish: the failure
 * is parsed once more with zod's Swedish messages (only on this error path), so a Swedish reader is not
 * handed an English sentence inside a Swedish one.
 */
export function validationFailed(schema: z.ZodType, value: unknown, error: z.ZodError, opts: { prefix?: string; max?: number; data?: unknown } = {}): RadslagError {
  const prefix = opts.prefix ? `${opts.prefix}: ` : '';
  const sv = schema.safeParse(value, { error: swedish as never });
  const detailSv = sv.success ? undefined : prefix + describeIssues(sv.error.issues, opts.max);
  return new RadslagError('VALIDATION_FAILED', { detail: prefix + describeIssues(error.issues, opts.max), detailSv }, opts.data);
}
