import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  code: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
}

/**
 * Prints what the side panel (the page open during the meeting) loads: the entry chunk, the side-panel
 * page chunk and every chunk they import statically, gzip-compressed. Also writes size-report.json next
 * to the build so the bench can read the same figure.
 */
export function sidePanelSizeReport(): Plugin {
  return {
    name: 'radslag-side-panel-size',
    apply: 'build',
    generateBundle(_opts, bundle) {
      const chunks = Object.values(bundle).filter((c): c is ChunkLike & (typeof bundle)[string] => c.type === 'chunk') as unknown as ChunkLike[];
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const entry = chunks.find((c) => c.isEntry);
      const panel = chunks.find((c) => c.facadeModuleId?.replace(/\\/g, '/').endsWith('/pages/side-panel.tsx'));
      if (!entry || !panel) {
        this.warn('side panel size: entry or side-panel chunk not found');
        return;
      }
      const files = new Set<string>();
      const visit = (c: ChunkLike) => {
        if (files.has(c.fileName)) return;
        files.add(c.fileName);
        for (const i of c.imports) {
          const next = byName.get(i);
          if (next) visit(next);
        }
      };
      visit(entry);
      visit(panel);
      let raw = 0;
      let gzip = 0;
      for (const f of files) {
        const code = byName.get(f)!.code;
        raw += Buffer.byteLength(code);
        gzip += gzipSync(code, { level: 9 }).length;
      }
      const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
      const report = { sidePanel: { files: [...files], rawBytes: raw, gzipBytes: gzip, targetGzipBytes: 300 * 1024, withinTarget: gzip <= 300 * 1024 } };
      // console.log, not the vite logger: `npm test` builds with --logLevel warn and should still show it.
      console.log(`Side panel JavaScript: ${kb(gzip)} KB gzip (${kb(raw)} KB raw, ${files.size} files; target ≤ 300 KB gzip)${report.sidePanel.withinTarget ? '' : ' — OVER TARGET'}`);
      this.emitFile({ type: 'asset', fileName: 'size-report.json', source: JSON.stringify(report, null, 2) });
    },
  };
}
