import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { Script } from 'node:vm';

/** The build's list of the bundle's files that Node must compile itself (see `install`). */
export const nativeCompileManifest = 'native-compile.json';

/**
 * What a start of the bundled browser host did with V8's code cache, file by file: for tests and
 * for looking into a slow start, never needed to run.
 */
export interface CodeCacheLoad {
  file: string;
  /** A cache for this exact source was found and V8 took it. */
  cached: boolean;
}

/**
 * Runs the browser host's CommonJS bundle with V8's code cache, as Node 22's
 * `module.enableCompileCache` would (Node 20 has no cache for modules): each file of the bundle
 * is compiled with the cached data of its last run, so a start does not parse and compile about
 * a megabyte of JavaScript again before the page's first state (docs/benchmarks.md, cold start).
 *
 * The cache sits beside the bundle, in `.code-cache/`, so whoever may change it is whoever may
 * change the bundle itself: it lets nobody run code they could not already run. Each cache file
 * is named after the SHA-256 of its source as well as Node's version and architecture, because
 * V8 itself checks little more than the source's length. A cache V8 refuses (another V8, a
 * damaged file) is only slower: the file is compiled from source and the cache written anew.
 */
export class CodeCacheLoader {
  readonly #bundleDir: string;
  readonly #cacheDir: string;
  readonly #toWrite = new Map<string, Script>();
  readonly #loads: CodeCacheLoad[] = [];
  /** The bundle's files Node compiles itself; undefined: all of them (no manifest, no cache). */
  readonly #native: ReadonlySet<string> | undefined;

  constructor(bundleDir: string) {
    this.#bundleDir = resolve(bundleDir) + sep;
    this.#cacheDir = join(bundleDir, '.code-cache');
    this.#native = readManifest(join(bundleDir, nativeCompileManifest));
  }

  /** Every file of the bundle compiled so far, in load order. */
  get loads(): readonly CodeCacheLoad[] {
    return this.#loads;
  }

  /**
   * From now on, Node's CommonJS loader compiles the bundle's files through the cache: Node
   * still resolves, caches and links every module (one instance of each), only the compile step
   * changes. The files the build's manifest names (`native-compile.json`,
   * scripts/native-compile-manifest-plugin.ts) are left to Node entirely, because on Node 20 a
   * script compiled from cached data loses its dynamic import callback: they are the chunks that
   * `import()` an ES module package (oidc-provider for the Local sandbox), none of them on the
   * way to the first page. Without a manifest nothing is cached.
   */
  install(): void {
    const nodeCompile = ModuleInternals.prototype._compile;
    const cacheable = (filename: string) => this.#cacheable(filename);
    const compileCached = (content: string, filename: string) => this.#compile(content, filename);
    ModuleInternals.prototype._compile = function compile(this: CompiledModule, content: string, filename: string): unknown {
      if (!cacheable(filename)) return nodeCompile.call(this, content, filename);
      const run = compileCached(content, filename);
      return run.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
    };
  }

  #cacheable(filename: string): boolean {
    if (this.#native === undefined || !filename.startsWith(this.#bundleDir)) return false;
    const name = filename.slice(this.#bundleDir.length);
    return !name.includes(sep) && !this.#native.has(name);
  }

  #compile(content: string, filename: string): CompiledWrapper {
    const cachePath = join(this.#cacheDir, `${basename(filename)}-${cacheKey(content)}.v8`);
    const cachedData = readOptional(cachePath);
    const script = new Script(Module.wrap(content), { filename, ...(cachedData ? { cachedData } : {}) });
    const cached = cachedData !== undefined && !script.cachedDataRejected;
    if (!cached) this.#toWrite.set(cachePath, script);
    this.#loads.push({ file: filename, cached });
    return script.runInThisContext() as CompiledWrapper;
  }

  /**
   * Writes the cache of every file that had none: called once the host has started, so each
   * cache holds the functions the start compiled too, not only the files' top level. Old caches
   * of the same files (another Node) are removed; a new build empties the whole folder. Never
   * throws: a cache that cannot be written only leaves the next start as slow as this one.
   */
  save(): void {
    if (this.#toWrite.size === 0) return;
    try {
      mkdirSync(this.#cacheDir, { recursive: true, mode: 0o700 });
      const keep = new Set(this.#toWrite.keys());
      for (const [cachePath, script] of this.#toWrite) {
        const partial = `${cachePath}.${process.pid}.tmp`;
        writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
        renameSync(partial, cachePath);
      }
      const stems = new Set([...keep].map((cachePath) => stemOf(basename(cachePath))));
      for (const name of readdirSync(this.#cacheDir)) {
        const path = join(this.#cacheDir, name);
        if (!keep.has(path) && stems.has(stemOf(name))) rmSync(path, { force: true });
      }
    } catch {
      // A read-only or full disk: the bundle still runs, only without a cache.
    }
    this.#toWrite.clear();
  }
}

/** The part of Node's CommonJS `Module` this replaces: how a module's source becomes code. */
interface CompiledModule {
  exports: unknown;
}
type CompiledWrapper = (exports: unknown, require: NodeRequire, module: CompiledModule, filename: string, dirname: string) => unknown;
const ModuleInternals = Module as unknown as { prototype: { _compile(this: CompiledModule, content: string, filename: string): unknown } };

function cacheKey(source: string): string {
  const hash = createHash('sha256').update(source).digest('base64url').slice(0, 22);
  return `${process.version}-${process.arch}-${hash}`;
}

/** The file a cache belongs to: its name up to the key (`launch.cjs-v20…` → `launch.cjs`). */
function stemOf(cacheName: string): string {
  return cacheName.slice(0, cacheName.indexOf('.cjs-') + 4);
}

/** The manifest's file names, or undefined when it is missing or not a list of names. */
function readManifest(path: string): ReadonlySet<string> | undefined {
  try {
    const names: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return Array.isArray(names) && names.every((name) => typeof name === 'string') ? new Set(names as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function readOptional(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
