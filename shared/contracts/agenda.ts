/** What the agenda routes take (zod; the server validates with these, the tab sends their types). */
import { z } from 'zod';
import { ITEM_KINDS } from '../domain';
import { idSchema, longText, textLine, versionSchema } from './common';
import { agendaItemInput, attachmentInput, presenterInput } from './meeting';

/** An item as a planned meeting's items are given, and where it goes. */
export const addItemInput = agendaItemInput.extend({
  /** 1-based position; default: before the closing standard items. */
  position: z.number().int().min(1).max(999).optional(),
});
export const updateItemInput = z.strictObject({
  version: versionSchema,
  title: textLine(500).optional(),
  kind: z.enum(ITEM_KINDS).optional(),
  presenters: z.array(presenterInput).max(20).optional(),
  attachments: z.array(attachmentInput).max(50).optional(),
  plannedMinutes: z.number().int().min(0).max(600).nullish(),
});
export const moveItemInput = z.strictObject({ version: versionSchema, toNumber: z.number().int().min(1).max(999) });
export const itemVersionInput = z.strictObject({ version: versionSchema });
export const notesInput = z.strictObject({ version: versionSchema, notes: longText(50_000) });
export const handoverInput = z
  .strictObject({
    /** The meeting's version the client saw (the tab); any change to the meeting makes it stale. */
    version: versionSchema.optional(),
    /**
     * Or the chair version (AgendaView.chairVersion: handovers recorded + 1), which only another handover
     * makes stale: the handover card posted when the meeting opens stays usable all meeting.
     */
    chairVersion: versionSchema.optional(),
    personId: idSchema,
    fromItemNumber: z.number().int().min(1).max(999),
    toItemNumber: z.number().int().min(1).max(999).nullish(),
  })
  .refine((h) => h.version !== undefined || h.chairVersion !== undefined, { message: 'version or chairVersion is required', path: ['version'] })
  .refine((h) => h.toItemNumber === null || h.toItemNumber === undefined || h.toItemNumber >= h.fromItemNumber, {
    message: 'toItemNumber comes before fromItemNumber',
    path: ['toItemNumber'],
  });

export type AddItemInput = z.input<typeof addItemInput>;
export type UpdateItemInput = z.infer<typeof updateItemInput>;
export type HandoverInput = z.infer<typeof handoverInput>;
