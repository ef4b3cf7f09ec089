// `node --import ./register-fake-electron.mjs out/main/index.js` runs the built main process
// in plain Node, with `electron` resolved to fake-electron.mjs (main-process.smoke.test.ts).
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      const fake = ${JSON.stringify(new URL('./fake-electron.mjs', import.meta.url).href)};
      export async function resolve(specifier, context, next) {
        if (specifier === 'electron') return { url: fake, shortCircuit: true };
        return next(specifier, context);
      }
    `),
);
