/**
 * Bulk history for growth measurements: other councils' meetings, seeded in SQL with generate_series
 * (seconds for 10 000 meetings, where the API would take minutes). Each meeting gets agenda items,
 * attendance rows and a decision, bound to a Teams meeting, so every hot-path table is big.
 */
import type pg from 'pg';

export interface StoredMeetingsSeed {
  tenantId: string;
  /** Meetings seeded so far by this helper (the function tops up to the asked total). */
  total: number;
}

/** Tops the bench history up to `total` meetings (idempotent per total: run it 10, then 1000, then 10000). */
export async function seedStoredMeetings(client: pg.Client | pg.Pool, tenantId: string, total: number): Promise<number> {
  const t = tenantId.replace(/'/g, "''");
  // Twenty councils share the history (a region's councils), so a body's meetings are a twentieth of it.
  await client.query(`
    INSERT INTO bodies (id, tenant_id, name, kind)
    SELECT 'hist-body-' || b, '${t}', 'Historiska rådet ' || b || ' (bench)', 'råd' FROM generate_series(0, 19) b
    ON CONFLICT (id) DO NOTHING`);
  await client.query(`
    INSERT INTO people (id, tenant_id, name, email, aad_object_id)
    SELECT 'hist-p' || g, '${t}', 'Historisk Person ' || g, 'hist' || g || '@bench.example.se', md5('hist-p' || g)::uuid::text FROM generate_series(1, 5000) g
    ON CONFLICT (id) DO NOTHING`);
  const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM meetings WHERE host_body_id LIKE 'hist-body-%'`);
  const have = Number(rows[0]?.n ?? 0);
  if (have >= total) return have;
  const from = have + 1;
  await client.query(`
    INSERT INTO meetings (id, tenant_id, body_ids, host_body_id, document_kind, starts_at, ends_at, mode, status, teams, teams_meeting_id, secretary_person_ids, justerare_person_ids)
    SELECT 'hist-m' || g, '${t}', jsonb_build_array('hist-body-' || (g % 20)), 'hist-body-' || (g % 20), 'protokoll',
           timestamptz '2015-01-05 08:00+00' + (g || ' days')::interval, timestamptz '2015-01-05 11:00+00' + (g || ' days')::interval,
           'hybrid', 'held', jsonb_build_object('meetingId', 'hist-tm' || g), 'hist-tm' || g, '["hist-p1"]'::jsonb, '[]'::jsonb
    FROM generate_series(${from}, ${total}) g`);
  await client.query(`INSERT INTO meeting_bodies (meeting_id, body_id, position) SELECT 'hist-m' || g, 'hist-body-' || (g % 20), 0 FROM generate_series(${from}, ${total}) g`);
  await client.query(`
    INSERT INTO agenda_items (id, tenant_id, meeting_id, number, title, kind, status)
    SELECT 'hist-i' || g || '-' || n, '${t}', 'hist-m' || g, n, 'Ärende ' || n, 'beslut', 'done'
    FROM generate_series(${from}, ${total}) g, generate_series(1, 5) n`);
  await client.query(`
    INSERT INTO attendance (id, tenant_id, meeting_id, person_id, state, source)
    SELECT 'hist-a' || g || '-' || p, '${t}', 'hist-m' || g, 'hist-p' || p, CASE WHEN p % 7 = 0 THEN 'förhinder' ELSE 'present' END, 'secretary'
    FROM generate_series(${from}, ${total}) g, generate_series(1, 20) p`);
  await client.query(`
    INSERT INTO attendance_intervals (id, tenant_id, meeting_id, person_id, from_at, to_at, source)
    SELECT 'hist-ai' || g || '-' || p, '${t}', 'hist-m' || g, 'hist-p' || p, timestamptz '2015-01-05 08:00+00' + (g || ' days')::interval, timestamptz '2015-01-05 11:00+00' + (g || ' days')::interval, 'teams'
    FROM generate_series(${from}, ${total}) g, generate_series(1, 20) p`);
  await client.query(`
    INSERT INTO decisions (id, tenant_id, meeting_id, item_id, text, status, proposed_by, proposed_at, confirmed_at)
    SELECT 'hist-d' || g, '${t}', 'hist-m' || g, 'hist-i' || g || '-1', 'Rådet beslutar enligt förslaget.', 'confirmed', 'hist-p1', now(), now()
    FROM generate_series(${from}, ${total}) g`);
  await client.query(`
    INSERT INTO audit_log (tenant_id, actor_person_id, action, entity, entity_id)
    SELECT '${t}', 'hist-p' || (g % 200 + 1), 'attendance.absence', 'attendance', 'hist-a' || g || '-1'
    FROM generate_series(${from}, ${total}) g, generate_series(1, 5) n`);
  await client.query(`
    INSERT INTO idempotency_keys (tenant_id, key, result)
    SELECT '${t}', 'hist-key-' || g || '-' || n, '{}'::jsonb FROM generate_series(${from}, ${total}) g, generate_series(1, 5) n`);
  await client.query('ANALYZE');
  return total;
}
