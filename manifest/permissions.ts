/**
 * Every permission Rådslag asks for, in one list. The manifest's resource-specific consent (RSC) block
 * is generated from RSC_PERMISSIONS; the Entra app registration (docs/going-live.md) must grant the
 * delegated Graph permissions in GRAPH_DELEGATED_PERMISSIONS. `npm run package` refuses a permission
 * that docs/permissions.md does not explain or that no code under bot/ or tab/ names, so the list
 * cannot silently grow beyond what the product uses.
 *
 * Code that needs a permission names it through `rscPermission(...)` / `graphScope(...)` (or the plain
 * string): the package check finds those references by scanning string literals.
 */

export interface RscPermission {
  /** Name exactly as Teams expects it in authorization.permissions.resourceSpecific. */
  readonly name: string;
  readonly type: 'Application' | 'Delegated';
  /** One line: the feature that breaks without it. The full reasoning lives in docs/permissions.md. */
  readonly why: string;
}

export interface GraphPermission {
  /** Delegated Microsoft Graph permission (scope) name, e.g. "ChannelMessage.Send". */
  readonly name: string;
  readonly why: string;
}

export const RSC_PERMISSIONS = [
  {
    name: 'OnlineMeeting.ReadBasic.Chat',
    type: 'Application',
    why: 'meeting start/end events and meeting details (TeamsInfo.getMeetingInfo) for meetings the app is added to',
  },
  {
    name: 'OnlineMeetingParticipant.Read.Chat',
    type: 'Application',
    why: 'participant join/leave events that feed live attendance',
  },
  {
    name: 'ChannelMeeting.ReadBasic.Group',
    type: 'Application',
    why: 'meeting start/end events for channel meetings of the team the council is bound to',
  },
] as const satisfies readonly RscPermission[];

export const GRAPH_DELEGATED_PERMISSIONS = [
  { name: 'ChannelMessage.Send', why: 'post draft and signed minutes to the council channel' },
  { name: 'ChannelMessage.Read.All', why: 'after a post whose answer was lost, look for it in the channel instead of posting twice' },
  { name: 'Files.ReadWrite.All', why: 'upload the minutes .docx to the channel files folder (SharePoint)' },
  { name: 'OnlineMeetings.ReadWrite', why: 'create the Teams meeting for a kallelse' },
  { name: 'OnlineMeetingArtifact.Read.All', why: 'import the attendance report after the meeting' },
  { name: 'Calendars.ReadWrite', why: 'create and update the calendar event (the invitation) for a meeting' },
] as const satisfies readonly GraphPermission[];

export type RscPermissionName = (typeof RSC_PERMISSIONS)[number]['name'];
export type GraphPermissionName = (typeof GRAPH_DELEGATED_PERMISSIONS)[number]['name'];
export type PermissionName = RscPermissionName | GraphPermissionName;

/** Names a resource-specific permission at the place that relies on it (typed, and found by the package check). */
export function rscPermission<N extends RscPermissionName>(name: N): N {
  return name;
}

/** Names a delegated Graph scope at the place that requests it (typed, and found by the package check). */
export function graphScope<N extends GraphPermissionName>(name: N): N {
  return name;
}

/** All declared permission names, RSC first. */
export function declaredPermissionNames(): PermissionName[] {
  return [...RSC_PERMISSIONS.map((p) => p.name), ...GRAPH_DELEGATED_PERMISSIONS.map((p) => p.name)];
}
