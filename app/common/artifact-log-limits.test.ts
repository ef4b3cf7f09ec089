import { describe, expect, it } from 'vitest';
import { filesOutrunLog, maxLoggedKeptFiles, maxLoggedRefusals } from './artifact-log-limits.js';
import type { ArtifactView, RefusedArtifactsView } from './artifact-views.js';

const file = (i: number): ArtifactView => ({ id: `a${i}`, runId: 'run-1', name: `f${i}.txt`, kind: 'file', mediaType: 'text/plain', bytes: 1, createdAt: 0, previewable: false });
const refused = (code: RefusedArtifactsView['code'], count: number): RefusedArtifactsView => ({ code, message: 'no', count, names: [], lastAt: 0 });
const files = (count: number) => Array.from({ length: count }, (_, i) => file(i));

describe('filesOutrunLog: when the run detail stops learning of new files from the log', () => {
  it('not while the log still says each kept file', () => {
    expect(filesOutrunLog({ files: [], refused: [] })).toBe(false);
    expect(filesOutrunLog({ files: files(maxLoggedKeptFiles - 1), refused: [] })).toBe(false);
  });

  it('from the last kept file the log says one by one', () => {
    expect(filesOutrunLog({ files: files(maxLoggedKeptFiles), refused: [] })).toBe(true);
    expect(filesOutrunLog({ files: files(maxLoggedKeptFiles + 7), refused: [] })).toBe(true);
  });

  it('refusals count over every reason, as the log counts them', () => {
    const half = Math.floor(maxLoggedRefusals / 2);
    expect(filesOutrunLog({ files: [], refused: [refused('screenshots_not_allowed', half), refused('artifact_too_large', maxLoggedRefusals - half - 1)] })).toBe(false);
    expect(filesOutrunLog({ files: [], refused: [refused('screenshots_not_allowed', half), refused('artifact_too_large', maxLoggedRefusals - half)] })).toBe(true);
  });
});
