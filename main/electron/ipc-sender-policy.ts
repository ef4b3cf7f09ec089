/**
 * Which frame may talk to the privileged side (S46). Only the top frame of our own renderer
 * counts: the built `index.html` on disk in production, the Vite dev server's origin in
 * development. A subframe, a page the window was somehow navigated to, or a `null` frame (one
 * that navigated away or was destroyed while the message was in flight) is refused.
 */
export type TrustedRenderer =
  | { kind: 'file'; /** `pathToFileURL(out/renderer/index.html).href` */ fileUrl: string; platform: NodeJS.Platform }
  | { kind: 'devServer'; /** e.g. `http://localhost:5173` */ origin: string };

export interface SenderFrame {
  url: string;
  isMainFrame: boolean;
}

export function isTrustedSender(frame: SenderFrame | null | undefined, trusted: TrustedRenderer): boolean {
  if (!frame || !frame.isMainFrame) return false;
  const actual = parse(frame.url);
  if (!actual || actual.username !== '' || actual.password !== '') return false;

  if (trusted.kind === 'devServer') {
    const expected = parse(trusted.origin);
    return expected !== undefined && (actual.protocol === 'http:' || actual.protocol === 'https:') && actual.origin === expected.origin;
  }

  const expected = parse(trusted.fileUrl);
  if (!expected || actual.protocol !== 'file:' || expected.protocol !== 'file:') return false;
  // A UNC host (`file://server/share/...`) is never our install folder.
  if (actual.host !== expected.host) return false;
  // Query and hash are the page's own routing state; the file itself must be ours exactly.
  const fold = (pathname: string): string | undefined => {
    const decoded = safeDecode(pathname);
    return trusted.platform === 'win32' ? decoded?.toLowerCase() : decoded;
  };
  const actualPath = fold(actual.pathname);
  return actualPath !== undefined && actualPath === fold(expected.pathname);
}

function safeDecode(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
