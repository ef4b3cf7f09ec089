// Layering rules: see docs/architecture.md. `electron` only under main/; renderer/ may import
// from app/ for types only.
import tseslint from 'typescript-eslint';

const electronBan = {
  paths: [{ name: 'electron', message: 'Only main/ may import electron: the core and renderer must run without it.' }],
  patterns: [{ group: ['electron/*'], message: 'Only main/ may import electron.' }],
};

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
    files: ['main/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
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
            {
              regex: '(^|/)app(/|$)',
              allowTypeImports: true,
              message: 'renderer/ may import from app/ as types only; values cross the SupervisorApi.',
            },
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
