/** Where the sandbox's own sign-in pages live; oidc-provider redirects here via `interactions.url`. */
export const interactionPathPrefix = '/interaction/';

export interface InteractionPaths {
  page: string;
  login: string;
  abort: string;
}

export function interactionPaths(uid: string): InteractionPaths {
  const page = `${interactionPathPrefix}${encodeURIComponent(uid)}`;
  return { page, login: `${page}/login`, abort: `${page}/abort` };
}
