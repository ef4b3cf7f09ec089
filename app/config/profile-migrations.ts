/**
 * Versions of the stored `profiles` settings value, and the steps between them. Each step is a
 * pure function, so every upgrade path is tested from v0 to the current version.
 *
 * - v0 (early previews): a bare array of profiles shaped like ProfileView, with flat redirect
 *   fields (`redirectMode`, `loopbackPort`, `loopbackPath`, `bounceUrl`) and view-only fields.
 * - v1: `{ schemaVersion: 1, profiles: Profile[] }` with a nested `redirect` object.
 */
export const currentProfilesSchemaVersion = 1;

const viewOnlyFields = ['hasClientSecret', 'redirectUri', 'redirectMode', 'loopbackPort', 'loopbackPath', 'bounceUrl'];

export function migrateProfilesValue(raw: unknown): { schemaVersion: number; profiles: unknown } | undefined {
  let value = raw;
  if (Array.isArray(value)) value = { schemaVersion: 1, profiles: value.map(migrateV0Profile) };
  if (typeof value !== 'object' || value === null) return undefined;
  const { schemaVersion, profiles } = value as { schemaVersion?: unknown; profiles?: unknown };
  if (schemaVersion !== currentProfilesSchemaVersion) return undefined;
  return { schemaVersion, profiles };
}

function migrateV0Profile(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null || 'redirect' in entry) return entry;
  const old = entry as Record<string, unknown>;
  const redirect =
    old.redirectMode === 'loopback'
      ? { mode: 'loopback', port: old.loopbackPort ?? 0, path: old.loopbackPath ?? '/callback' }
      : old.redirectMode === 'bounce'
        ? { mode: 'bounce', url: old.bounceUrl }
        : { mode: 'customScheme' };
  const migrated: Record<string, unknown> = { ...old, redirect };
  for (const field of viewOnlyFields) delete migrated[field];
  return migrated;
}
