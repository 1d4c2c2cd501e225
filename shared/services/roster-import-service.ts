import { MEMBERSHIP_ROLES, type Id } from '../domain';
import { RadslagError } from '../errors/catalog';
import { parseRoster, parseRosterCsv, planRosterImport } from '../roster';
import { readOnly, type UseCaseContext } from '../usecase/context';
import { authorize, meetingPolicyContext, rolesOn } from './access';
import {
  MAX_ENTRIES,
  checkMeetingBodies,
  importView,
  acceptedRoleChanges,
  loadExisting,
  refuseLockedMinutes,
  rememberedConfirmations,
  resolveBodyIds,
  rosterFingerprint,
  shapePlan,
  summarize,
  validateHistoryMeeting,
  validation,
  type ApplyInput,
  type RosterImportInput,
  type RosterImportView,
} from './roster-import-support';
import { writeRosterPlan } from './roster-import-writes';
import type { RosterImportOptions } from '../domain/roster-records';
import { refreshServingPeriods } from './serving-service';

export { rosterFingerprint, zonedTimeToUtc, type ApplyInput, type MatchDecision, type RosterImportInput, type RosterImportSummary, type RosterImportView } from './roster-import-support';

/**
 * Roster import as a use case: a pasted list or CSV is parsed and planned against the stored roster and
 * kept as a preview; "apply" then writes exactly that plan in one transaction (all of it or nothing),
 * with the secretary's answers to suggested matches. A person who merely resembles someone is never
 * merged without that answer.
 */

/** Parses and plans a list against the stored roster and keeps it as a preview. Nothing else is written. */
export async function previewRosterImport(ctx: UseCaseContext, { bodyId, ...input }: { bodyId: Id } & RosterImportInput): Promise<RosterImportView> {
  if (input.format !== 'text' && input.format !== 'csv') throw validation('formatet ska vara text eller csv', 'the format must be text or csv');
  if (!input.text.trim()) throw validation('listan är tom', 'the list is empty');
  if (input.asAttendanceOfMeetingId && input.createMeeting) {
    throw validation('ange antingen ett befintligt möte eller ett nytt möte, inte båda', 'give either an existing meeting or a new one, not both');
  }
  if (input.defaultRole && !MEMBERSHIP_ROLES.includes(input.defaultRole)) throw validation('okänd roll', 'unknown role');
  if (input.createMeeting) validateHistoryMeeting(input.createMeeting);

  const { tx } = ctx;
  const body = await tx.bodies.require(bodyId);
  authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [bodyId]) });
  const allBodies = await tx.bodies.findBy({}, 'name');
  const existing = await loadExisting(tx);
  const extra = existing.organisations.map((o) => ({ name: o.name, aliases: o.aliases, kind: o.kind }));

  const parsed =
    input.format === 'csv'
      ? parseRosterCsv(input.text, { organisations: extra, ...(input.defaultRole ? { defaultRole: input.defaultRole } : {}) })
      : parseRoster(input.text, {
          mode: input.mode ?? 'auto',
          bodyNames: allBodies.map((b) => b.name),
          organisations: extra,
          ...(input.defaultRole ? { defaultRole: input.defaultRole } : {}),
        });
  const entryCount = parsed.entries.length;
  if (entryCount === 0) {
    const first = parsed.unreadLines.slice(0, 3).map((u) => `rad ${u.lineNo}: ${u.reason}`);
    throw validation(
      `inga personer kunde läsas ur listan${first.length ? ` (${first.join('; ')})` : ''}`,
      `no people could be read from the list${parsed.unreadLines.length ? ` (${parsed.unreadLines.slice(0, 3).map((u) => `line ${u.lineNo}: ${u.reasonEn}`).join('; ')})` : ''}`,
    );
  }
  if (entryCount > MAX_ENTRIES) throw validation(`listan har fler än ${MAX_ENTRIES} personer`, `the list has more than ${MAX_ENTRIES} people`);

  const bodyIds = resolveBodyIds(body, allBodies, parsed, input.bodyIds);
  // roster.manage must hold on every body the list writes to, not only the one in the URL.
  for (const id of bodyIds) authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [id]) });

  if (input.asAttendanceOfMeetingId) {
    const meeting = await tx.meetings.require(input.asAttendanceOfMeetingId);
    checkMeetingBodies(meeting, bodyIds, allBodies);
    authorize(ctx.actor, 'meeting.manage', await meetingPolicyContext(tx, ctx.actor, meeting));
    await refuseLockedMinutes(tx, meeting.id);
  }
  if (input.createMeeting) authorize(ctx.actor, 'meeting.manage', { roles: await rolesOn(tx, ctx.actor.personId, bodyIds) });

  const options: RosterImportOptions = {
    format: input.format,
    asAttendanceOfMeetingId: input.asAttendanceOfMeetingId ?? null,
    createMeeting: input.createMeeting ?? null,
    unmarked: input.unmarked ?? 'skip',
    removeMissing: input.removeMissing ?? true,
    membershipChanges: input.membershipChanges ?? true,
    ...(input.mode ? { mode: input.mode } : {}),
  };
  const remembered = await rememberedConfirmations(tx, existing.people);
  const plan = shapePlan(planRosterImport(parsed, existing, { bodyIds, confirmations: remembered, removeMissing: options.removeMissing, unmarked: options.unmarked }), options, parsed);

  const id = ctx.ids.next();
  const now = ctx.clock.now().toISOString();
  const rec = await tx.rosterImports.insert({
    id,
    tenantId: ctx.tenantId,
    bodyId,
    bodyIds,
    format: input.format,
    sourceText: input.text,
    options,
    parsed,
    plan,
    basis: rosterFingerprint(existing, remembered),
    status: 'previewed',
    createdBy: ctx.actor.personId,
    createdAt: now,
    appliedAt: null,
    appliedBy: null,
    result: null,
    version: 1,
  });
  const lineNos = new Map(plan.people.map((p) => [p.key, p.lineNos[0]]));
  for (const p of plan.people.filter((x) => x.action === 'confirm')) {
    const entry = parsed.entries.find((e) => e.lineNo === lineNos.get(p.key));
    await tx.personMatchSuggestions.insert({
      id: ctx.ids.next(),
      tenantId: ctx.tenantId,
      importId: id,
      bodyIds,
      personKey: p.key,
      listedName: p.name,
      listedOrganisation: entry?.organisationName ?? null,
      listedEmail: p.email ?? null,
      candidates: p.suggestions,
      status: 'open',
      resolvedPersonId: null,
      resolvedBy: null,
      resolvedAt: null,
      createdAt: now,
      version: 1,
    });
  }
  await tx.audit.record({
    actorPersonId: ctx.actor.personId,
    action: 'roster.import.preview',
    entity: 'roster_import',
    entityId: id,
    details: { bodyIds, format: input.format, entries: entryCount, unread: parsed.unreadLines.length },
    correlationId: ctx.correlationId,
  });
  return importView(tx, rec);
}

export const getRosterImport = readOnly(async (ctx, { bodyId, importId }: { bodyId: Id; importId: Id }): Promise<RosterImportView> => {
  const rec = await ctx.tx.rosterImports.require(importId);
  if (rec.bodyId !== bodyId && !rec.bodyIds.includes(bodyId)) throw new RadslagError('NOT_FOUND', { entity: 'Importen / The import' });
  authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(ctx.tx, ctx.actor.personId, [bodyId]) });
  return importView(ctx.tx, rec);
});

export const listRosterImports = readOnly(async (ctx, { bodyId }: { bodyId: Id }): Promise<Omit<RosterImportView, 'understood' | 'plan' | 'names' | 'suggestions'>[]> => {
  await ctx.tx.bodies.require(bodyId);
  authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(ctx.tx, ctx.actor.personId, [bodyId]) });
  const recs = await ctx.tx.rosterImports.findBy({ bodyId }, 'createdAt');
  const bodies = await ctx.tx.bodies.findBy({});
  return recs.map((r) => ({
    id: r.id,
    version: r.version,
    status: r.status,
    bodyId: r.bodyId,
    bodies: r.bodyIds.map((id) => ({ id, name: bodies.find((b) => b.id === id)?.name ?? id })),
    format: r.format,
    options: r.options,
    createdAt: r.createdAt,
    appliedAt: r.appliedAt,
    summary: summarize(r.parsed, r.plan),
    result: r.result,
  }));
});

/**
 * Applies the stored plan with the secretary's answers, in one transaction. Applying an applied import
 * again answers the stored result and writes nothing; a roster changed since the preview is refused.
 */
export async function applyRosterImport(ctx: UseCaseContext, { bodyId, importId, ...input }: { bodyId: Id; importId: Id } & ApplyInput): Promise<RosterImportView> {
  const { tx } = ctx;
  const rec = await tx.rosterImports.require(importId);
  if (rec.bodyId !== bodyId && !rec.bodyIds.includes(bodyId)) throw new RadslagError('NOT_FOUND', { entity: 'Importen / The import' });
  for (const id of rec.bodyIds) authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [id]) });
  if (rec.status === 'applied') return importView(tx, rec);
  if (rec.status !== 'previewed') {
    throw new RadslagError('CONFLICT_STATE', { detailSv: 'importen har ersatts av en nyare', detailEn: 'the import was replaced by a newer one' });
  }
  if (input.version !== undefined && input.version !== rec.version) throw new RadslagError('CONFLICT_STALE', {}, { version: rec.version });

  const existing = await loadExisting(tx);
  const remembered = await rememberedConfirmations(tx, existing.people, rec.id);
  if (rosterFingerprint(existing, remembered) !== rec.basis) {
    throw new RadslagError('CONFLICT_STALE', {}, {
      reason: 'roster_changed',
      sv: 'Registret har ändrats sedan förhandsgranskningen. Förhandsgranska listan igen.',
      en: 'The roster changed after the preview. Preview the list again.',
    });
  }

  const suggestions = await tx.personMatchSuggestions.findBy({ importId }, 'createdAt');
  const confirmations: Record<string, Id | 'new'> = { ...remembered };
  const decided = new Map<string, Id | 'new'>();
  for (const s of suggestions) {
    if (s.status === 'confirmed' && s.resolvedPersonId) decided.set(s.personKey, s.resolvedPersonId);
    if (s.status === 'rejected') decided.set(s.personKey, 'new');
  }
  for (const d of input.decisions ?? []) {
    const s = suggestions.find((x) => x.personKey === d.key);
    if (!s) throw validation(`inget matchningsförslag med nyckeln "${d.key}" i den här importen`, `no match suggestion with key "${d.key}" in this import`);
    if (d.choice === 'new') decided.set(s.personKey, 'new');
    else {
      const personId = d.personId ?? s.candidates[0]?.personId;
      if (!personId || !s.candidates.some((c) => c.personId === personId)) {
        throw validation(`${s.listedName}: personen finns inte bland förslagen`, `${s.listedName}: the person is not among the suggestions`);
      }
      decided.set(s.personKey, personId);
    }
  }
  if (input.confirmAllSuggestions) {
    for (const s of suggestions) if (!decided.has(s.personKey) && s.candidates[0]) decided.set(s.personKey, s.candidates[0].personId);
  }
  const open = suggestions.filter((s) => !decided.has(s.personKey));
  if (open.length) {
    const names = open.map((s) => `${s.listedName} (${s.candidates.map((c) => c.name).join(', ')})`).join('; ');
    throw new RadslagError(
      'CONFLICT_STATE',
      { detailSv: `bekräfta först om dessa är samma person som en befintlig: ${names}`, detailEn: `first confirm whether these are an existing person: ${names}` },
      { needsConfirmation: open.map((s) => ({ key: s.personKey, name: s.listedName, candidates: s.candidates })) },
    );
  }
  for (const [k, v] of decided) confirmations[k] = v;

  const plan = shapePlan(
    planRosterImport(rec.parsed, existing, {
      bodyIds: rec.bodyIds,
      confirmations,
      removeMissing: rec.options.removeMissing ?? true,
      unmarked: rec.options.unmarked ?? 'skip',
      roleChanges: acceptedRoleChanges(rec.plan, input.roleChanges ?? []),
    }),
    rec.options,
    rec.parsed,
  );
  if (plan.needsConfirmation) {
    throw new RadslagError('CONFLICT_STATE', { detailSv: 'nya matchningsförslag uppstod; förhandsgranska igen', detailEn: 'new match suggestions appeared; preview again' });
  }

  const result = await writeRosterPlan(ctx, rec, plan);
  const now = ctx.clock.now().toISOString();
  for (const s of suggestions) {
    const answer = decided.get(s.personKey)!;
    const resolvedPersonId = answer === 'new' ? (result.createdPersonIds[s.personKey] ?? null) : answer;
    const status = answer === 'new' ? 'rejected' : 'confirmed';
    if (s.status === status && s.resolvedPersonId === resolvedPersonId) continue;
    await tx.personMatchSuggestions.update({ ...s, status, resolvedPersonId, resolvedBy: s.resolvedBy ?? ctx.actor.personId, resolvedAt: s.resolvedAt ?? now });
  }
  const applied = await tx.rosterImports.update({ ...rec, plan, status: 'applied', appliedAt: now, appliedBy: ctx.actor.personId, result });
  // An older preview of the same bodies was planned against the roster this import just changed.
  for (const other of await tx.rosterImports.findBy({ bodyId: rec.bodyId, status: 'previewed' })) {
    if (other.id !== rec.id) await tx.rosterImports.update({ ...other, status: 'superseded' });
  }
  await tx.audit.record({
    actorPersonId: ctx.actor.personId,
    action: 'roster.import.apply',
    entity: 'roster_import',
    entityId: rec.id,
    details: { bodyIds: rec.bodyIds, ...result.counts, meetingId: result.meetingId, decisions: Object.fromEntries(decided) },
    correlationId: ctx.correlationId,
  });
  // A list pasted for a meeting already under way (or held) changes who served: the periods follow at once,
  // not at the next change of item.
  if (result.meetingId) {
    const meeting = await tx.meetings.require(result.meetingId);
    if (meeting.startedAt || meeting.endedAt) await refreshServingPeriods(ctx, meeting);
  }
  for (const id of rec.bodyIds) ctx.events.push({ type: 'roster.changed', bodyId: id, data: { importId } });
  if (result.meetingId) ctx.events.push({ type: 'attendance.changed', meetingId: result.meetingId, data: { importId } });
  return importView(tx, applied);
}
