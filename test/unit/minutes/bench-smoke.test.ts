import { describe, expect, it } from 'vitest';
import { benchMinutesRender, syntheticMinutesInput } from '../../../bench/minutes-render';
import { buildMinutesModel } from '../../../shared/minutes/build-minutes-model';

describe('bench/minutes-render', () => {
  it('builds the 14-item, 60-person joint meeting it claims to measure', () => {
    const m = buildMinutesModel(syntheticMinutesInput({ items: 14, people: 60, joint: true }));
    expect(m.header.joint).toBe(true);
    expect(m.items).toHaveLength(14);
    const listed = [...m.attendance.bodies.flatMap((b) => b.groups), ...m.attendance.common].flatMap((g) => g.people);
    // 60 people; the chair is named in the protokoll's header, not listed a second time.
    expect(listed).toHaveLength(59);
    expect(m.header.chair).not.toBeNull();
  });

  it('returns median/min/max for HTML and DOCX', async () => {
    const r = await benchMinutesRender({ items: 14, people: 60, joint: true, runs: 3 });
    expect(r.runs).toBe(3);
    for (const t of [r.html, r.docx]) {
      expect(t.minMs).toBeGreaterThan(0);
      expect(t.minMs).toBeLessThanOrEqual(t.medianMs);
      expect(t.medianMs).toBeLessThanOrEqual(t.maxMs);
    }
    expect(r.htmlBytes).toBeGreaterThan(10_000);
    expect(r.docxBytes).toBeGreaterThan(5_000);
  });
});
