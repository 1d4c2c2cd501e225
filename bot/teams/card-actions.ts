/**
 * The one registry of Adaptive Card action verbs (Action.Execute / Universal Actions).
 *
 * Every verb has two zod schemas:
 * - `data`: what the card puts in `Action.Execute.data` when it is built (checked by validate-card), and
 * - `inputs`: the values of the card's Input.* elements (keyed by input id) that Teams merges into `data`
 *   when the user presses the button. The full schema the server parses is `data` + `inputs`.
 * Every `data` carries `cardId` (the card instance, chosen by whoever sends the card) and, where the action
 * edits an entity that others may edit too, the entity `version` for optimistic concurrency.
 * Ids are strings. Input values arrive as strings from Teams, so numbers and lists are parsed here.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { RadslagError } from '../../shared/errors/catalog';
import { describeIssues, validationFailed } from '../../shared/contracts/validation-error';
import { STANDARD_DECISION_KEYS } from '../../shared/domain/decision';

const id = z.string().min(1).max(200);
const version = z.number().int().nonnegative();
const cardId = z.string().min(1).max(200);
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => (s ? s : undefined));
/** Input.Number/ChoiceSet values come as strings; an empty string means "not given". */
const optionalIntInput = (min: number, max: number) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected an integer ${min}–${max}` });
        return z.NEVER;
      }
      return n;
    });
/** A multi-select Input.ChoiceSet answers "id1,id2"; we hand the handler a list. */
const idListInput = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(',').map((x) => x.trim()).filter((x) => x.length > 0) : []));
const calendarDateInput = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (!s) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'expected a date YYYY-MM-DD' });
      return z.NEVER;
    }
    return s;
  });

const yesNo = z.enum(['ja', 'nej']);

/** What a refresh asks the bot to render again (the per-role views). */
export const REFRESH_CARD_KINDS = ['decision', 'vote', 'item', 'kallelse_rsvp', 'callin_chain', 'justering', 'checkin'] as const;
export type RefreshCardKind = (typeof REFRESH_CARD_KINDS)[number];

const empty = z.object({});

interface VerbSpec<D extends z.ZodObject, I extends z.ZodObject> {
  data: D;
  inputs: I;
  /**
   * Fields (of data + inputs) that make a second press by the same user on the same card a new action
   * rather than a redelivery; see idempotencyKeyFor.
   */
  keyFields: readonly string[];
  /** Cross-field rules on the merged value. */
  refine?: (value: z.output<D> & z.output<I>, ctx: z.RefinementCtx) => void;
}

function verb<D extends z.ZodObject, I extends z.ZodObject>(spec: VerbSpec<D, I>): VerbSpec<D, I> {
  return spec;
}

export const CARD_ACTIONS = {
  // --- conversation: binding, kallelse, förhinder, call-in, attendance ---
  'kallelse.rsvp': verb({
    data: z.object({
      cardId,
      meetingId: id,
      personId: id,
      answer: z.enum(['kommer', 'forhinder', 'delvis']),
      /** Version of the person's attendance record when the card was rendered (0 when none yet). */
      answerVersion: version,
    }),
    inputs: z.object({ rsvpNote: optionalText(500) }),
    keyFields: ['answer', 'rsvpNote', 'answerVersion'],
    refine: (v, ctx) => {
      if (v.answer === 'delvis' && !v.rsvpNote)
        ctx.addIssue({ code: 'custom', path: ['rsvpNote'], message: 'partial attendance needs items or times' });
    },
  }),
  'absence.undo': verb({
    data: z.object({ cardId, attendanceId: id, version }),
    inputs: empty,
    keyFields: [],
  }),
  'absence.choose_meeting': verb({
    data: z.object({ cardId, requestId: id, meetingId: id }),
    inputs: empty,
    keyFields: [],
  }),
  'absence.choose_all': verb({
    data: z.object({ cardId, requestId: id }),
    inputs: empty,
    keyFields: [],
  }),
  'absence.decline': verb({
    data: z.object({ cardId, requestId: id }),
    inputs: empty,
    keyFields: [],
  }),
  'callin.answer': verb({
    data: z.object({ cardId, callInId: id, answer: yesNo, version }),
    inputs: empty,
    keyFields: [],
  }),
  'binding.confirm': verb({
    data: z.object({ cardId, teamId: id, channelId: id.optional(), bodyId: id }),
    inputs: empty,
    keyFields: [],
  }),
  'binding.choose_body': verb({
    data: z.object({ cardId, teamId: id, channelId: id.optional() }),
    inputs: z.object({ bindingBodyId: optionalText(200), bindingNewBodyName: optionalText(200) }),
    keyFields: [],
    refine: (v, ctx) => {
      if (!v.bindingBodyId === !v.bindingNewBodyName)
        ctx.addIssue({ code: 'custom', path: ['bindingBodyId'], message: 'choose one body or name a new one' });
    },
  }),
  'meeting.link_confirm': verb({
    data: z.object({ cardId, meetingId: id, teamsMeetingId: id, answer: yesNo, version }),
    inputs: empty,
    keyFields: [],
  }),
  checkin: verb({
    data: z.object({ cardId, meetingId: id }),
    inputs: empty,
    keyFields: [],
  }),
  'person.match_confirm': verb({
    data: z.object({ cardId, matchId: id, personId: id, answer: yesNo }),
    inputs: empty,
    keyFields: [],
  }),
  // --- the meeting: agenda, decisions, votes, tasks, evaluation, justering ---
  'item.start': verb({
    data: z.object({ cardId, meetingId: id, itemId: id, version }),
    inputs: empty,
    keyFields: ['version'],
  }),
  'item.finish': verb({
    data: z.object({ cardId, meetingId: id, itemId: id, version }),
    inputs: empty,
    keyFields: ['version'],
  }),
  'item.back': verb({
    data: z.object({ cardId, meetingId: id, itemId: id, version }),
    inputs: empty,
    keyFields: ['version'],
  }),
  'chair.handover': verb({
    data: z.object({ cardId, meetingId: id, version }),
    inputs: z.object({
      handoverPersonId: text(200),
      handoverFromItem: optionalIntInput(1, 999),
      handoverToItem: optionalIntInput(1, 999),
    }),
    keyFields: ['handoverPersonId', 'handoverFromItem', 'handoverToItem', 'version'],
    refine: (v, ctx) => {
      if (v.handoverFromItem === undefined)
        ctx.addIssue({ code: 'custom', path: ['handoverFromItem'], message: 'from which item' });
      else if (v.handoverToItem !== undefined && v.handoverToItem < v.handoverFromItem)
        ctx.addIssue({ code: 'custom', path: ['handoverToItem'], message: 'the last item comes before the first' });
    },
  }),
  'decision.propose': verb({
    data: z.object({ cardId, meetingId: id, itemId: id }),
    inputs: z.object({ decisionText: text(4000) }),
    keyFields: ['decisionText'],
  }),
  'decision.confirm': verb({
    data: z.object({ cardId, decisionId: id, version }),
    inputs: empty,
    keyFields: ['version'],
  }),
  'decision.edit': verb({
    data: z.object({ cardId, decisionId: id, version }),
    inputs: z.object({ decisionText: text(4000) }),
    keyFields: ['version', 'decisionText'],
  }),
  'decision.reopen': verb({
    data: z.object({ cardId, decisionId: id, version }),
    inputs: empty,
    keyFields: ['version'],
  }),
  'decision.standard': verb({
    data: z.object({ cardId, meetingId: id, itemId: id, standardKey: z.enum(STANDARD_DECISION_KEYS) }),
    inputs: z.object({ justerarePersonIds: idListInput }),
    keyFields: ['standardKey', 'justerarePersonIds'],
    refine: (v, ctx) => {
      if (v.standardKey === 'justerare_elected' && (v.justerarePersonIds.length < 1 || v.justerarePersonIds.length > 3))
        ctx.addIssue({ code: 'custom', path: ['justerarePersonIds'], message: 'choose one to three verifiers' });
    },
  }),
  'vote.open': verb({
    data: z.object({ cardId, decisionId: id, version }),
    inputs: z.object({ voteQuestion: optionalText(500) }),
    keyFields: ['version'],
  }),
  'vote.cast': verb({
    data: z.object({ cardId, decisionId: id, choice: z.enum(['ja', 'nej', 'avstår']) }),
    inputs: empty,
    keyFields: [],
  }),
  'vote.close': verb({
    data: z.object({ cardId, decisionId: id, version }),
    inputs: empty,
    keyFields: [],
  }),
  'reservation.add': verb({
    data: z.object({ cardId, decisionId: id }),
    inputs: z.object({ reservationText: optionalText(2000) }),
    keyFields: [],
  }),
  'recusal.add': verb({
    data: z.object({ cardId, meetingId: id, itemId: id }),
    inputs: z.object({ recusalPersonId: text(200), recusalNote: optionalText(500) }),
    keyFields: ['recusalPersonId'],
  }),
  'task.create': verb({
    data: z.object({ cardId, meetingId: id, itemId: id.optional() }),
    inputs: z.object({
      taskText: text(1000),
      taskOwnerPersonId: optionalText(200),
      taskOwnerName: optionalText(200),
      taskDueDate: calendarDateInput,
    }),
    keyFields: ['taskText', 'taskOwnerPersonId', 'taskOwnerName', 'taskDueDate'],
  }),
  'evaluation.submit': verb({
    data: z.object({ cardId, meetingId: id }),
    inputs: z.object({
      evalWorked: optionalText(2000),
      evalHindered: optionalText(2000),
      evalScore: optionalIntInput(1, 5),
    }),
    keyFields: [],
    refine: (v, ctx) => {
      if (!v.evalWorked && !v.evalHindered && v.evalScore === undefined)
        ctx.addIssue({ code: 'custom', path: ['evalWorked'], message: 'write something or choose a score' });
    },
  }),
  'justering.sign': verb({
    data: z.object({ cardId, meetingId: id, minutesVersion: version }),
    inputs: empty,
    keyFields: ['minutesVersion'],
  }),
  'justering.request_change': verb({
    data: z.object({ cardId, meetingId: id, minutesVersion: version }),
    inputs: z.object({ changeComment: text(4000) }),
    keyFields: ['minutesVersion', 'changeComment'],
  }),
  refresh: verb({
    data: z.object({ cardId, cardKind: z.enum(REFRESH_CARD_KINDS), entityId: id }),
    inputs: empty,
    keyFields: [],
  }),
} as const;

export type CardVerb = keyof typeof CARD_ACTIONS;
export const CARD_VERBS = Object.keys(CARD_ACTIONS) as CardVerb[];

type Spec<V extends CardVerb> = (typeof CARD_ACTIONS)[V];
/** What a card puts in Action.Execute.data for this verb (before Teams merges inputs). */
export type CardStaticData<V extends CardVerb> = z.input<Spec<V>['data']>;
/** The parsed, merged data a handler receives. */
export type CardActionData<V extends CardVerb> = z.output<Spec<V>['data']> & z.output<Spec<V>['inputs']>;
/** The input ids a verb reads; cards must name their Input elements with these. */
export type CardInputId<V extends CardVerb> = keyof z.input<Spec<V>['inputs']> & string;

export type ParsedCardAction = { [V in CardVerb]: { verb: V; data: CardActionData<V> } }[CardVerb];

export function isCardVerb(v: unknown): v is CardVerb {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(CARD_ACTIONS, v);
}

function fullSchema(v: CardVerb): z.ZodType {
  const spec = CARD_ACTIONS[v] as VerbSpec<z.ZodObject, z.ZodObject>;
  const merged = spec.data.extend(spec.inputs.shape);
  const refine = spec.refine;
  return refine ? merged.superRefine((val, ctx) => refine(val as never, ctx)) : merged;
}

/**
 * Built once at load and never changed: building the merged schema per invoke cost more than the parse (zod
 * also compiles its fast path per schema instance, so a fresh instance each time never reuses it).
 */
const FULL_SCHEMAS: Readonly<Record<CardVerb, z.ZodType>> = Object.freeze(
  Object.fromEntries((Object.keys(CARD_ACTIONS) as CardVerb[]).map((v) => [v, fullSchema(v)])) as Record<CardVerb, z.ZodType>,
);

/**
 * Parses an invoke's verb and data (action data merged with input values) into a typed action.
 * Unknown keys (inputs of other actions on the same card, Teams additions) are dropped.
 * @throws RadslagError('VALIDATION_FAILED') for an unknown verb or data failing its schema.
 */
export function parseCardAction(verbName: unknown, data: unknown): ParsedCardAction {
  if (!isCardVerb(verbName)) {
    const shown = JSON.stringify(String(verbName)).slice(0, 80);
    throw new RadslagError('VALIDATION_FAILED', { detail: `unknown card action ${shown}`, detailSv: `okänd kortåtgärd ${shown}` });
  }
  const result = FULL_SCHEMAS[verbName].safeParse(data ?? {});
  if (!result.success) {
    throw validationFailed(FULL_SCHEMAS[verbName], data ?? {}, result.error, { prefix: verbName, max: 5 });
  }
  return { verb: verbName, data: result.data } as ParsedCardAction;
}

/**
 * Checks the static data a card puts on an Action.Execute (strictly: unknown keys are a builder bug).
 * Returns the problems, empty when valid. Used by validate-card.
 */
export function checkStaticCardData(verbName: string, data: unknown): string[] {
  if (!isCardVerb(verbName)) return [`unknown verb "${verbName}"`];
  const spec = CARD_ACTIONS[verbName] as VerbSpec<z.ZodObject, z.ZodObject>;
  const result = spec.data.strict().safeParse(data);
  return result.success ? [] : [`${verbName}: ${describeIssues(result.error.issues, 5)}`];
}

/** The input ids a verb reads (for validate-card to check the card has them). */
export function inputIdsOf(verbName: CardVerb): { required: string[]; optional: string[] } {
  const spec = CARD_ACTIONS[verbName] as VerbSpec<z.ZodObject, z.ZodObject>;
  const required: string[] = [];
  const optional: string[] = [];
  for (const [key, schema] of Object.entries(spec.inputs.shape)) {
    // safeParse(undefined) succeeding means the input may be absent.
    ((schema as z.ZodType).safeParse(undefined).success ? optional : required).push(key);
  }
  return { required, optional };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The idempotency key of a card action: `card:<verb>:<cardId>:<user>` so that Teams redelivering the same
 * invoke has no second effect — plus, for verbs where the same user may legitimately press again on the
 * same card with a different meaning, a hash of the verb's `keyFields`:
 * - kallelse.rsvp: an answer may change (Jag kommer, then Förhinder, then Jag kommer again). The hash covers
 *   the answer, the note and `answerVersion` — the version of the person's attendance when the card was
 *   rendered. The bot answers every press with the card re-rendered at the new version, so a third press
 *   that returns to the first answer is a new key, while a redelivery of one press is the same key.
 * - decision.confirm/edit/reopen, item.*, justering.*, vote.open, chair.handover: the entity version is in
 *   the key, so confirm → reopen → confirm on one card are three actions, a redelivery is one.
 * - decision.propose / decision.standard / recusal.add / task.create / justering.request_change: one card
 *   may create several things (two tasks from one item card), so the content is in the key.
 * - Final answers have no hash: callin.answer, vote.cast (a cast vote is not changed), absence.*,
 *   binding.*, meeting.link_confirm, checkin, reservation.add, evaluation.submit, person.match_confirm.
 *   A second, different press is treated as the first; the handler answers with the current card.
 * `refresh` is read-only and has no key (null): rendering twice is harmless.
 */
export function idempotencyKeyFor(args: {
  verb: CardVerb;
  cardId: string;
  userAadObjectId: string;
  data: Record<string, unknown>;
}): string | null {
  if (args.verb === 'refresh') return null;
  const base = `card:${args.verb}:${args.cardId}:${args.userAadObjectId}`;
  const fields = CARD_ACTIONS[args.verb].keyFields;
  if (fields.length === 0) return base;
  const picked: Record<string, unknown> = {};
  for (const f of fields) picked[f] = args.data[f];
  const hash = createHash('sha256').update(canonical(picked)).digest('hex').slice(0, 16);
  return `${base}:${hash}`;
}
