/** Types for scripts/fetch-node-runtime.mjs (a build script in plain JavaScript). */
export declare const nodeRuntimeVersion: string;
export declare function nodeRuntimeDownload(target: { version: string; platform: 'win32' | 'darwin' | 'linux'; arch: string }): {
  archiveName: string;
  url: string;
  sumsUrl: string;
  binaryInArchive: string;
  targetDir: string;
  binaryName: string;
};
export declare function expectedSha256(sums: string, archiveName: string): string | undefined;
