import { RSC_PERMISSIONS } from './permissions';

/**
 * Builds the Teams app manifest (Swedish, the default language) and its English localization file from
 * configuration. Pure: no file system, no environment access except through `manifestOptionsFromEnv`.
 */

/** Newest non-preview schema shipped offline in @microsoft/app-manifest (build/json-schemas/teams/). */
export const MANIFEST_SCHEMA_VERSION = '1.30';
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_SCHEMA_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_SCHEMA_VERSION}/MicrosoftTeams.Localization.schema.json`;

/**
 * Used when MicrosoftAppId is not set: local packaging for the Agents Playground. Deliberately all zeros
 * but the last digit so nobody mistakes it for a registered app; Teams itself will not accept it.
 */
export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000001';

/** Region blue, also the colour icon's background. */
export const ACCENT_COLOR = '#0F5C8C';

export const COLOR_ICON_FILE = 'color.png';
export const OUTLINE_ICON_FILE = 'outline.png';
export const EN_LOCALIZATION_FILE = 'en-us.json';

/** The frame contexts the configurable tab serves: channel, chat and every meeting surface. */
export const TAB_CONTEXTS = [
  'channelTab',
  'privateChatTab',
  'meetingChatTab',
  'meetingDetailsTab',
  'meetingSidePanel',
  'meetingStage',
] as const;

export interface ManifestOptions {
  /** MicrosoftAppId: the one Entra app for bot, SSO and Graph. Null → placeholder with a warning. */
  appId: string | null;
  /** RADSLAG_PUBLIC_URL, no trailing slash needed. */
  publicUrl: string;
  /** RADSLAG_SSO_AUDIENCE; default api://<host>/<appId>. */
  ssoAudience: string | null;
  /** App version (semver); defaults to the package version passed in by the caller. */
  version: string;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface BuiltManifest {
  manifest: JsonObject;
  /** file name → localization JSON */
  localizations: Record<string, JsonObject>;
  warnings: string[];
  appId: string;
  usesPlaceholderId: boolean;
}

/** Reads the CONVENTIONS.md variable names; defaults mirror bot/config.ts. */
export function manifestOptionsFromEnv(env: NodeJS.ProcessEnv, version: string): ManifestOptions {
  const get = (name: string): string | null => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? null : v.trim();
  };
  const port = get('PORT') ?? '3978';
  return {
    appId: get('MicrosoftAppId'),
    publicUrl: get('RADSLAG_PUBLIC_URL') ?? `http://localhost:${port}`,
    ssoAudience: get('RADSLAG_SSO_AUDIENCE'),
    version,
  };
}

interface Command {
  sv: { title: string; description: string };
  en: { title: string; description: string };
}

// Command words are what members type in chat; keep them short, lower case and Swedish first.
const PERSONAL_COMMANDS: Command[] = [
  { sv: { title: 'hjälp', description: 'Visa vad Rådslag kan göra' }, en: { title: 'help', description: 'Show what Rådslag can do' } },
  {
    sv: { title: 'förhinder', description: 'Meddela förhinder till ett kommande möte' },
    en: { title: 'absence', description: 'Give notice that you cannot attend an upcoming meeting' },
  },
  {
    sv: { title: 'mina möten', description: 'Visa dina kommande möten och vad du ska justera' },
    en: { title: 'my meetings', description: 'Show your upcoming meetings and minutes to sign' },
  },
];

const TEAM_COMMANDS: Command[] = [
  { sv: { title: 'hjälp', description: 'Visa vad Rådslag kan göra' }, en: { title: 'help', description: 'Show what Rådslag can do' } },
  {
    sv: { title: 'koppla', description: 'Koppla ett samverkansråd eller en chefsgrupp till det här teamet' },
    en: { title: 'bind', description: 'Bind a council or management group to this team' },
  },
  {
    sv: { title: 'möten', description: 'Visa rådets kommande möten' },
    en: { title: 'meetings', description: "Show the council's upcoming meetings" },
  },
];

const MEETING_CHAT_COMMANDS: Command[] = [
  { sv: { title: 'hjälp', description: 'Visa vad Rådslag kan göra' }, en: { title: 'help', description: 'Show what Rådslag can do' } },
  {
    sv: { title: 'närvaro', description: 'Visa närvaron i mötet just nu' },
    en: { title: 'attendance', description: 'Show who is attending the meeting right now' },
  },
  {
    sv: { title: 'förhinder', description: 'Meddela förhinder till mötet' },
    en: { title: 'absence', description: 'Give notice that you cannot attend the meeting' },
  },
];

const COMMAND_LISTS: { scope: 'personal' | 'team' | 'groupChat'; commands: Command[] }[] = [
  { scope: 'personal', commands: PERSONAL_COMMANDS },
  { scope: 'team', commands: TEAM_COMMANDS },
  { scope: 'groupChat', commands: MEETING_CHAT_COMMANDS },
];

const TEXT = {
  sv: {
    nameShort: 'Rådslag',
    nameFull: 'Rådslag – mötesstöd för samverkansråd',
    descriptionShort: 'Närvaro, dagordning, beslut och protokoll direkt i Teams-mötet.',
    descriptionFull:
      'Rådslag hjälper samverkansråd och chefsgrupper att hålla sina möten i Teams. Ordföranden leder ' +
      'dagordningen från mötets sidopanel, närvaron samlas in från mötet och genom incheckning i rummet, ' +
      'beslut fångas som kort som sekreteraren bekräftar, förhinder tas emot i chatten och ersättare kallas in. ' +
      'Efter mötet publiceras protokollet i rådets kanal och justerarna justerar det direkt i Teams.',
    personalTab: 'Mina möten',
  },
  en: {
    nameShort: 'Rådslag',
    nameFull: 'Rådslag – meeting support for collaboration councils',
    descriptionShort: 'Attendance, agenda, decisions and minutes right in the Teams meeting.',
    descriptionFull:
      'Rådslag helps collaboration councils and management groups run their meetings in Teams. The chair ' +
      "runs the agenda from the meeting side panel, attendance is collected from the meeting and by check-in " +
      'in the room, decisions are captured as cards the secretary confirms, notices of absence are taken in chat ' +
      "and substitutes are called in. After the meeting the minutes are posted to the council's channel and the " +
      'verifiers sign them off in Teams.',
    personalTab: 'My meetings',
  },
} as const;

export function buildManifest(options: ManifestOptions): BuiltManifest {
  const warnings: string[] = [];
  const usesPlaceholderId = !options.appId;
  const appId = options.appId ?? PLACEHOLDER_APP_ID;
  if (usesPlaceholderId)
    warnings.push(
      `MicrosoftAppId is not set: using the placeholder app id ${PLACEHOLDER_APP_ID}. ` +
        'This package is for local trials (Agents Playground) only; Teams will not accept it.',
    );

  let base: URL;
  try {
    base = new URL(options.publicUrl);
  } catch {
    // The builder cannot guess a host; the checks report the field, but a URL is needed to build at all.
    throw new Error(`RADSLAG_PUBLIC_URL: "${options.publicUrl}" is not a URL (expected e.g. https://radslag.example.se)`);
  }
  const baseUrl = options.publicUrl.replace(/\/+$/, '');
  if (base.protocol !== 'https:')
    warnings.push(`RADSLAG_PUBLIC_URL is ${base.protocol}//…: Teams loads tabs only over https; fine for local trials only.`);
  const host = base.hostname;
  const ssoAudience = options.ssoAudience ?? `api://${base.host}/${appId}`;

  const manifest: JsonObject = {
    $schema: MANIFEST_SCHEMA_URL,
    manifestVersion: MANIFEST_SCHEMA_VERSION,
    version: options.version,
    id: appId,
    localizationInfo: {
      defaultLanguageTag: 'sv-se',
      additionalLanguages: [{ languageTag: 'en-us', file: EN_LOCALIZATION_FILE }],
    },
    developer: {
      name: 'Rådslag',
      websiteUrl: `${baseUrl}/`,
      privacyUrl: `${baseUrl}/privacy`,
      termsOfUseUrl: `${baseUrl}/terms`,
    },
    name: { short: TEXT.sv.nameShort, full: TEXT.sv.nameFull },
    description: { short: TEXT.sv.descriptionShort, full: TEXT.sv.descriptionFull },
    icons: { color: COLOR_ICON_FILE, outline: OUTLINE_ICON_FILE },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: appId,
        scopes: ['personal', 'team', 'groupChat'],
        isNotificationOnly: false,
        supportsFiles: false,
        supportsCalling: false,
        supportsVideo: false,
        commandLists: COMMAND_LISTS.map((list) => ({
          scopes: [list.scope],
          commands: list.commands.map((c) => ({ title: c.sv.title, description: c.sv.description })),
        })),
      },
    ],
    configurableTabs: [
      {
        id: 'radslag',
        configurationUrl: `${baseUrl}/tab/config`,
        canUpdateConfiguration: true,
        scopes: ['team', 'groupChat'],
        context: [...TAB_CONTEXTS],
        meetingSurfaces: ['sidePanel', 'stage'],
      },
    ],
    staticTabs: [
      {
        entityId: 'mina-moten',
        name: TEXT.sv.personalTab,
        contentUrl: `${baseUrl}/tab/personal`,
        websiteUrl: `${baseUrl}/tab/personal`,
        scopes: ['personal'],
        context: ['personalTab'],
      },
    ],
    // Adding Rådslag to a meeting should open the side panel tab; in a team or chat the bot greets first.
    defaultGroupCapability: { team: 'bot', groupchat: 'bot', meetings: 'tab' },
    validDomains: [host],
    webApplicationInfo: { id: appId, resource: ssoAudience },
    authorization: {
      permissions: {
        resourceSpecific: RSC_PERMISSIONS.map((p) => ({ name: p.name, type: p.type })),
      },
    },
  };

  const en: JsonObject = {
    $schema: LOCALIZATION_SCHEMA_URL,
    'name.short': TEXT.en.nameShort,
    'name.full': TEXT.en.nameFull,
    'description.short': TEXT.en.descriptionShort,
    'description.full': TEXT.en.descriptionFull,
    'staticTabs[0].name': TEXT.en.personalTab,
  };
  COMMAND_LISTS.forEach((list, i) =>
    list.commands.forEach((c, j) => {
      en[`bots[0].commandLists[${i}].commands[${j}].title`] = c.en.title;
      en[`bots[0].commandLists[${i}].commands[${j}].description`] = c.en.description;
    }),
  );

  return { manifest, localizations: { [EN_LOCALIZATION_FILE]: en }, warnings, appId, usesPlaceholderId };
}
