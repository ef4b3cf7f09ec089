import { z } from 'zod';

/**
 * Zod without code generation, for every schema made after this module runs. By default zod
 * compiles a parser for each object schema with `new Function` the first time that schema
 * parses; the core parses most of its schemas once, at start-up (stored runs, profiles, the
 * policy, preferences), where compiling costs more than it saves (about 4 ms of the browser
 * host's start, docs/benchmarks.md), and a privileged process that never turns strings into
 * code is the easier one to reason about. Zod decides when a schema is made, so the modules that
 * make the core's first schemas import this module before anything else.
 */
export const zodConfig = z.config({ jitless: true });
