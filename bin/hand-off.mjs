#!/usr/bin/env node
// Hands a sign-in link to the running browser host: `node bin/hand-off.mjs`, then paste the link.
// Runs the TypeScript source directly (no build), as `npm run start:browser` runs the host.
import { register } from 'tsx/esm/api';

register();
await import('../main/browser/hand-off.ts');
