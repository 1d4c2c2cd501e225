import { z } from 'zod';

export const idSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/, 'invalid id');
export const instantSchema = z.iso.datetime({ offset: true });
export const calendarDateSchema = z.iso.date();
/** Names and titles as people write them; control characters are refused. */
export const textLine = (max = 300) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'control characters are not allowed');
export const optionalTextLine = (max = 300) => textLine(max).nullish();
export const longText = (max = 50_000) =>
  z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'control characters are not allowed');
export const versionSchema = z.number().int().min(1);
export const emailSchema = z.email().max(320);
export const httpsUrlSchema = z.url({ protocol: /^https?$/ }).max(2000);
