/**
 * The manifest's permissions against the code: every RSC permission and Graph scope the manifest asks for
 * is declared in manifest/permissions.ts, named by code that uses it, and explained in the permissions doc.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { JsonObject } from './build-manifest';
import type { ManifestIssue } from './check-manifest';
import { GRAPH_DELEGATED_PERMISSIONS, RSC_PERMISSIONS } from './permissions';

const SOURCE_EXT = /\.(ts|tsx|js|mjs|cjs)$/;

function listSources(root: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const full = join(root, name);
    const st = statSync(full);
    if (st.isDirectory()) return listSources(full);
    return SOURCE_EXT.test(name) && !/\.test\.[tj]sx?$/.test(name) ? [full] : [];
  });
}

/**
 * Where each permission name occurs inside a string literal in the given source trees. A mention in a
 * comment does not count: only code that passes the name (a scope request, rscPermission(...)) does.
 */
export function scanPermissionUsage(roots: string[], names: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>(names.map((n) => [n, []]));
  const escape = (n: string) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A name counts when it stands as a whole word inside a string on one line ('Files.ReadWrite.All',
  // "User.Read ChannelMessage.Send"). Pairing every quote of a file would be derailed by nested template
  // literals, so each name is looked for on its own.
  const patterns = new Map(names.map((n) => [n, new RegExp(`['"\`][^'"\`\\n]*?(?<![\\w.])${escape(n)}(?![\\w.])[^'"\`\\n]*?['"\`]`)]));
  for (const root of roots)
    for (const file of listSources(root)) {
      // Comments do not count as use.
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, ' ')
        .replace(/(^|[^:\\])\/\/.*$/gm, '$1');
      for (const n of names) if (patterns.get(n)!.test(text)) found.get(n)!.push(relative(process.cwd(), file) || file);
    }
  return found;
}

export interface PermissionCheckOptions {
  /** Source trees whose code must name every declared permission (normally bot/ and tab/). */
  sourceRoots: string[];
  /** Markdown that must explain every declared permission (normally docs/permissions.md). */
  permissionsDoc: string;
}

export function checkPermissions(manifest: JsonObject, opts: PermissionCheckOptions): ManifestIssue[] {
  const out: ManifestIssue[] = [];
  const declaredRsc = new Map<string, string>(RSC_PERMISSIONS.map((p) => [p.name, p.type]));
  const auth = manifest.authorization;
  const perms = auth && typeof auth === 'object' && !Array.isArray(auth) ? auth.permissions : undefined;
  const rsc = perms && typeof perms === 'object' && !Array.isArray(perms) ? perms.resourceSpecific : undefined;
  const inManifest = Array.isArray(rsc) ? rsc : [];
  inManifest.forEach((p, i) => {
    if (!p || typeof p !== 'object' || Array.isArray(p)) return;
    const name = String(p.name);
    if (!declaredRsc.has(name))
      out.push({
        field: `authorization.permissions.resourceSpecific[${i}].name`,
        message: `"${name}" is not declared in manifest/permissions.ts; expected one of ${[...declaredRsc.keys()].join(', ')}`,
        check: 'permissions',
      });
    else if (declaredRsc.get(name) !== p.type)
      out.push({
        field: `authorization.permissions.resourceSpecific[${i}].type`,
        message: `${JSON.stringify(p.type)} for ${name}; expected "${declaredRsc.get(name)}" as declared in manifest/permissions.ts`,
        check: 'permissions',
      });
  });
  const manifestNames = new Set(inManifest.map((p) => (p && typeof p === 'object' && !Array.isArray(p) ? String(p.name) : '')));
  for (const name of declaredRsc.keys())
    if (!manifestNames.has(name))
      out.push({ field: 'authorization.permissions.resourceSpecific', message: `declared RSC permission "${name}" is missing`, check: 'permissions' });

  const all = [...RSC_PERMISSIONS.map((p) => p.name), ...GRAPH_DELEGATED_PERMISSIONS.map((p) => p.name)];
  let doc = '';
  try {
    doc = readFileSync(opts.permissionsDoc, 'utf8');
  } catch {
    out.push({ field: opts.permissionsDoc, message: 'cannot be read; expected the document explaining every permission', check: 'permissions' });
  }
  if (doc)
    for (const name of all)
      if (!doc.includes(`\`${name}\``))
        out.push({ field: opts.permissionsDoc, message: `does not explain \`${name}\`; expected a section naming it in backticks`, check: 'permissions' });

  const usage = scanPermissionUsage(opts.sourceRoots, all);
  for (const [name, files] of usage)
    if (files.length === 0)
      out.push({
        field: 'manifest/permissions.ts',
        check: 'permission-usage',
        message: `"${name}" is declared but no code under ${opts.sourceRoots.map((r) => relative(process.cwd(), r) || r).join(', ')} names it; remove it or reference it where it is used (graphScope/rscPermission)`,
      });
  return out;
}

// ---------------------------------------------------------------------------------------------- localization
