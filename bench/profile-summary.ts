/**
 * Summarises a V8 .cpuprofile (from BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" npm run bench) so a
 * profile can be read in a terminal and quoted in the README: where the server's CPU goes, by package and
 * by function, self time and inclusive time.
 *   npx tsx bench/profile-summary.ts DIR/CPU….cpuprofile [--top 25] [--last 27]
 * --last S keeps only the last S seconds of samples: the measured load, without start-up and seeding.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The package (or our own top folder) a script belongs to: what a reader can act on. */
export function owner(url: string): string {
  if (!url) return '(native/idle)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  // Our own code by file: that is where a change would go.
  const m = /\/((?:bot|shared|bench|tab|test)\/.*)$/.exec(url);
  if (m) return m[1]!;
  return url;
}

/** Broad layers, so profiles of different cells and stores can be set side by side. */
const LAYERS: [string, RegExp][] = [
  ['database engine and driver', /^(@electric-sql\/pglite|wasm:|pg$|pg-protocol|pg-pool|pg-types|postgres-|bot\/store\/(pglite-prepared|pg-named-statements|pglite-dialect))/],
  ['query building, row mapping, read cache', /^(kysely|bot\/store\/)/],
  ['Bot Framework and HTTP', /^(botbuilder|botframework|@azure\/|@typespec\/|express|body-parser|router|raw-body|node:_http|on-finished|type-is|jose|jsonwebtoken|compression)/],
  ['Rådslag use cases, parsing, cards', /^(shared\/|bot\/|chrono-node|zod|adaptivecards)/],
  ['garbage collector', /^\(garbage collector\)$/],
  ['logging', /^(pino|sonic-boom|@pinojs)/],
];

export function layerOf(owner: string): string {
  return LAYERS.find(([, re]) => re.test(owner))?.[0] ?? 'Node internals, native, other';
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx bench/profile-summary.ts FILE.cpuprofile [--top N]');
  const topIdx = process.argv.indexOf('--top');
  const top = topIdx > 0 ? Number(process.argv[topIdx + 1]) : 25;
  const lastIdx = process.argv.indexOf('--last');
  const lastUs = lastIdx > 0 ? Number(process.argv[lastIdx + 1]) * 1e6 : Infinity;
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  const times: number[] = [];
  p.timeDeltas.reduce((t, d, i) => (times[i] = t + d), p.startTime);
  const from = p.endTime - lastUs;
  p.samples.forEach((id, i) => {
    if (times[i]! >= from) selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const isIdle = (n: Node) => ['(idle)', '(program)', '(garbage collector)'].includes(n.callFrame.functionName);
  const idle = [...selfUs].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, v]) => a + v, 0);
  const busy = total - idle;
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1)} %`;

  const selfByOwner = new Map<string, number>();
  const selfByFn = new Map<string, number>();
  const inclByFn = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') continue;
    const o = isIdle(n) ? n.callFrame.functionName : owner(n.callFrame.url);
    selfByOwner.set(o, (selfByOwner.get(o) ?? 0) + us);
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${o}:${n.callFrame.lineNumber + 1}`;
    selfByFn.set(fn, (selfByFn.get(fn) ?? 0) + us);
    // Inclusive: every distinct function on the stack of this sample gets its time once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const c = byId.get(cur)!;
      if (!c.callFrame.url) continue;
      const key = `${c.callFrame.functionName || '(anonymous)'} ${owner(c.callFrame.url)}:${c.callFrame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclByFn.set(key, (inclByFn.get(key) ?? 0) + us);
    }
  }
  const list = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${pct(v).padStart(7)}  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`).join('\n');
  console.log(`${file}\nbusy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled\n`);
  // By layer, Node's own code and native calls (socket writes, parsing) count for the nearest caller that is a
  // package or ours: a pg socket write is the database driver's cost, an HTTP parser's the HTTP layer's.
  const byLayer = new Map<string, number>();
  const isNode = (o: string) => o.startsWith('node:') || o === '(native/idle)' || o === '(program)';
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') continue;
    let o = isIdle(n) ? n.callFrame.functionName : owner(n.callFrame.url);
    for (let cur = parent.get(id); isNode(o) && cur !== undefined; cur = parent.get(cur)) {
      const c = byId.get(cur)!;
      if (c.callFrame.url && !isNode(owner(c.callFrame.url))) o = owner(c.callFrame.url);
    }
    const layer = isNode(o) ? 'Node internals, native, other' : layerOf(o);
    byLayer.set(layer, (byLayer.get(layer) ?? 0) + us);
  }
  console.log(`self time by layer:\n${list(byLayer, 10)}\n`);
  console.log(`self time by package / folder:\n${list(selfByOwner, top)}\n`);
  console.log(`self time by function:\n${list(selfByFn, top)}\n`);
  console.log(`inclusive time by function:\n${list(inclByFn, top)}`);
}

main();
