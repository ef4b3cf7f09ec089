/** Files a run's bot attached (the SDK's `attach`). Re-exported by views.ts. */
import type { RedactionCounts } from './patient-data.js';

/** A file a bot attached to its run: a screenshot, a report. Its content is read with `readArtifact`. */
export interface ArtifactView {
  id: string;
  runId: string;
  /** The name the bot gave it, cleaned to a safe file name. */
  name: string;
  kind: 'screenshot' | 'file';
  /** e.g. `image/png`, `text/plain`, `application/octet-stream`. */
  mediaType: string;
  bytes: number;
  createdAt: number;
  /** True for PNG, JPEG, GIF and WebP images, which the run detail previews. */
  previewable: boolean;
  /** Patient identifiers and secrets redacted from a text file's content before it was stored. */
  redactions?: RedactionCounts;
}

/** An artifact's content for a preview or a download: base64, at most a few megabytes. */
export interface ArtifactContent {
  fileName: string;
  mediaType: string;
  base64: string;
}
