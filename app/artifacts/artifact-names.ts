/** File names and media types of run artifacts: what the bot says is only a hint. */

const byExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  // Kept as plain text, as HTML is: XML may carry XHTML and its script.
  html: 'text/plain',
  htm: 'text/plain',
  xml: 'text/plain',
  tsv: 'text/tab-separated-values',
  md: 'text/markdown',
  ndjson: 'application/x-ndjson',
  jsonl: 'application/x-ndjson',
  hl7: 'text/plain',
  pdf: 'application/pdf',
};

const previewable = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * A name safe on every file system and harmless on screen: letters, digits, `.`, `-`, `_` and
 * spaces; no path; at most 100 characters; never empty or hidden.
 */
export function safeArtifactName(name: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  const cleaned = base
    .replace(/[^A-Za-z0-9._ -]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(-100);
  return cleaned.length === 0 ? 'artifact' : cleaned;
}

/**
 * The media type stored and served: from the extension when it is one we know (a bot cannot make
 * a page render HTML or script by claiming a type), else octet-stream. HTML is kept as plain text.
 */
export function artifactMediaType(name: string, _claimed?: string): string {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  return (extension && byExtension[extension]) ?? 'application/octet-stream';
}

export function isPreviewable(mediaType: string): boolean {
  return previewable.has(mediaType);
}

/** Text artifacts are redacted like log lines before they are stored. */
export function isTextMediaType(mediaType: string): boolean {
  return mediaType.startsWith('text/') || mediaType === 'application/json' || mediaType === 'application/x-ndjson';
}

/** A name with no extension says nothing of what the file is: its first bytes decide whether it is text. */
export function hasNoExtension(name: string): boolean {
  return !/\.[A-Za-z0-9]{1,8}$/.test(name);
}
