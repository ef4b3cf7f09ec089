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

/**
 * Files a run's bot attached that were not kept, one entry per reason: how many, the first few
 * names and why, in the words the bot was told. Nothing of their content.
 */
export interface RefusedArtifactsView {
  code: 'screenshots_not_allowed' | 'artifact_too_large';
  /** The catalogue's message for the refusal. */
  message: string;
  count: number;
  /** The first few names, cleaned and redacted as a kept file's name is. */
  names: string[];
  lastAt: number;
}

/** A run's files for the run detail: the ones kept, and the ones refused. */
export interface ArtifactList {
  files: ArtifactView[];
  refused: RefusedArtifactsView[];
}
