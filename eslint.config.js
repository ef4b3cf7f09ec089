// Layering rules: see docs/architecture.md ("Layers"). Each arrow is proven to fire by
// test/lint-layering.test.ts.
// - `electron` only under main/ (and never in the browser host);
// - renderer/ and the preload import values from app/common/ only (types from anywhere in app/);
// - app/ never imports main/ or renderer/;
// - main/browser/ and main/electron/ never import each other;
// - app/common/ imports only its own files: no zod, no node:, nothing else from app/.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const electronBan = {
  paths: [{ name: 'electron', message: 'Only main/ may import electron: the core and renderer must run without it.' }],
  patterns: [{ group: ['electron/*'], message: 'Only main/ may import electron.' }],
};

/** Values from app/ outside app/common/: the renderer and the preload may import these as types only. */
const appValuesOutsideCommon = {
  regex: '(^|/)app/(?!common/)',
  allowTypeImports: true,
  message: 'Only app/common/ may give values to the renderer and the preload (zod- and node-free); import other app/ modules as types.',
};

const noMain = { regex: '^(\\.\\./)+main(/|$)', message: 'app/ and renderer/ never import main/: the hosts depend on the core, not the other way round.' };
const noRenderer = { regex: '^(\\.\\./)+renderer(/|$)', message: 'app/ never imports renderer/: the core has no UI.' };

/** Everything but the folder's own files: node builtins (with or without `node:`), packages, other folders. */
const commonOnly = [
  { regex: '^node:', message: 'app/common/ runs in the sandboxed preload and the renderer: no node: modules.' },
  { group: builtinModules.filter((name) => !name.startsWith('_')), message: 'app/common/ runs in the sandboxed preload and the renderer: no Node builtins.' },
  { group: ['zod', 'zod/*'], message: 'app/common/ is zod-free (the preload cannot load npm packages); schemas belong in app/transport/.' },
  { regex: '^(?!\\./)', message: 'app/common/ imports only its own files (./…): nothing from the rest of app/, main/, renderer/ or npm.' },
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'reports/**', 'test-results/**', 'playwright-report/**', '**/.tmp/**', 'test/fixtures/lint/**'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', electronBan],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='require'][arguments.0.value='electron']", message: 'Only main/ may require electron.' },
        { selector: "ImportExpression[source.value='electron']", message: 'Only main/ may import electron.' },
        { selector: "ExportDefaultDeclaration", message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: electronBan.paths, patterns: [...electronBan.patterns, noMain, noRenderer] }] },
  },
  {
    // Tests of app/common/ run in Node and may use the core to check the shared values against it.
    files: ['app/common/**/*.{ts,tsx}'],
    ignores: ['app/common/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: electronBan.paths, patterns: [...electronBan.patterns, ...commonOnly] }] },
  },
  {
    files: ['main/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // The browser host runs in plain Node: no electron, and nothing from the Electron shell.
    files: ['main/browser/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The browser host runs without Electron.' }],
          patterns: [
            { group: ['electron/*'], message: 'The browser host runs without Electron.' },
            { regex: '^(\\.\\./)+electron(/|$)', message: 'main/browser/ never imports main/electron/: two hosts side by side, sharing only app/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+browser(/|$)', message: 'main/electron/ never imports main/browser/: two hosts side by side, sharing only app/.' }] },
      ],
    },
  },
  {
    // The fleet worker host runs in plain Node on another machine: no electron, and no other host.
    files: ['main/worker/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The worker host runs without Electron.' }],
          patterns: [{ regex: '^(\\.\\./)+(electron|browser)(/|$)', message: 'main/worker/ never imports another host: hosts share only app/.' }],
        },
      ],
    },
  },
  {
    // The sandboxed preload bundle: values from app/common/ only, like the renderer.
    files: ['main/electron/preload*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [appValuesOutsideCommon, { regex: '^(\\.\\./)+browser(/|$)', message: 'main/electron/ never imports main/browser/.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: electronBan.paths,
          patterns: [
            ...electronBan.patterns,
            appValuesOutsideCommon,
            { regex: '^(\\.\\./)+main(/|$)', message: 'renderer/ never imports main/: it talks to the hosts through the SupervisorApi only.' },
          ],
        },
      ],
    },
  },
  {
    // Config files are consumed by tools that expect default exports.
    files: ['*.config.{ts,js,mjs}', 'electron.vite.config.ts', 'playwright.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
