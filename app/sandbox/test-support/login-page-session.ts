/**
 * Drives the sandbox's login page with fetch, one step at a time, so tests can look at each
 * page and response (completeLoginWithoutBrowser hides those steps).
 */
export interface LoginPageSession {
  /** The interaction page the provider redirected to. */
  pageUrl: URL;
  /** The first response for the login page. */
  page: Response;
  html: string;
  get(url: string | URL): Promise<Response>;
  post(path: 'login' | 'abort', form: Record<string, string>, contentType?: string): Promise<Response>;
}

export async function openLoginPage(authorizationUrl: string): Promise<LoginPageSession> {
  const cookies = new Map<string, string>();
  const remember = (response: Response): Response => {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';', 1);
      const separator = pair.indexOf('=');
      if (separator > 0) cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return response;
  };
  const cookieHeader = (): Record<string, string> => ({ cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') });
  const get = async (url: string | URL): Promise<Response> => remember(await fetch(url, { redirect: 'manual', headers: cookieHeader() }));

  const authorization = await get(authorizationUrl);
  const location = authorization.headers.get('location');
  if (authorization.status !== 303 || !location) throw new Error(`Expected a redirect to the login page, got HTTP ${authorization.status}.`);
  const pageUrl = new URL(location, authorizationUrl);
  const page = await get(pageUrl);
  const html = await page.clone().text();

  return {
    pageUrl,
    page,
    html,
    get,
    post: async (path, form, contentType = 'application/x-www-form-urlencoded') =>
      remember(await fetch(new URL(`${pageUrl.pathname}/${path}`, pageUrl), {
        method: 'POST',
        redirect: 'manual',
        headers: { ...cookieHeader(), 'content-type': contentType },
        body: new URLSearchParams(form).toString(),
      })),
  };
}
