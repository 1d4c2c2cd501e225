/**
 * The one catalog of errors a person or client can see. Codes are stable: clients and tests match on them.
 * Messages come in Swedish and English; `{name}` placeholders are filled from the error's params.
 */
export interface CatalogEntry {
  status: number;
  sv: string;
  en: string;
}

export const ERROR_CATALOG = {
  VALIDATION_FAILED: { status: 400, sv: 'Uppgifterna är inte giltiga: {detail}', en: 'The input is not valid: {detail}' },
  MALFORMED_BODY: { status: 400, sv: 'Begäran kunde inte läsas (ogiltig JSON).', en: 'The request could not be read (invalid JSON).' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, sv: 'Begäran måste skickas som JSON (Content-Type: application/json).', en: 'The request must be sent as JSON (Content-Type: application/json).' },
  PAYLOAD_TOO_LARGE: { status: 413, sv: 'Begäran är för stor.', en: 'The request is too large.' },
  UNAUTHENTICATED: { status: 401, sv: 'Du är inte inloggad eller din inloggning har gått ut. Logga in igen.', en: 'You are not signed in, or your sign-in has expired. Sign in again.' },
  INSUFFICIENT_SCOPE: { status: 403, sv: 'Inloggningen ger inte Rådslag behörighet att agera åt dig (behörigheten access_as_user saknas). Logga in via Rådslag i Teams.', en: 'The sign-in does not let Rådslag act for you (the access_as_user permission is missing). Sign in through Rådslag in Teams.' },
  IDENTITY_CONFLICT: { status: 403, sv: 'Ditt Microsoft-konto matchar en person i Rådslag som redan är kopplad till ett annat konto. Be en administratör kontrollera kopplingen.', en: 'Your Microsoft account matches a person in Rådslag who is already linked to another account. Ask an administrator to check the link.' },
  FORBIDDEN: { status: 403, sv: 'Det är inte tillåtet: {reasonSv}.', en: 'Not allowed: {reasonEn}.' },
  NOT_FOUND: { status: 404, sv: '{entity} hittades inte.', en: '{entity} was not found.' },
  CONFLICT_STALE: { status: 409, sv: 'Någon annan ändrade detta samtidigt. Uppdatera och försök igen.', en: 'Someone else changed this at the same time. Refresh and try again.' },
  CONFLICT_STATE: { status: 409, sv: 'Det går inte just nu: {detail}', en: 'Not possible right now: {detail}' },
  CHECKIN_NOT_EXPECTED: { status: 403, sv: 'Du står inte på listan över dem som väntas till mötet, så du kan inte anmäla dig som på plats. Är du ersättare kan du checka in när du har blivit inkallad; annars kan sekreteraren föra in dig.', en: 'You are not among those expected at the meeting, so you cannot check in. An ersättare can check in once called in; otherwise the secretary can add you.' },
  CHECKIN_NOT_MEETING_DAY: { status: 409, sv: 'Du kan anmäla att du är på plats först på mötesdagen, {date}.', en: 'You can check in only on the day of the meeting, {date}.' },
  CHECKIN_NOT_CHECKED_IN: { status: 409, sv: 'Det finns ingen incheckning att ångra.', en: 'There is no check-in to undo.' },
  CHECKIN_UNDO_AFTER_END: { status: 409, sv: 'Mötet är avslutat, så incheckningen kan inte ångras längre. Stämmer närvaron inte kan sekreteraren rätta den.', en: 'The meeting has ended, so the check-in can no longer be undone. If the attendance is wrong, the secretary can correct it.' },
  DUPLICATE: { status: 409, sv: '{entity} finns redan.', en: '{entity} already exists.' },
  MINUTES_DRAFT_NOT_CONFIRMED: { status: 409, sv: 'Protokollet är inte justerat. Bekräfta att du vill publicera utkastet; inlägget i kanalen märks ”Utkast”.', en: 'The minutes are not signed. Confirm that you want to publish the draft; the channel post is marked “Draft”.' },
  LOCKED_FINAL: { status: 409, sv: 'Protokollet är justerat och låst. Gör en rättelse i stället.', en: 'The minutes are signed and locked. Make a correction instead.' },
  RATE_LIMITED: { status: 429, sv: 'För många förfrågningar. Vänta en stund och försök igen.', en: 'Too many requests. Wait a moment and try again.' },
  STORE_UNAVAILABLE: { status: 503, sv: 'Lagringen är inte tillgänglig just nu. Försök igen om en stund.', en: 'Storage is not available right now. Try again in a moment.' },
  UPSTREAM_FAILED: { status: 502, sv: 'Microsoft-tjänsten svarade inte som väntat: {detail}', en: 'The Microsoft service did not answer as expected: {detail}' },
  NOT_CONFIGURED: { status: 503, sv: '{feature} är inte konfigurerat på den här servern.', en: '{feature} is not configured on this server.' },
  INTERNAL: { status: 500, sv: 'Ett oväntat fel inträffade. Försök igen; kvarstår felet, kontakta förvaltningen med referens {correlationId}.', en: 'An unexpected error occurred. Try again; if it persists, contact support with reference {correlationId}.' },
} as const satisfies Record<string, CatalogEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export type ErrorParams = Record<string, string | number | undefined>;

export class RadslagError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  /** Extra machine-readable data for clients (e.g. fresh data on a conflict). */
  readonly data?: unknown;

  constructor(code: ErrorCode, params: ErrorParams = {}, data?: unknown) {
    super(formatMessage(code, 'en', params));
    this.name = 'RadslagError';
    this.code = code;
    this.params = params;
    this.data = data;
  }

  get status(): number {
    return ERROR_CATALOG[this.code].status;
  }
}

export function formatMessage(code: ErrorCode, locale: 'sv' | 'en', params: ErrorParams = {}): string {
  const template = ERROR_CATALOG[code][locale];
  // A parameter may come in both languages (detailSv / detailEn); the plain one serves both otherwise.
  const suffix = locale === 'sv' ? 'Sv' : 'En';
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[`${key}${suffix}`] ?? params[key];
    return value === undefined ? '' : String(value);
  });
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; messageSv: string; messageEn: string; correlationId?: string; data?: unknown };
}

export function toErrorBody(err: RadslagError, locale: 'sv' | 'en', correlationId?: string): ErrorBody {
  const params = { ...err.params, correlationId };
  return {
    error: {
      code: err.code,
      message: formatMessage(err.code, locale, params),
      messageSv: formatMessage(err.code, 'sv', params),
      messageEn: formatMessage(err.code, 'en', params),
      ...(correlationId ? { correlationId } : {}),
      ...(err.data !== undefined ? { data: err.data } : {}),
    },
  };
}

export const isRadslagError = (e: unknown): e is RadslagError => e instanceof RadslagError;
