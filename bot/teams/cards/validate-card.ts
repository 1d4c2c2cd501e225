/**
 * The one check every card the product emits must pass (used by tests and available to senders):
 * - the adaptivecards library parses it with no serialization warnings or errors, and its property
 *   validation reports nothing (duplicate input ids, required inputs without labels, …);
 * - version 1.5, Teams-supported elements only;
 * - every action is Action.Execute with a verb from the registry and `data` that passes the verb's schema;
 *   inputs a verb requires exist on the card (unless the button sends no inputs);
 * - refresh uses the `refresh` verb and lists at most 60 users (Teams' limit);
 * - the JSON is under 28 KB.
 * The adaptivecards package's main entry does not load in Node 20, but its UMD bundle does and needs no
 * DOM for parsing, so we load `adaptivecards/dist/adaptivecards.js` through createRequire.
 */
import { createRequire } from 'node:module';
import { checkStaticCardData, inputIdsOf, isCardVerb } from '../card-actions';
import { CARD_SIZE_LIMIT_BYTES, REFRESH_USER_LIMIT, cardSizeBytes } from './card-kit';

interface AcEvent {
  event: number;
  message: string;
}
interface AcLibrary {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: AcEvent[] } };
  SerializationContext: new (targetVersion?: unknown) => { eventCount: number; getEventAt(i: number): AcEvent };
  Versions: { v1_5: unknown };
  ValidationEvent: Record<number, string>;
}

const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as AcLibrary;

/** Elements Teams renders in Adaptive Cards 1.5 (no Media, no 1.6+ elements). */
export const TEAMS_ELEMENT_TYPES: ReadonlySet<string> = new Set([
  'TextBlock',
  'RichTextBlock',
  'TextRun',
  'Image',
  'ImageSet',
  'Container',
  'ColumnSet',
  'Column',
  'FactSet',
  'ActionSet',
  'Table',
  'TableRow',
  'TableCell',
  'Input.Text',
  'Input.Number',
  'Input.Date',
  'Input.Time',
  'Input.Toggle',
  'Input.ChoiceSet',
]);

export type CardProblemKind = 'serialization' | 'validation' | 'version' | 'element' | 'action' | 'data' | 'inputs' | 'refresh' | 'size';

export interface CardProblem {
  kind: CardProblemKind;
  message: string;
}

export interface CardCheckResult {
  valid: boolean;
  problems: CardProblem[];
  sizeBytes: number;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Visits every typed object in the card (elements, actions, text runs), not descending into action data. */
function visitTyped(node: unknown, visit: (obj: Json, path: string) => void, path: string): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => visitTyped(child, visit, `${path}[${i}]`));
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.type === 'string') visit(node, path);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'data' && typeof node.type === 'string' && node.type.startsWith('Action.')) continue;
    visitTyped(value, visit, `${path}.${key}`);
  }
}

export function validateCard(card: unknown): CardCheckResult {
  const problems: CardProblem[] = [];
  const sizeBytes = cardSizeBytes(card);
  if (!isObject(card)) {
    return { valid: false, problems: [{ kind: 'serialization', message: 'a card must be a JSON object' }], sizeBytes };
  }

  // 1. The library's own parse and property validation.
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  try {
    parsed.parse(card, ctx);
    for (let i = 0; i < ctx.eventCount; i++) {
      const e = ctx.getEventAt(i);
      problems.push({ kind: 'serialization', message: `${AC.ValidationEvent[e.event] ?? e.event}: ${e.message}` });
    }
    for (const e of parsed.validateProperties().validationEvents) {
      problems.push({ kind: 'validation', message: `${AC.ValidationEvent[e.event] ?? e.event}: ${e.message}` });
    }
  } catch (err) {
    problems.push({ kind: 'serialization', message: `parse failed: ${(err as Error).message}` });
  }

  // 2. Envelope.
  if (card.type !== 'AdaptiveCard') problems.push({ kind: 'version', message: `type must be "AdaptiveCard", is ${JSON.stringify(card.type)}` });
  if (card.version !== '1.5') problems.push({ kind: 'version', message: `version must be "1.5", is ${JSON.stringify(card.version)}` });

  // 3. Elements and actions.
  const inputIds = new Set<string>();
  const executes: Array<{ action: Json; path: string }> = [];
  visitTyped(card.body, (obj, path) => {
    const type = obj.type as string;
    if (type.startsWith('Action.')) {
      if (type !== 'Action.Execute') problems.push({ kind: 'action', message: `${path}: ${type} is not allowed, use Action.Execute` });
      else executes.push({ action: obj, path });
    } else if (!TEAMS_ELEMENT_TYPES.has(type)) {
      problems.push({ kind: 'element', message: `${path}: element type "${type}" is not supported in Teams cards` });
    }
    if (type.startsWith('Input.') && typeof obj.id === 'string') inputIds.add(obj.id);
  }, 'body');
  visitTyped(card.actions, (obj, path) => {
    const type = obj.type as string;
    if (type !== 'Action.Execute') problems.push({ kind: 'action', message: `${path}: ${type} is not allowed, use Action.Execute` });
    else executes.push({ action: obj, path });
  }, 'actions');

  for (const { action, path } of executes) {
    const verb = action.verb;
    if (typeof verb !== 'string' || !isCardVerb(verb)) {
      problems.push({ kind: 'action', message: `${path}: verb ${JSON.stringify(verb)} is not in the registry` });
      continue;
    }
    if (verb === 'refresh') problems.push({ kind: 'action', message: `${path}: the refresh verb belongs in card.refresh only` });
    for (const msg of checkStaticCardData(verb, action.data)) problems.push({ kind: 'data', message: `${path}: ${msg}` });
    const { required } = inputIdsOf(verb);
    if (action.associatedInputs === 'none') {
      if (required.length > 0) problems.push({ kind: 'inputs', message: `${path}: ${verb} needs inputs ${required.join(', ')} but sends none` });
    } else {
      for (const idName of required) {
        if (!inputIds.has(idName)) problems.push({ kind: 'inputs', message: `${path}: ${verb} needs an input with id "${idName}"` });
      }
    }
  }

  // 4. Refresh (per-role views).
  if (card.refresh !== undefined) {
    const refresh = card.refresh;
    const action = isObject(refresh) ? refresh.action : undefined;
    if (!isObject(action) || action.type !== 'Action.Execute' || action.verb !== 'refresh') {
      problems.push({ kind: 'refresh', message: 'refresh.action must be Action.Execute with verb "refresh"' });
    } else {
      for (const msg of checkStaticCardData('refresh', action.data)) problems.push({ kind: 'data', message: `refresh.action: ${msg}` });
    }
    const userIds = isObject(refresh) ? refresh.userIds : undefined;
    if (!Array.isArray(userIds) || userIds.length === 0 || userIds.length > REFRESH_USER_LIMIT || !userIds.every((u) => typeof u === 'string'))
      problems.push({ kind: 'refresh', message: `refresh.userIds must list 1–${REFRESH_USER_LIMIT} user ids` });
  }

  // 5. Size.
  if (sizeBytes >= CARD_SIZE_LIMIT_BYTES)
    problems.push({ kind: 'size', message: `card is ${sizeBytes} bytes, the limit is ${CARD_SIZE_LIMIT_BYTES}` });

  return { valid: problems.length === 0, problems, sizeBytes };
}

/** Throws with every problem listed; for tests and for a sender's last check before posting. */
export function assertValidCard(card: unknown): void {
  const result = validateCard(card);
  if (!result.valid) {
    throw new Error(`invalid card:\n${result.problems.map((p) => `- [${p.kind}] ${p.message}`).join('\n')}`);
  }
}
