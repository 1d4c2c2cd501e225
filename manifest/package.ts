import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  buildManifest,
  COLOR_ICON_FILE,
  manifestOptionsFromEnv,
  OUTLINE_ICON_FILE,
  type BuiltManifest,
  type ManifestOptions,
} from './build-manifest';
import { formatIssue, validatePackage, type ManifestIssue } from './check-manifest';
import { colorIconPng, outlineIconPng } from './generate-icons';
import { jsonBytes, unzipPackage, zipPackage, type PackageFiles } from './zip';

/**
 * `npm run package`: build the Teams app package from the environment, validate it offline (schema +
 * project checks on the unzipped bytes, exactly what will be uploaded) and write
 * dist/radslag-teams-app.zip only when it is valid.
 */

export const PACKAGE_FILE_NAME = 'radslag-teams-app.zip';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** manifest.json + localization files + icons, as bytes. */
export function assemblePackageFiles(built: BuiltManifest): PackageFiles {
  const files: PackageFiles = {
    'manifest.json': jsonBytes(built.manifest),
    [COLOR_ICON_FILE]: colorIconPng(),
    [OUTLINE_ICON_FILE]: outlineIconPng(),
  };
  for (const [name, doc] of Object.entries(built.localizations)) files[name] = jsonBytes(doc);
  return files;
}

export interface PackageOptions {
  /** Manifest inputs; default: from process.env and package.json's version. */
  manifest?: ManifestOptions;
  /** Where the zip goes; default <repo>/dist/radslag-teams-app.zip. */
  outFile?: string;
  /** Code that must name each declared permission; default <repo>/bot and <repo>/tab. */
  sourceRoots?: string[];
  /** Default <repo>/docs/permissions.md. */
  permissionsDoc?: string;
  /**
   * Report declared permissions that no code names as warnings instead of errors. Only for packaging while
   * the code that uses them is still being written (`npm run package -- --allow-unreferenced-permissions`).
   */
  allowUnreferencedPermissions?: boolean;
}

export interface PackageResult {
  ok: boolean;
  /** Set only when the package was valid and written. */
  zipPath: string | null;
  zip: Uint8Array;
  issues: ManifestIssue[];
  warnings: string[];
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export async function packageApp(options: PackageOptions = {}): Promise<PackageResult> {
  const manifestOptions = options.manifest ?? manifestOptionsFromEnv(process.env, packageVersion());
  const built = buildManifest(manifestOptions);
  const zip = zipPackage(assemblePackageFiles(built));
  const all = await validatePackage(unzipPackage(zip), {
    sourceRoots: options.sourceRoots ?? [join(REPO_ROOT, 'bot'), join(REPO_ROOT, 'tab')],
    permissionsDoc: options.permissionsDoc ?? join(REPO_ROOT, 'docs', 'permissions.md'),
  });
  const downgrade = (i: ManifestIssue) => options.allowUnreferencedPermissions === true && i.check === 'permission-usage';
  const issues = all.filter((i) => !downgrade(i));
  const warnings = [...built.warnings, ...all.filter(downgrade).map((i) => `(allowed by flag) ${formatIssue(i)}`)];
  if (issues.length > 0) return { ok: false, zipPath: null, zip, issues, warnings };
  const zipPath = options.outFile ?? join(REPO_ROOT, 'dist', PACKAGE_FILE_NAME);
  mkdirSync(dirname(zipPath), { recursive: true });
  writeFileSync(zipPath, zip);
  return { ok: true, zipPath, zip, issues, warnings };
}

async function main(): Promise<void> {
  let result: PackageResult;
  try {
    result = await packageApp({ allowUnreferencedPermissions: process.argv.includes('--allow-unreferenced-permissions') });
  } catch (e) {
    console.error(`Paketet kunde inte byggas / the package could not be built: ${(e as Error).message}`);
    process.exitCode = 1;
    return;
  }
  for (const w of result.warnings) console.warn(`VARNING / WARNING: ${w}`);
  if (!result.ok) {
    console.error(`Appaketet är ogiltigt / the app package is invalid (${result.issues.length} problem):`);
    for (const i of result.issues) console.error(`  - ${formatIssue(i)}`);
    process.exitCode = 1;
    return;
  }
  console.log(`Appaketet är giltigt och skrivet / app package valid and written: ${result.zipPath}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
