import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redactor } from '../bots/redactor.js';
import { defaultRedactionSettings } from '../common/patient-data.js';
import { systemClock } from '../ports/clock.js';
import { redactArtifactText } from './redact-artifact-text.js';
import { RunArtifacts } from './run-artifacts.js';
import { sniffImageType } from './sniff-image.js';

const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const bmp = Buffer.from('424d3a000000000000003600000028000000010000000100000001001800', 'hex');
const script = Buffer.from('<html><script>parent.postMessage(document.cookie, "*")</script></html>');

async function* body(bytes: Buffer, pieces = 1): AsyncIterable<Uint8Array> {
  const size = Math.ceil(bytes.length / pieces);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('what an attached file really is', () => {
  let dir: string;
  let screenshots = false;
  const store = () =>
    new RunArtifacts({
      dir,
      clock: systemClock,
      screenshotsAllowed: () => screenshots,
      redactText: (_profileId, text) => redactArtifactText(text, new Redactor(), defaultRedactionSettings),
    });
  const attach = (artifacts: RunArtifacts, name: string, bytes: Buffer, pieces = 1) => artifacts.attach({ runId: 'run-1', profileId: 'p', name, kind: 'file' }, body(bytes, pieces));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rpa-artifact-content-'));
    screenshots = false;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('knows images by their first bytes, not their names, and nothing else as one', () => {
    expect(sniffImageType(png)).toBe('image/png');
    expect(sniffImageType(jpeg)).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('GIF89a\x01\x00'))).toBe('image/gif');
    expect(sniffImageType(webp)).toBe('image/webp');
    expect(sniffImageType(bmp)).toBe('image/bmp');
    expect(sniffImageType(Buffer.from('II*\0\x08\0\0\0'))).toBe('image/tiff');
    // Text that merely starts like a signature, and other files, are not images.
    expect(sniffImageType(Buffer.from('BMI of the patients seen today\n'))).toBeUndefined();
    expect(sniffImageType(Buffer.from('%PDF-1.7\n'))).toBeUndefined();
    expect(sniffImageType(script)).toBeUndefined();
    expect(sniffImageType(Buffer.alloc(0))).toBeUndefined();
  });

  it('refuses a screenshot sent under another name while screenshots are off, whole or in small pieces, and keeps nothing of it', async () => {
    const artifacts = store();
    for (const [name, bytes, pieces] of [
      ['screen.bin', png, 1],
      ['notes.txt', png, 1],
      ['page', jpeg, 7],
      ['capture.dat', bmp, 3],
    ] as const) {
      await expect(attach(artifacts, name, bytes, pieces), name).rejects.toMatchObject({ code: 'screenshots_not_allowed' });
    }
    expect(await artifacts.list('run-1')).toEqual([]);
    // Only the record that they were refused, by name and reason.
    expect(await readdir(join(dir, 'run-1'))).toEqual(['refused.json']);
    expect((await artifacts.listAll('run-1')).refused).toMatchObject([{ code: 'screenshots_not_allowed', count: 4, names: ['screen.bin', 'notes.txt', 'page', 'capture.dat'] }]);
  });

  it('with screenshots on, shows an image by what it is, and never previews a file that only claims to be an image', async () => {
    screenshots = true;
    const artifacts = store();
    // PNG bytes under a .jpg name: previewed as the PNG it is.
    expect(await attach(artifacts, 'page.jpg', png)).toMatchObject({ kind: 'screenshot', mediaType: 'image/png', previewable: true });
    // PNG bytes under a text name: a screenshot, stored byte for byte rather than "redacted" as text.
    const disguised = await attach(artifacts, 'notes.txt', png);
    expect(disguised).toMatchObject({ kind: 'screenshot', mediaType: 'image/png', previewable: true, bytes: png.length });
    expect(Buffer.from((await artifacts.read('run-1', disguised.id)).base64, 'base64')).toEqual(png);
    // A page with script under a .png name: offered for download only, as bytes.
    expect(await attach(artifacts, 'evil.png', script)).toMatchObject({ kind: 'screenshot', mediaType: 'application/octet-stream', previewable: false });
    // An image the page cannot preview is still a screenshot.
    expect(await attach(artifacts, 'capture.bmp', bmp)).toMatchObject({ kind: 'screenshot', mediaType: 'image/bmp', previewable: false });
    // Every write leaves the run's folder the user's alone: the folder 0700, each file and the index 0600.
    expect((await stat(join(dir, 'run-1'))).mode & 0o777).toBe(0o700);
    const names = await readdir(join(dir, 'run-1'));
    expect(names).toContain('artifacts.json');
    for (const name of names) expect({ name, mode: (await stat(join(dir, 'run-1', name))).mode & 0o777 }).toEqual({ name, mode: 0o600 });
  });
});
