import { z } from 'zod';
import { DOCUMENT_KINDS, ITEM_KINDS, MEETING_MODES, MEETING_STATUSES } from '../domain';
import { httpsUrlSchema, idSchema, instantSchema, optionalTextLine, textLine, timeZoneSchema, versionSchema } from './common';

export const presenterInput = z.strictObject({ personId: idSchema.nullish(), name: textLine(200) });
export const attachmentInput = z.strictObject({ title: textLine(300), url: httpsUrlSchema });

export const agendaItemInput = z.strictObject({
  title: textLine(500),
  kind: z.enum(ITEM_KINDS).default('information'),
  presenters: z.array(presenterInput).max(20).default([]),
  attachments: z.array(attachmentInput).max(50).default([]),
  plannedMinutes: z.number().int().min(0).max(600).nullish(),
});

/** The meeting's Teams link as Teams gives it (https only: it is put on cards and in the kallelse). */
export const teamsJoinUrlSchema = z.url({ protocol: /^https$/ }).max(2000);

/** One body, or a gemensamt möte of up to three, each once. */
const meetingBodyIds = z
  .array(idSchema)
  .min(1)
  .max(3)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'each body once' });

export const createMeetingInput = z
  .strictObject({
    bodyIds: meetingBodyIds,
    title: optionalTextLine(300),
    documentKind: z.enum(DOCUMENT_KINDS).optional(),
    startsAt: instantSchema,
    endsAt: instantSchema,
    timeZone: timeZoneSchema.default('Europe/Stockholm'),
    place: optionalTextLine(300),
    mode: z.enum(MEETING_MODES).default('hybrid'),
    teamsJoinUrl: teamsJoinUrlSchema.nullish(),
    chairPersonId: idSchema.nullish(),
    secretaryPersonIds: z.array(idSchema).max(5).default([]),
    /** Build the standard agenda with these content items between the opening and closing items. */
    standardAgenda: z.boolean().default(true),
    items: z.array(agendaItemInput).max(100).default([]),
  })
  .refine((m) => Date.parse(m.endsAt) > Date.parse(m.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] });

export const updateMeetingInput = z.strictObject({
  version: versionSchema,
  title: optionalTextLine(300),
  documentKind: z.enum(DOCUMENT_KINDS).optional(),
  startsAt: instantSchema.optional(),
  endsAt: instantSchema.optional(),
  place: optionalTextLine(300),
  mode: z.enum(MEETING_MODES).optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  /** null removes the link. */
  teamsJoinUrl: teamsJoinUrlSchema.nullish(),
  chairPersonId: idSchema.nullish(),
  secretaryPersonIds: z.array(idSchema).max(5).optional(),
  justerarePersonIds: z.array(idSchema).max(3).optional(),
});

/**
 * A series: the same council(s), place, kind and agenda template on several dates at once (the body's
 * "Kommande möten"); created all or none.
 */
export const createMeetingSeriesInput = z
  .strictObject({
    bodyIds: meetingBodyIds,
    title: optionalTextLine(300),
    documentKind: z.enum(DOCUMENT_KINDS).optional(),
    timeZone: timeZoneSchema.default('Europe/Stockholm'),
    place: optionalTextLine(300),
    mode: z.enum(MEETING_MODES).default('hybrid'),
    teamsJoinUrl: teamsJoinUrlSchema.nullish(),
    standardAgenda: z.boolean().default(true),
    occasions: z
      .array(z.strictObject({ startsAt: instantSchema, endsAt: instantSchema }).refine((o) => Date.parse(o.endsAt) > Date.parse(o.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] }))
      .min(1)
      .max(24),
  })
  .refine((s) => new Set(s.occasions.map((o) => Date.parse(o.startsAt))).size === s.occasions.length, { message: 'each date once', path: ['occasions'] });

export type CreateMeetingSeriesInput = z.infer<typeof createMeetingSeriesInput>;
export type CreateMeetingInput = z.infer<typeof createMeetingInput>;
export type UpdateMeetingInput = z.infer<typeof updateMeetingInput>;
export type AgendaItemInput = z.infer<typeof agendaItemInput>;
