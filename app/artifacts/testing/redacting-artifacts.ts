import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { Redactor } from '../../bots/redactor.js';
import { defaultRedactionSettings } from '../../common/patient-data.js';
import { systemClock } from '../../ports/clock.js';
import { redactArtifactText } from '../redact-artifact-text.js';
import { RunArtifacts, type RunArtifactsDeps } from '../run-artifacts.js';

/** A fresh artifacts folder for each test, removed after it; read it through the returned function. */
export function useArtifactsDir(prefix: string): () => string {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** The store as the product composes it: text redacted as run output is (no known secrets, default patient kinds), screenshots off unless given. */
export function redactingArtifacts(dir: string, deps: Partial<Omit<RunArtifactsDeps, 'dir'>> = {}): RunArtifacts {
  return new RunArtifacts({
    dir,
    clock: systemClock,
    screenshotsAllowed: () => false,
    redactText: (_profileId, text) => redactArtifactText(text, new Redactor(), defaultRedactionSettings),
    ...deps,
  });
}
