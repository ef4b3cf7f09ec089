/** Opens a URL in the user's system browser, never in an embedded window (RFC 8252). */
export interface ExternalBrowser {
  open(url: string): Promise<void>;
}
