import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalogue, isErrorCode, reservedErrorCodes, type ErrorCode } from './error-catalogue.js';

/**
 * The catalogue holds exactly the codes the app raises: each is named in the source of the core,
 * a host or the page (outside the catalogue, tests and test helpers), or is listed as reserved
 * with a reason. And every code the page or the preload raises itself is in it, so nothing on
 * screen carries a code from elsewhere.
 */
const root = join(import.meta.dirname, '..', '..');
const catalogueFile = join(root, 'app', 'common', 'error-catalogue.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' || name === 'testing' ? [] : sourceFiles(path);
    // The catalogue and its sections (`*-error-messages.ts`) define codes; they do not raise them.
    return /\.(ts|tsx)$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) && path !== catalogueFile && !name.endsWith('-error-messages.ts') ? [path] : [];
  });
}

/** The file without its comments, so a code merely mentioned in prose does not count as raised. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const sources = ['app', 'main', 'renderer'].flatMap((dir) => sourceFiles(join(root, dir))).map((file) => ({ file: relative(root, file), text: code(file) }));
const codes = Object.keys(errorCatalogue) as ErrorCode[];

function namedIn(errorCode: string): string[] {
  const literal = new RegExp(`['"\`]${errorCode}['"\`]`);
  return sources.filter(({ text }) => literal.test(text)).map(({ file }) => file);
}

describe('the error catalogue', () => {
  it('reads its sources (a sanity check for the scan below)', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(namedIn('forbidden_sender')).toEqual(['main/electron/bind-supervisor-ipc.ts']);
  });

  it('has no code that nothing raises, unless it is reserved with a reason', () => {
    const unraised = codes.filter((errorCode) => namedIn(errorCode).length === 0 && reservedErrorCodes[errorCode] === undefined);
    // Remove these from app/common/error-catalogue.ts and docs/providers.md, or raise them.
    expect(unraised).toEqual([]);
  });

  it('reserves only codes that really are unraised, each with a reason', () => {
    const wrongly = Object.entries(reservedErrorCodes).flatMap(([errorCode, reason]) => [
      ...(namedIn(errorCode).length > 0 ? [`${errorCode} is raised; take it off the reserved list`] : []),
      ...((reason?.length ?? 0) <= 10 ? [`${errorCode} needs a reason`] : []),
    ]);
    expect(wrongly).toEqual([]);
  });

  it('covers every code the page and the preload raise themselves', () => {
    const raised = sources
      .filter(({ file }) => file.startsWith('renderer/') || /^main\/electron\/preload[^/]*\.ts$/.test(file))
      .flatMap(({ file, text }) =>
        [...text.matchAll(/\b(?:errorView|toErrorView)\((?:[^()]*?,\s*)?'([a-z_]+)'|\bfailure(?:=|\s*=\s*)["']([a-z_]+)["']|\bcode:\s*'([a-z_]+)'/g)].map((match) => ({
          file,
          code: match[1] ?? match[2] ?? match[3] ?? '',
        })),
      );
    expect(raised.length).toBeGreaterThan(15);
    expect(raised.filter(({ code: raisedCode }) => !isErrorCode(raisedCode))).toEqual([]);
  });

  it('is the only catalogue: the renderer keeps no error wording of its own', () => {
    const copyFiles = sources.filter(({ file }) => file === 'renderer/copy.ts' || file.startsWith('renderer/copy/'));
    expect(copyFiles.length).toBeGreaterThan(5);
    // The token broker's refusal codes are a protocol of their own (docs/bots.md, "Responses"), read
    // in words in the audit trail; one of them is spelt like a catalogue code (invalid_request).
    const copy = copyFiles.map(({ text }) => text.replace(/brokerRefusals: \{[^}]*\}/, '')).join('\n');
    expect(copy).not.toMatch(/\b(localErrors|errors)\s*:/);
    for (const errorCode of codes) expect(copy, errorCode).not.toMatch(new RegExp(`\\b${errorCode}\\s*:`));
  });
});
