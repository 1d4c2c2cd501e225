import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** The app package is a flat zip: manifest.json, localization files and the two icons at the root. */
export type PackageFiles = Record<string, Uint8Array>;

export function zipPackage(files: PackageFiles): Uint8Array {
  // A fixed timestamp keeps the zip byte-identical for identical input (reproducible packages).
  const mtime = new Date('2020-01-01T00:00:00Z');
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const name of Object.keys(files).sort()) entries[name] = [files[name]!, { mtime }];
  return zipSync(entries, { level: 9 });
}

export function unzipPackage(zip: Uint8Array): PackageFiles {
  return unzipSync(zip);
}

export const jsonBytes = (value: unknown): Uint8Array => strToU8(`${JSON.stringify(value, null, 2)}\n`);
export const bytesText = (bytes: Uint8Array): string => strFromU8(bytes);
