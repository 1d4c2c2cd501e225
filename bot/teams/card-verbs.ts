/**
 * The one card-action registry, assembled from the feature folders: each registers the handlers of its
 * verbs (the verbs and their zod schemas are one table, card-actions.ts).
 */
import { registerAbsenceCardActions } from './absence/absence-card-actions';
import { registerAgendaCardActions } from './agenda/agenda-card-actions';
import { registerAttendanceCardActions } from './attendance/attendance-card-actions';
import { registerBindingCardActions } from './binding/binding-card-actions';
import { registerCallInCardActions } from './callin/callin-card-actions';
import { CardActionRegistry } from './card-action-dispatch';
import { registerDecisionCardActions } from './decisions/decision-card-actions';
import { registerJusteringCardActions } from './justering/justering-card-actions';
import { registerKallelseCardActions } from './kallelse/kallelse-card-actions';

export function cardActionRegistry(): CardActionRegistry {
  const registry = new CardActionRegistry();
  registerKallelseCardActions(registry);
  registerAbsenceCardActions(registry);
  registerCallInCardActions(registry);
  registerBindingCardActions(registry);
  registerAttendanceCardActions(registry);
  registerAgendaCardActions(registry);
  registerDecisionCardActions(registry);
  registerJusteringCardActions(registry);
  return registry;
}
