/** Types for scripts/after-pack.mjs (an electron-builder hook written in plain JavaScript). */
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName: string; appInfo: { productFilename: string } };
}

export declare const fuseSettings: Readonly<{
  RunAsNode: false;
  EnableCookieEncryption: true;
  EnableNodeOptionsEnvironmentVariable: false;
  EnableNodeCliInspectArguments: false;
  EnableEmbeddedAsarIntegrityValidation: true;
  OnlyLoadAppFromAsar: true;
}>;
export declare function fuseConfig(electronPlatformName: string): Record<string, unknown>;
export declare function electronBinaryPath(context: AfterPackContextLike): string;
export declare function afterPack(context: AfterPackContextLike): Promise<void>;
