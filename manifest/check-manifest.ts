import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { MANIFEST_SCHEMA_VERSION, type Json, type JsonObject } from './build-manifest';
import { checkPermissions, type PermissionCheckOptions } from './check-permissions';
import { bytesText, type PackageFiles } from './zip';

/**
 * Offline validation of an app package: Microsoft's JSON schema (shipped in @microsoft/app-manifest, never
 * fetched) plus the project's own rules. Every finding names the field and what was expected.
 */

export interface ManifestIssue {
  /** Where: a manifest path like `bots[0].botId`, or a file name in the package. */
  field: string;
  message: string;
  /** Which check produced it: schema, icons, domains, ids, permissions, permission-usage, localization, files. */
  check: string;
}

export const formatIssue = (i: ManifestIssue): string => `[${i.check}] ${i.field}: ${i.message}`;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

function schemaDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@microsoft/app-manifest/package.json');
  return join(dirname(pkg), 'build', 'json-schemas', 'teams', `v${MANIFEST_SCHEMA_VERSION}`);
}

/**
 * Ajv compiles patterns with the `u` flag; a few patterns in Microsoft's localization schema contain a lone
 * `]` (valid without `u`, a syntax error with it). Escaping such a bracket does not change what the pattern
 * matches, so the schema's meaning is kept.
 */
export function unicodeSafePattern(pattern: string): string {
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    let out = '';
    let inClass = false;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === '\\') {
        out += c + (pattern[i + 1] ?? '');
        i++;
      } else if (c === '[' && !inClass) {
        inClass = true;
        out += c;
      } else if (c === ']') {
        out += inClass ? c : '\\]';
        inClass = false;
      } else out += c;
    }
    return out;
  }
}

function sanitizePatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(sanitizePatterns);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'pattern' && typeof v === 'string') out[k] = unicodeSafePattern(v);
    else if (k === 'patternProperties' && v && typeof v === 'object')
      out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [unicodeSafePattern(pk), sanitizePatterns(pv)]));
    else out[k] = sanitizePatterns(v);
  }
  return out;
}

function loadSchema(file: string): object {
  return sanitizePatterns(JSON.parse(readFileSync(join(schemaDir(), file), 'utf8'))) as object;
}

/** `/bots/0/botId` → `bots[0].botId` */
export function pointerToField(pointer: string): string {
  if (!pointer) return '(root)';
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

function valueAt(doc: Json, pointer: string): Json | undefined {
  let cur: Json | undefined = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(part)] : cur[part];
  }
  return cur;
}

/**
 * Turns the package's "<pointer> <message>. Details: <json>" strings into field + plain message. Ajv's
 * anyOf/oneOf bookkeeping lines say nothing a person can act on, so they are dropped when a more specific
 * error exists.
 */
function schemaIssues(doc: Json, raw: string[], fileLabel: string | null): ManifestIssue[] {
  const out: ManifestIssue[] = [];
  for (const line of raw) {
    const m = /^(\S*) (.*?)\. Details: (.*)$/s.exec(line);
    const pointer = m?.[1] ?? '';
    const message = m?.[2] ?? line;
    let params: Record<string, unknown> = {};
    try {
      params = m?.[3] ? (JSON.parse(m[3]) as Record<string, unknown>) : {};
    } catch {
      params = {};
    }
    if (/must match (a schema in anyOf|exactly one schema in oneOf)|must match "then" schema/.test(message)) continue;
    let field = pointerToField(pointer);
    let text = message;
    const value = valueAt(doc, pointer);
    if (typeof params.missingProperty === 'string') {
      field = field === '(root)' ? params.missingProperty : `${field}.${params.missingProperty}`;
      text = 'is required but missing';
    } else if (Array.isArray(params.allowedValues)) {
      text = `${JSON.stringify(value)} is not allowed; expected one of ${params.allowedValues.join(', ')}`;
    } else if (typeof params.pattern === 'string') {
      text = `${JSON.stringify(value)} does not match the required pattern ${params.pattern}`;
    } else if (typeof params.additionalProperty === 'string') {
      field = field === '(root)' ? params.additionalProperty : `${field}.${params.additionalProperty}`;
      text = 'is not a property the schema allows here';
    } else if (typeof params.allowedValue !== 'undefined') {
      text = `${JSON.stringify(value)} is not allowed; expected ${JSON.stringify(params.allowedValue)}`;
    } else if (typeof params.limit === 'number') {
      text = `${message} (got ${JSON.stringify(value)})`;
    }
    out.push({ field: fileLabel ? `${fileLabel}: ${field}` : field, message: text, check: 'schema' });
  }
  const seen = new Set<string>();
  return out.filter((i) => {
    const key = `${i.field}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type Validate = (doc: unknown, schema: unknown) => Promise<string[]>;
const validateAgainst = AppManifestUtils.validateAgainstSchema.bind(AppManifestUtils) as unknown as Validate;

/** JSON-schema validation of manifest.json against the offline schema of MANIFEST_SCHEMA_VERSION. */
export async function validateManifestSchema(manifest: JsonObject): Promise<ManifestIssue[]> {
  const raw = await validateAgainst(manifest, loadSchema('MicrosoftTeams.schema.json'));
  return schemaIssues(manifest, raw, null);
}

/** JSON-schema validation of one localization file. */
export async function validateLocalizationSchema(file: string, doc: JsonObject): Promise<ManifestIssue[]> {
  const raw = await validateAgainst(doc, loadSchema('MicrosoftTeams.Localization.schema.json'));
  return schemaIssues(doc, raw, file);
}

// ---------------------------------------------------------------------------------------------- icons

interface IconRule {
  field: string;
  width: number;
  height: number;
  outline: boolean;
}

export function checkIcon(rule: IconRule, file: string, bytes: Uint8Array | undefined): ManifestIssue[] {
  const issue = (message: string): ManifestIssue => ({ field: `${rule.field} (${file})`, message, check: 'icons' });
  if (!bytes) return [issue('the file is not in the package')];
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes));
  } catch (e) {
    return [issue(`is not a readable PNG (${(e as Error).message})`)];
  }
  if (png.width !== rule.width || png.height !== rule.height)
    return [issue(`is ${png.width}×${png.height} pixels; expected ${rule.width}×${rule.height}`)];
  if (!rule.outline) {
    let visible = 0;
    for (let i = 3; i < png.data.length; i += 4) if (png.data[i]! > 0) visible++;
    return visible === 0 ? [issue('is fully transparent; expected a full-colour icon')] : [];
  }
  let transparent = 0;
  let drawn = 0;
  let notWhite = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const a = png.data[i + 3]!;
    if (a === 0) transparent++;
    else {
      drawn++;
      if (png.data[i]! < 245 || png.data[i + 1]! < 245 || png.data[i + 2]! < 245) notWhite++;
    }
  }
  const out: ManifestIssue[] = [];
  if (transparent === 0) out.push(issue('has no transparent pixels; expected white strokes on a transparent background'));
  if (drawn === 0) out.push(issue('is empty; expected white strokes on a transparent background'));
  if (notWhite > 0) out.push(issue(`has ${notWhite} visible pixels that are not white; expected only white on transparent`));
  return out;
}

// ---------------------------------------------------------------------------------------------- domains

/** Every http(s) URL in the manifest with its field, except the $schema reference. */
export function collectUrls(doc: Json, path = ''): { field: string; url: string }[] {
  if (typeof doc === 'string') return /^https?:\/\//i.test(doc) ? [{ field: path, url: doc }] : [];
  if (Array.isArray(doc)) return doc.flatMap((v, i) => collectUrls(v, `${path}[${i}]`));
  if (doc && typeof doc === 'object')
    return Object.entries(doc).flatMap(([k, v]) => (k === '$schema' ? [] : collectUrls(v, path ? `${path}.${k}` : k)));
  return [];
}

export function hostAllowed(host: string, validDomains: string[]): boolean {
  const h = host.toLowerCase();
  return validDomains.some((raw) => {
    const d = raw.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    if (d.startsWith('*.')) return h.endsWith(d.slice(1)) && h.length > d.length - 1;
    return h === d || h === d.replace(/:\d+$/, '');
  });
}

function checkDomains(manifest: JsonObject): ManifestIssue[] {
  const valid = Array.isArray(manifest.validDomains) ? manifest.validDomains.filter((d): d is string => typeof d === 'string') : [];
  const out: ManifestIssue[] = [];
  for (const { field, url } of collectUrls(manifest)) {
    const host = new URL(url).hostname;
    if (!hostAllowed(host, valid))
      out.push({ field, message: `host "${host}" of ${url} is not in validDomains (${valid.join(', ') || 'empty'})`, check: 'domains' });
  }
  const wai = manifest.webApplicationInfo;
  if (wai && typeof wai === 'object' && !Array.isArray(wai) && typeof wai.resource === 'string') {
    const m = /^api:\/\/([^/]+)\//.exec(wai.resource);
    const host = m?.[1]?.replace(/:\d+$/, '');
    // Teams SSO only issues tokens when the resource's domain is the tab's domain.
    if (host && !hostAllowed(host, valid))
      out.push({
        field: 'webApplicationInfo.resource',
        message: `host "${host}" of ${wai.resource} is not in validDomains (${valid.join(', ')})`,
        check: 'domains',
      });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- ids

function checkIds(manifest: JsonObject): ManifestIssue[] {
  const out: ManifestIssue[] = [];
  const guidField = (field: string, value: Json | undefined) => {
    if (value === undefined) return;
    if (typeof value !== 'string' || !GUID.test(value))
      out.push({ field, message: `${JSON.stringify(value)} is not a GUID; expected the Entra application (client) id in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, check: 'ids' });
  };
  guidField('id', manifest.id);
  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  bots.forEach((b, i) => {
    if (b && typeof b === 'object' && !Array.isArray(b)) guidField(`bots[${i}].botId`, b.botId);
  });
  const wai = manifest.webApplicationInfo;
  const waiId = wai && typeof wai === 'object' && !Array.isArray(wai) ? wai.id : undefined;
  guidField('webApplicationInfo.id', waiId);
  const bot0 = bots[0];
  const botId = bot0 && typeof bot0 === 'object' && !Array.isArray(bot0) ? bot0.botId : undefined;
  // One Entra app serves the bot, the tab's SSO and Graph (CONVENTIONS.md): the ids must agree.
  if (typeof botId === 'string' && typeof waiId === 'string' && botId.toLowerCase() !== waiId.toLowerCase())
    out.push({ field: 'webApplicationInfo.id', message: `${waiId} differs from bots[0].botId ${botId}; expected the same app id`, check: 'ids' });
  return out;
}

// ---------------------------------------------------------------------------------------------- permissions

/**
 * The manifest strings a user sees that Teams can translate, as localization keys. English users should
 * never meet a Swedish command or tab name, so every one of them must be in each language file.
 */
export function localizableKeys(manifest: JsonObject): string[] {
  const keys = ['name.short', 'name.full', 'description.short', 'description.full'];
  const asObj = (v: Json | undefined) => (v && typeof v === 'object' && !Array.isArray(v) ? v : null);
  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  const lists = asObj(bots[0])?.commandLists;
  (Array.isArray(lists) ? lists : []).forEach((list, i) => {
    const commands = asObj(list)?.commands;
    (Array.isArray(commands) ? commands : []).forEach((c, j) => {
      for (const f of ['title', 'description'] as const)
        if (typeof asObj(c)?.[f] === 'string') keys.push(`bots[0].commandLists[${i}].commands[${j}].${f}`);
    });
  });
  const tabs = Array.isArray(manifest.staticTabs) ? manifest.staticTabs : [];
  tabs.forEach((t, i) => {
    if (typeof asObj(t)?.name === 'string') keys.push(`staticTabs[${i}].name`);
  });
  const name = asObj(manifest.name);
  return keys.filter((k) => k !== 'name.full' || typeof name?.full === 'string');
}

export function checkLocalizationComplete(manifest: JsonObject, file: string, doc: JsonObject): ManifestIssue[] {
  return localizableKeys(manifest)
    .filter((k) => typeof doc[k] !== 'string' || (doc[k] as string).trim() === '')
    .map((k) => ({ field: `${file}: ${k}`, message: 'has no translation; expected every user-visible manifest string translated', check: 'localization' }));
}

// ---------------------------------------------------------------------------------------------- package

export { checkPermissions, scanPermissionUsage, type PermissionCheckOptions } from './check-permissions';
export type ValidateOptions = PermissionCheckOptions;

function parseJsonFile(files: PackageFiles, name: string, issues: ManifestIssue[]): JsonObject | null {
  const bytes = files[name];
  if (!bytes) {
    issues.push({ field: name, message: 'is not in the package', check: 'files' });
    return null;
  }
  try {
    const v = JSON.parse(bytesText(bytes)) as Json;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
    issues.push({ field: name, message: 'is not a JSON object', check: 'files' });
  } catch (e) {
    issues.push({ field: name, message: `is not valid JSON (${(e as Error).message})`, check: 'files' });
  }
  return null;
}

/** Validates the unzipped package exactly as it will be uploaded. Empty result = valid. */
export async function validatePackage(files: PackageFiles, opts: ValidateOptions): Promise<ManifestIssue[]> {
  const issues: ManifestIssue[] = [];
  const manifest = parseJsonFile(files, 'manifest.json', issues);
  if (!manifest) return issues;
  issues.push(...(await validateManifestSchema(manifest)));

  const loc = manifest.localizationInfo;
  const langs = loc && typeof loc === 'object' && !Array.isArray(loc) && Array.isArray(loc.additionalLanguages) ? loc.additionalLanguages : [];
  for (const l of langs) {
    if (!l || typeof l !== 'object' || Array.isArray(l) || typeof l.file !== 'string') continue;
    const doc = parseJsonFile(files, l.file, issues);
    if (doc) issues.push(...(await validateLocalizationSchema(l.file, doc)), ...checkLocalizationComplete(manifest, l.file, doc));
  }

  const icons = manifest.icons && typeof manifest.icons === 'object' && !Array.isArray(manifest.icons) ? manifest.icons : {};
  if (typeof icons.color === 'string')
    issues.push(...checkIcon({ field: 'icons.color', width: 192, height: 192, outline: false }, icons.color, files[icons.color]));
  if (typeof icons.outline === 'string')
    issues.push(...checkIcon({ field: 'icons.outline', width: 32, height: 32, outline: true }, icons.outline, files[icons.outline]));

  issues.push(...checkIds(manifest), ...checkDomains(manifest), ...checkPermissions(manifest, opts));
  return issues;
}
