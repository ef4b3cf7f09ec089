import type { IncomingMessage } from 'node:http';

/** The request's URL, or undefined when its target is not one (`new URL` would throw). */
export function requestUrl(req: IncomingMessage, origin: string): URL | undefined {
  const target = req.url ?? '/';
  return URL.canParse(target, origin) ? new URL(target, origin) : undefined;
}
