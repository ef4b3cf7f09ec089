import type { ServerResponse } from 'node:http';

/**
 * Every browser host response, with the headers that keep the page to itself: no sniffing, no
 * referrer, no framing, its own browsing context group, and no device or payment access.
 */
export function sendHardened(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // The page needs no device or payment access; deny it outright rather than prompt (S47).
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=(), display-capture=()',
    ...extra,
  });
  res.end(body);
}
