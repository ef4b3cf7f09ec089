import { describe, expect, it } from 'vitest';
import { asClassicScript } from './classic-script-plugin.js';

describe('classic script page', () => {
  it('turns the one module script into a deferred classic script, and fetches the stylesheet without CORS', () => {
    const page = '<head><link rel="stylesheet" crossorigin href="./assets/style-abcdefgh.css"></head><body><div id="root"></div><script type="module" crossorigin src="./assets/index-abcdefgh.js"></script></body>';
    expect(asClassicScript(page)).toBe('<head><link rel="stylesheet" href="./assets/style-abcdefgh.css"></head><body><div id="root"></div><script defer src="./assets/index-abcdefgh.js"></script></body>');
  });

  it('fails the build for a page with no script, two scripts, or module preloads left', () => {
    expect(() => asClassicScript('<body></body>')).toThrow(/exactly one script, found 0/);
    const two = '<script type="module" crossorigin src="./a.js"></script><script type="module" crossorigin src="./b.js"></script>';
    expect(() => asClassicScript(two)).toThrow(/found 2/);
    expect(() => asClassicScript('<link rel="modulepreload" crossorigin href="./c.js"><script type="module" crossorigin src="./a.js"></script>')).toThrow(/preloads modules/);
  });
});
