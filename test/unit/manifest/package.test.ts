import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildManifest, PLACEHOLDER_APP_ID, type JsonObject, type ManifestOptions } from '../../../manifest/build-manifest';
import {
  formatIssue,
  hostAllowed,
  pointerToField,
  scanPermissionUsage,
  unicodeSafePattern,
  validatePackage,
  type ManifestIssue,
} from '../../../manifest/check-manifest';
import { assemblePackageFiles, packageApp } from '../../../manifest/package';
import { declaredPermissionNames, GRAPH_DELEGATED_PERMISSIONS, RSC_PERMISSIONS } from '../../../manifest/permissions';
import { jsonBytes, type PackageFiles } from '../../../manifest/zip';

const APP_ID = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const PUBLIC_URL = 'https://radslag.regionorebrolan.se';
const PERMISSIONS_DOC = resolve(__dirname, '../../../docs/permissions.md');

let tmp: string;
/** A stand-in source tree that names every declared permission the way real code does. */
let usingRoot: string;
/** A source tree that mentions the permissions only in comments: must not count as use. */
let commentOnlyRoot: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'radslag-manifest-'));
  usingRoot = join(tmp, 'src-using');
  mkdirSync(join(usingRoot, 'graph'), { recursive: true });
  writeFileSync(
    join(usingRoot, 'graph', 'scopes.ts'),
    `const scopes = [${GRAPH_DELEGATED_PERMISSIONS.map((p) => `graphScope('${p.name}')`).join(', ')}];\n` +
      `const rsc = [${RSC_PERMISSIONS.map((p) => `"${p.name}"`).join(', ')}];\n`,
  );
  commentOnlyRoot = join(tmp, 'src-comments');
  mkdirSync(commentOnlyRoot, { recursive: true });
  writeFileSync(join(commentOnlyRoot, 'a.ts'), `// needs ${declaredPermissionNames().join(' and ')}\nexport const x = 1;\n`);
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const options = (over: Partial<ManifestOptions> = {}): ManifestOptions => ({
  appId: APP_ID,
  publicUrl: PUBLIC_URL,
  ssoAudience: null,
  version: '1.2.3',
  ...over,
});

function validFiles(over: Partial<ManifestOptions> = {}): PackageFiles {
  return assemblePackageFiles(buildManifest(options(over)));
}

function withManifest(files: PackageFiles, mutate: (m: JsonObject & Record<string, any>) => void): PackageFiles {
  const m = JSON.parse(strFromU8(files['manifest.json']!)) as JsonObject & Record<string, any>;
  mutate(m);
  return { ...files, 'manifest.json': jsonBytes(m) };
}

const validate = (files: PackageFiles, sourceRoots = [usingRoot]) =>
  validatePackage(files, { sourceRoots, permissionsDoc: PERMISSIONS_DOC });

const only = (issues: ManifestIssue[], check: string) => issues.filter((i) => i.check === check);

describe('npm run package (packageApp)', () => {
  it('builds the zip in a temp dir, validates it offline and the unzipped content is the Rådslag app', async () => {
    const outFile = join(tmp, 'out', 'radslag-teams-app.zip');
    const result = await packageApp({ manifest: options(), outFile, sourceRoots: [usingRoot], permissionsDoc: PERMISSIONS_DOC });
    expect(result.issues.map(formatIssue)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.zipPath).toBe(outFile);

    const files = unzipSync(new Uint8Array(readFileSync(outFile)));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);

    const m = JSON.parse(strFromU8(files['manifest.json']!));
    expect(m.manifestVersion).toBe('1.30');
    expect(m.version).toBe('1.2.3');
    expect(m.id).toBe(APP_ID);
    expect(m.bots[0].botId).toBe(APP_ID);
    expect(m.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(m.bots[0].supportsCalling).toBe(false);
    expect(m.bots[0].commandLists[0].commands[0].title).toBe('hjälp');
    expect(m.configurableTabs[0].configurationUrl).toBe(`${PUBLIC_URL}/tab/config`);
    expect(m.configurableTabs[0].context).toEqual([
      'channelTab',
      'privateChatTab',
      'meetingChatTab',
      'meetingDetailsTab',
      'meetingSidePanel',
      'meetingStage',
    ]);
    expect(m.validDomains).toEqual(['radslag.regionorebrolan.se']);
    expect(m.webApplicationInfo).toEqual({ id: APP_ID, resource: `api://radslag.regionorebrolan.se/${APP_ID}` });
    expect(m.authorization.permissions.resourceSpecific.map((p: { name: string }) => p.name)).toEqual([
      'OnlineMeeting.ReadBasic.Chat',
      'OnlineMeetingParticipant.Read.Chat',
      'ChannelMeeting.ReadBasic.Group',
    ]);
    expect(m.localizationInfo.defaultLanguageTag).toBe('sv-se');
    expect(m.name.short).toBe('Rådslag');
    expect(m.description.short).toMatch(/Närvaro/);

    const en = JSON.parse(strFromU8(files['en-us.json']!));
    expect(en['description.short']).toMatch(/^Attendance/);
    expect(en['bots[0].commandLists[0].commands[0].title']).toBe('help');

    const color = PNG.sync.read(Buffer.from(files['color.png']!));
    const outline = PNG.sync.read(Buffer.from(files['outline.png']!));
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
  });

  it('without MicrosoftAppId uses the placeholder id with a warning and is still valid (Agents Playground)', async () => {
    const outFile = join(tmp, 'local', 'app.zip');
    const result = await packageApp({
      manifest: options({ appId: null, publicUrl: 'http://localhost:3978' }),
      outFile,
      sourceRoots: [usingRoot],
      permissionsDoc: PERMISSIONS_DOC,
    });
    expect(result.issues.map(formatIssue)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.warnings.join('\n')).toMatch(/MicrosoftAppId is not set.*placeholder/);
    expect(result.warnings.join('\n')).toMatch(/https/);
    const m = JSON.parse(strFromU8(unzipSync(new Uint8Array(readFileSync(outFile)))['manifest.json']!));
    expect(m.id).toBe(PLACEHOLDER_APP_ID);
    expect(m.validDomains).toEqual(['localhost']);
  });

  it('RADSLAG_SSO_AUDIENCE overrides the default application ID URI', () => {
    const built = buildManifest(options({ ssoAudience: `api://radslag.regionorebrolan.se/custom-${APP_ID}` }));
    expect((built.manifest.webApplicationInfo as JsonObject).resource).toBe(`api://radslag.regionorebrolan.se/custom-${APP_ID}`);
  });

  it('refuses to write the zip while a declared permission is named by no code, unless explicitly allowed', async () => {
    const outFile = join(tmp, 'refused', 'app.zip');
    const refused = await packageApp({ manifest: options(), outFile, sourceRoots: [commentOnlyRoot], permissionsDoc: PERMISSIONS_DOC });
    expect(refused.ok).toBe(false);
    expect(refused.zipPath).toBeNull();
    expect(existsSync(outFile)).toBe(false);
    expect(only(refused.issues, 'permission-usage')).toHaveLength(declaredPermissionNames().length);

    const allowed = await packageApp({
      manifest: options(),
      outFile,
      sourceRoots: [commentOnlyRoot],
      permissionsDoc: PERMISSIONS_DOC,
      allowUnreferencedPermissions: true,
    });
    expect(allowed.ok).toBe(true);
    expect(existsSync(outFile)).toBe(true);
    expect(allowed.warnings.filter((w) => w.includes('is declared but no code'))).toHaveLength(declaredPermissionNames().length);
  });
});

describe('broken manifests fail with a clear message', () => {
  it('a wrong frame context names the field, the bad value and the allowed ones', async () => {
    const files = withManifest(validFiles(), (m) => {
      m.configurableTabs[0].context[4] = 'meetingSidepanel';
    });
    const issues = await validate(files);
    const issue = only(issues, 'schema').find((i) => i.field === 'configurableTabs[0].context[4]');
    expect(issue?.message).toMatch(/"meetingSidepanel" is not allowed; expected one of .*meetingSidePanel/);
  });

  it('a missing bots[0].botId is reported as that field, required', async () => {
    const files = withManifest(validFiles(), (m) => {
      delete m.bots[0].botId;
    });
    const issues = await validate(files);
    expect(issues.map(formatIssue)).toContain('[schema] bots[0].botId: is required but missing');
  });

  it('an id that is not a GUID is reported by the schema and by the id check', async () => {
    const files = withManifest(validFiles(), (m) => {
      m.id = 'radslag-app';
    });
    const issues = await validate(files);
    expect(only(issues, 'schema').find((i) => i.field === 'id')?.message).toMatch(/"radslag-app" does not match the required pattern/);
    expect(only(issues, 'ids').find((i) => i.field === 'id')?.message).toMatch(/is not a GUID/);
  });

  it('an icon of the wrong size names the icon and both sizes', async () => {
    const small = PNG.sync.write(new PNG({ width: 100, height: 100, fill: true }));
    const issues = await validate({ ...validFiles(), 'color.png': small });
    expect(issues.map(formatIssue)).toContain('[icons] icons.color (color.png): is 100×100 pixels; expected 192×192');
  });

  it('an outline icon that is not white on transparent is refused', async () => {
    const png = new PNG({ width: 32, height: 32 });
    for (let i = 0; i < png.data.length; i += 4) png.data.set([15, 92, 140, 255], i);
    const issues = only(await validate({ ...validFiles(), 'outline.png': PNG.sync.write(png) }), 'icons');
    expect(issues.map((i) => i.message).join('\n')).toMatch(/no transparent pixels/);
    expect(issues.map((i) => i.message).join('\n')).toMatch(/1024 visible pixels that are not white/);
  });

  it('a URL whose host is not in validDomains names the field and the host', async () => {
    const files = withManifest(validFiles(), (m) => {
      m.staticTabs[0].contentUrl = 'https://elsewhere.example.com/tab/personal';
    });
    const issues = only(await validate(files), 'domains');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe('staticTabs[0].contentUrl');
    expect(issues[0]!.message).toMatch(/host "elsewhere.example.com".*not in validDomains \(radslag.regionorebrolan.se\)/);
  });

  it('an SSO resource on another host than the tab is refused', async () => {
    const files = withManifest(validFiles(), (m) => {
      m.webApplicationInfo.resource = `api://other.example.com/${APP_ID}`;
    });
    expect(only(await validate(files), 'domains').map((i) => i.field)).toEqual(['webApplicationInfo.resource']);
  });

  it('bot id and SSO app id must be the one Entra app', async () => {
    const files = withManifest(validFiles(), (m) => {
      m.webApplicationInfo.id = '11111111-2222-4333-8444-555555555555';
    });
    expect(only(await validate(files), 'ids').map(formatIssue)).toEqual([
      `[ids] webApplicationInfo.id: 11111111-2222-4333-8444-555555555555 differs from bots[0].botId ${APP_ID}; expected the same app id`,
    ]);
  });

  it('an RSC permission not declared in manifest/permissions.ts is refused', async () => {
    const files = withManifest(validFiles(), (m) => {
      m.authorization.permissions.resourceSpecific.push({ name: 'ChatMessage.Read.Chat', type: 'Application' });
    });
    const issues = only(await validate(files), 'permissions');
    expect(issues.map((i) => i.field)).toEqual(['authorization.permissions.resourceSpecific[3].name']);
    expect(issues[0]!.message).toMatch(/"ChatMessage.Read.Chat" is not declared/);
  });

  it('a localization file that breaks its schema is reported with the file name', async () => {
    const files = validFiles();
    const en = JSON.parse(strFromU8(files['en-us.json']!));
    en['description.short'] = 'x'.repeat(81);
    const issues = only(await validate({ ...files, 'en-us.json': jsonBytes(en) }), 'schema');
    expect(issues.map((i) => i.field)).toContain('en-us.json: description.short');
  });

  it('a user-visible string without an English translation is reported with its key', async () => {
    const files = validFiles();
    const en = JSON.parse(strFromU8(files['en-us.json']!));
    delete en['bots[0].commandLists[1].commands[1].title'];
    const issues = only(await validate({ ...files, 'en-us.json': jsonBytes(en) }), 'localization');
    expect(issues.map(formatIssue)).toEqual([
      '[localization] en-us.json: bots[0].commandLists[1].commands[1].title: has no translation; expected every user-visible manifest string translated',
    ]);
  });

  it('a missing icon or localization file is reported as missing', async () => {
    const files = validFiles();
    delete files['outline.png'];
    delete files['en-us.json'];
    const text = (await validate(files)).map(formatIssue);
    expect(text).toContain('[icons] icons.outline (outline.png): the file is not in the package');
    expect(text).toContain('[files] en-us.json: is not in the package');
  });

  it('the unbroken package has no issues at all (the checks above are not always-failing)', async () => {
    expect((await validate(validFiles())).map(formatIssue)).toEqual([]);
  });
});

describe('permission usage scan', () => {
  it('finds names in string literals (also inside scope strings) but not in comments', () => {
    const dir = join(tmp, 'scan');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'x.ts'),
      "// User.Read is mentioned here only\nconst s = 'https://graph.microsoft.com/ChannelMessage.Send offline_access';\n",
    );
    writeFileSync(join(dir, 'x.test.ts'), "const t = 'User.Read';\n");
    const found = scanPermissionUsage([dir], ['User.Read', 'ChannelMessage.Send', 'Files.ReadWrite']);
    expect(found.get('ChannelMessage.Send')).toHaveLength(1);
    expect(found.get('User.Read')).toEqual([]);
    expect(found.get('Files.ReadWrite')).toEqual([]);
  });

  it('every declared permission is explained in docs/permissions.md', () => {
    const doc = readFileSync(PERMISSIONS_DOC, 'utf8');
    for (const name of declaredPermissionNames()) expect(doc).toContain(`\`${name}\``);
  });
});

describe('helpers', () => {
  it('pointerToField turns JSON pointers into manifest paths', () => {
    expect(pointerToField('/bots/0/commandLists/2/commands/1/title')).toBe('bots[0].commandLists[2].commands[1].title');
    expect(pointerToField('')).toBe('(root)');
  });

  it('unicodeSafePattern escapes only a lone ] (Microsoft localization schema) and keeps the meaning', () => {
    const raw = '^activities.activityTypes\\[\\b([0-9]|[1-8][0-9])\\b]\\.description$';
    expect(() => new RegExp(raw, 'u')).toThrow();
    const safe = unicodeSafePattern(raw);
    expect(new RegExp(safe, 'u').test('activities.activityTypes[12].description')).toBe(true);
    expect(new RegExp(safe, 'u').test('activities.activityTypes[x].description')).toBe(false);
    expect(unicodeSafePattern('^[a-z]+$')).toBe('^[a-z]+$');
  });

  it('hostAllowed honours exact hosts and *.wildcards only', () => {
    expect(hostAllowed('radslag.example.se', ['radslag.example.se'])).toBe(true);
    expect(hostAllowed('a.example.se', ['*.example.se'])).toBe(true);
    expect(hostAllowed('example.se', ['*.example.se'])).toBe(false);
    expect(hostAllowed('evil-example.se', ['*.example.se'])).toBe(false);
    expect(hostAllowed('radslag.example.se.evil.com', ['radslag.example.se'])).toBe(false);
  });

  it('a public URL that is not a URL fails with the variable name', () => {
    expect(() => buildManifest(options({ publicUrl: 'radslag' }))).toThrow(/RADSLAG_PUBLIC_URL/);
  });
});
