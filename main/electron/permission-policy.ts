/**
 * Permissions the renderer may have. Only writing sanitised text to the clipboard (the "copy the
 * sign-in link" and log copy buttons); everything else — camera, notifications from the page,
 * geolocation, media, HID — is denied (S47). Notifications come from the main process instead.
 */
const allowed = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string): boolean {
  return allowed.has(permission);
}
