import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageApp, packageVersion } from '../../../manifest/package';

/**
 * The app package exactly as `npm run package` builds and validates it, for the given public URL and app
 * id (unset: the local-mode placeholder id). Throws with the validation problems when it is invalid.
 */
export async function buildAppPackage(o: { publicUrl: string; appId: string | null; ssoAudience?: string | null }): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'radslag-pkg-'));
  try {
    const r = await packageApp({ manifest: { appId: o.appId, publicUrl: o.publicUrl, ssoAudience: o.ssoAudience ?? null, version: packageVersion() }, outFile: join(dir, 'radslag-teams-app.zip') });
    if (!r.ok) throw new Error(`the app package is invalid: ${r.issues.map((i) => JSON.stringify(i)).join('; ')}`);
    return r.zip;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
