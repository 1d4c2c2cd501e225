import { z } from 'zod';
import { AGENDA_LAYOUTS, MINUTES_DRAFT_READERS, BODY_KINDS, DOCUMENT_KINDS, MEMBERSHIP_ROLES, MINUTES_TITLE_STYLES, ORGANISATION_KINDS, UPCOMING_PLACEMENTS } from '../domain';
import { calendarDateSchema, emailSchema, idSchema, optionalTextLine, textLine, versionSchema } from './common';

export const createOrganisationInput = z.strictObject({
  name: textLine(200),
  kind: z.enum(ORGANISATION_KINDS),
  aliases: z.array(textLine(200)).max(20).default([]),
});

export const createBodyInput = z.strictObject({
  name: textLine(300),
  kind: z.enum(BODY_KINDS),
  shortName: optionalTextLine(100),
  defaultDocumentKind: z.enum(DOCUMENT_KINDS).default('protokoll'),
  absenceContact: optionalTextLine(300),
  /** The minutes' layout for this body (see bot/store/migrations/0810_minutes_layout.sql). */
  minutesTitleStyle: z.enum(MINUTES_TITLE_STYLES).nullish(),
  agendaLayout: z.enum(AGENDA_LAYOUTS).optional(),
  upcomingPlacement: z.enum(UPCOMING_PLACEMENTS).optional(),
  serviceUnit: optionalTextLine(300),
  /** Who reads drafts before justering (bot/store/migrations/0990_minutes_draft_readers.sql). */
  minutesDraftReaders: z.enum(MINUTES_DRAFT_READERS).nullish(),
});
/**
 * A change names only what changes: the create schema's default document kind would otherwise be filled in
 * (zod applies defaults inside partial) and reset a council's minnesanteckningar to protokoll on any save.
 */
export const updateBodyInput = createBodyInput.extend({ defaultDocumentKind: z.enum(DOCUMENT_KINDS) }).partial().extend({ version: versionSchema });

export const createPersonInput = z.strictObject({
  name: textLine(200),
  email: emailSchema.nullish(),
  aadObjectId: z.uuid().nullish(),
  userPrincipalName: z.string().max(320).nullish(),
  title: optionalTextLine(300),
  organisationId: idSchema.nullish(),
  locale: z.enum(['sv', 'en']).nullish(),
});
export const updatePersonInput = createPersonInput.partial().extend({ version: versionSchema });

export const createMembershipInput = z.strictObject({
  personId: idSchema.nullable(),
  role: z.enum(MEMBERSHIP_ROLES),
  organisationId: idSchema.nullish(),
  title: optionalTextLine(300),
  substituteOrder: z.number().int().min(1).max(99).nullish(),
  substituteForPersonId: idSchema.nullish(),
  from: calendarDateSchema.nullish(),
  to: calendarDateSchema.nullish(),
  position: z.number().int().min(1).max(100_000).nullish(),
});
export const updateMembershipInput = createMembershipInput.partial().extend({ version: versionSchema });

export type CreateOrganisationInput = z.infer<typeof createOrganisationInput>;
export type CreateBodyInput = z.infer<typeof createBodyInput>;
export type UpdateBodyInput = z.infer<typeof updateBodyInput>;
export type CreatePersonInput = z.infer<typeof createPersonInput>;
export type UpdatePersonInput = z.infer<typeof updatePersonInput>;
export type CreateMembershipInput = z.infer<typeof createMembershipInput>;
export type UpdateMembershipInput = z.infer<typeof updateMembershipInput>;
