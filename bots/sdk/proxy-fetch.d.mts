/** Types for `proxy-fetch.mjs`: the clinic proxy as a bot's own API calls take it. */
export declare function proxyFromEnvironment(env?: Record<string, string | undefined>): { httpsProxy?: string; httpProxy?: string; noProxy: string } | undefined;

export declare function environmentFetch(): Promise<typeof fetch>;
