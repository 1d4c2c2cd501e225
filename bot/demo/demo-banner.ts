import type { Store } from '../../shared/ports/store';
import { buildDemoRegion, DEMO_COUNCILS, DEMO_SECRETARY_EMAIL } from './demo-region';

/** Lines for the start banner (local mode): where the demo is and whom to sign in as. Empty without the demo. */
export async function demoBanner(store: Store, baseUrl: string): Promise<string[]> {
  const secretary = await store.read.people.findByEmail(DEMO_SECRETARY_EMAIL);
  if (!secretary) return [];
  const bodies = await store.read.bodies.findBy({});
  const demoBodies = bodies.filter((b) => b.name === DEMO_COUNCILS.social.name || b.name === DEMO_COUNCILS.folkhalsa.name);
  const meetings = await store.read.meetings.listForBodies(demoBodies.map((b) => b.id), { from: new Date(Date.now() - 86_400_000).toISOString() });
  const next = meetings[0];
  const lines = ['', 'Demoregion / demo region (påhittade personer / invented people):'];
  for (const b of demoBodies) lines.push(`  Råd / council:       ${b.name}`);
  if (next) {
    lines.push(`  Nästa gemensamma möte / next joint meeting: ${next.startsAt.slice(0, 10)} (${next.id})`);
    lines.push(`  Flik / tab:          ${baseUrl}/tab/meeting?meetingId=${next.id}`);
  }
  lines.push('  Logga in som (fliken: välj identitet; API: X-Radslag-Dev-User) / sign in as (tab: pick the identity):');
  const present = new Set((await store.read.people.listAll()).map((p) => p.email));
  for (const id of buildDemoRegion().identities) if (present.has(id.email)) lines.push(`    ${id.email.padEnd(40)} ${id.name}, ${id.role}`);
  lines.push(`  CLI:                 npm run radslag -- bodies --user ${DEMO_SECRETARY_EMAIL}`);
  return lines;
}
