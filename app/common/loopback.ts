/**
 * The host names that mean "this computer" in a URL, as WHATWG URL parsing spells them (IPv6 in
 * brackets). Plain http is acceptable only on these (RFC 8252 §8.3, S15): for issuers and
 * endpoints, bounce pages, external links and the dev server. What binds or listens uses
 * 127.0.0.1 alone, never `localhost`, which may resolve elsewhere.
 */
const loopbackHosts = ['127.0.0.1', '[::1]', 'localhost'] as const;

/** True when `hostname` (URL.hostname) names this computer's loopback interface. */
export function isLoopbackHost(hostname: string): boolean {
  return (loopbackHosts as readonly string[]).includes(hostname);
}
