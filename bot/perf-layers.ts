/**
 * The custom performance layers, named so the bench can run the server with one of them off and show what
 * each gains in the same run (bench/server-child.ts reads RADSLAG_BENCH_LAYERS_OFF; nothing else does).
 * The real server always runs with every layer on.
 */
export const PERF_LAYERS = ['pglite-prepared', 'pglite-cache', 'pg-named', 'job-handoff'] as const;
export type PerfLayer = (typeof PERF_LAYERS)[number];

/** The layers turned off: empty for the real server. */
export type LayersOff = ReadonlySet<PerfLayer>;
export const ALL_ON: LayersOff = new Set();

/** Parses "a,b" into layers; an unknown name is an error (a typo must not measure the layer as "off"). */
export function parseLayersOff(text: string | undefined): LayersOff {
  const names = (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!(PERF_LAYERS as readonly string[]).includes(n)) throw new Error(`unknown performance layer ${n} (known: ${PERF_LAYERS.join(', ')})`);
  return new Set(names as PerfLayer[]);
}
