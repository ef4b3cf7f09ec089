import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunArtifacts } from './run-artifacts.js';
import { redactingArtifacts, useArtifactsDir } from './testing/redacting-artifacts.js';

async function* pieces(bytes: Buffer, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** What Windows PowerShell 5.1's `Out-File` and `>` write by default, and Excel's "Unicode text". */
function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

function utf16be(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
}

/** Every file in the run's folder as UTF-16LE, UTF-16BE and Latin-1 text, to look for what must never be on disk. */
async function folderTexts(dir: string): Promise<string> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const texts: string[] = [];
  for (const name of names) {
    const bytes = await readFile(join(dir, name)).catch(() => Buffer.alloc(0));
    const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
    texts.push(bytes.toString('latin1'), even.toString('utf16le'), Buffer.from(even).swap16().toString('utf16le'));
  }
  return texts.join('\n');
}

/** Text artifacts in the encodings and under the names clinic exports come in. */
describe('text artifacts of every kind are redacted', () => {
  const dirOf = useArtifactsDir('rpa-artifact-text-kinds-');
  const store = (options: { maxRunBytes?: number } = {}) => redactingArtifacts(dirOf(), options);
  const attach = (artifacts: RunArtifacts, name: string, bytes: Buffer, size = bytes.length) => artifacts.attach({ runId: 'run-1', profileId: 'p', name, kind: 'file' }, pieces(bytes, Math.max(1, size)));
  const stored = async (artifacts: RunArtifacts, id: string) => Buffer.from((await artifacts.read('run-1', id)).base64, 'base64');


  it('S113 a text artifact in UTF-16: a UTF-16LE CSV with its BOM is redacted line by line and kept in UTF-16LE with its BOM, whatever the pieces it comes in', async () => {
    const artifacts = store();
    // A pound sign and a character outside the BMP (a surrogate pair) must come back as they were.
    const csv = 'Name,NHS number,Fee\r\nA Patient,943 476 5919,\u00a345\r\nNote,ok \u{1f600},\u00a30\r\nB Patient,9434765919,\u00a312';
    const expected = 'Name,NHS number,Fee\r\nA Patient,[NHS number],\u00a345\r\nNote,ok \u{1f600},\u00a30\r\nB Patient,[NHS number],\u00a312';
    for (const size of [1, 7, 32, 33, 4096]) {
      const kept = await attach(artifacts, `clinic list ${size}.csv`, utf16le(csv), size);
      expect({ size, bytes: await stored(artifacts, kept.id) }).toEqual({ size, bytes: utf16le(expected) });
      expect(kept).toMatchObject({ bytes: utf16le(expected).length, redactions: { nhsNumber: 2 } });
    }
    expect(await folderTexts(join(dirOf(), 'run-1'))).not.toMatch(/943 476 5919|9434765919/);
  });

  it('S113 a UTF-16BE file with its BOM is redacted and kept in UTF-16BE, and newline bytes across two characters end no line', async () => {
    const artifacts = store();
    // Gurmukhi U+0A41 beside U+0100: 41 0a 00 01 41 0a in UTF-16LE and 0a 41 01 00 0a 41 in UTF-16BE, a newline's bytes on an odd offset.
    const text = 'Ref \u0a41\u0100\u0a41 943 476 5919\nDOB: 01/02/1980\n';
    const expected = 'Ref \u0a41\u0100\u0a41 [NHS number]\nDOB: [date of birth]\n';
    const kept = await attach(artifacts, 'export.txt', utf16be(text), 5);
    expect(await stored(artifacts, kept.id)).toEqual(utf16be(expected));
    const little = await attach(artifacts, 'export le.txt', utf16le(text), 5);
    expect(await stored(artifacts, little.id)).toEqual(utf16le(expected));
  });

  it.each(['xml', 'tsv', 'md', 'htm', 'ndjson', 'jsonl', 'hl7', 'XML'])('a .%s file is text: redacted before it is kept', async (extension) => {
    const kept = await attach(store(), `export.${extension}`, Buffer.from('<id>943 476 5919</id>\n'));
    expect(kept.redactions).toEqual({ nhsNumber: 1 });
    expect((await stored(store(), kept.id)).toString('utf8')).toBe('<id>[NHS number]</id>\n');
  });

  it('a file with no extension is redacted when its first bytes are text, and kept byte for byte when they are not', async () => {
    const artifacts = store();
    const text = await attach(artifacts, 'summary', Buffer.from('Seen today: 943 476 5919, caf\u00e9 \u20ac5\n'), 3);
    expect((await stored(artifacts, text.id)).toString('utf8')).toBe('Seen today: [NHS number], caf\u00e9 \u20ac5\n');
    const wide = await attach(artifacts, 'summary-ps', utf16le('Seen today: 943 476 5919\r\n'));
    expect(await stored(artifacts, wide.id)).toEqual(utf16le('Seen today: [NHS number]\r\n'));
    // A zip (or any file with a NUL or control byte up front) is not text, even with digits inside.
    const zip = Buffer.concat([Buffer.from('504b0304140000000800', 'hex'), Buffer.from('943 476 5919\n')]);
    const binary = await attach(artifacts, 'bundle', zip);
    expect(await stored(artifacts, binary.id)).toEqual(zip);
    expect(binary.redactions).toBeUndefined();
  });

  it('a text file whose redaction would take it past the run\'s cap is refused artifact_too_large, and nothing of it is kept', async () => {
    // 10 dates of birth: 10 characters each in, 15 out. The raw file fits the cap; what would be stored does not.
    const raw = Buffer.from('DOB: 01/02/1980\n'.repeat(10));
    const redactedSize = Buffer.byteLength('DOB: [date of birth]\n'.repeat(10));
    expect(raw.length).toBeLessThan(200);
    expect(redactedSize).toBeGreaterThan(200);
    const artifacts = store({ maxRunBytes: 200 });
    const refused = attach(artifacts, 'dobs.txt', raw, 16);
    await expect(refused).rejects.toMatchObject({ code: 'artifact_too_large' });
    expect(await artifacts.list('run-1')).toEqual([]);
    expect((await readdir(join(dirOf(), 'run-1'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Its room is the run's again, and a file whose redacted size fits is kept.
    const fits = await attach(artifacts, 'some dobs.txt', Buffer.from('DOB: 01/02/1980\n'.repeat(9)), 16);
    expect(fits.bytes).toBe(Buffer.byteLength('DOB: [date of birth]\n'.repeat(9)));
  });
});
