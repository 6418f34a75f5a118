// Lint, and the process boundaries as import zones at error level (as VS Code's
// code-layering rule does): each folder may import only what its runtime has.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'module',
  'worker_threads',
];

/** Zones: `target` may not import from `from`. */
const zones = [
  {
    target: './common',
    from: ['./main', './preload', './renderer'],
    message: 'common/ is pure shared code: it imports nothing of a process.',
  },
  {
    target: './renderer',
    from: ['./main', './preload'],
    message: 'The renderer reaches main only through window.careHome (common/ipc).',
  },
  {
    target: './preload',
    from: ['./main', './renderer'],
    message: 'The preload exposes the contract; it knows nothing of main or the renderer.',
  },
  { target: './main', from: ['./renderer', './preload'], message: 'main/ does not import renderer or preload code.' },
  {
    target: './main/services',
    from: ['./main/shell', './main/core', './main/browser-host'],
    message: 'Services are Electron-free and know nothing of who wires them up.',
  },
  {
    target: './main/core',
    from: ['./main/shell', './main/browser-host'],
    message: 'The core is shared by the shell and the browser host; it imports neither.',
  },
  { target: './main/browser-host', from: './main/shell', message: 'The browser host runs without Electron.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', '.tsbuild/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='ipcMain']",
          message: 'Use main/shell/ipc-main.ts, the one wrapper around ipcMain.',
        },
      ],
    },
  },
  {
    // Outside the Electron shell, nothing in main/ may import electron.
    files: ['main/**/*.ts'],
    ignores: ['main/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only main/shell may import electron; services must run under plain Node.' },
          ],
        },
      ],
    },
  },
  {
    // Raw ipcMain exists in one file only.
    files: ['main/shell/**/*.ts'],
    ignores: ['main/shell/ipc-main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain'],
              message: 'Use main/shell/ipc-main.ts, the one wrapper around ipcMain.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/shell/ipc-main.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: ['electron'], patterns: [{ group: NODE_BUILTINS, message: 'The renderer has no Node.' }] },
      ],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react'],
          patterns: [{ group: NODE_BUILTINS, message: 'common/ runs in every process: no Node, DOM or Electron.' }],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: NODE_BUILTINS, message: 'The sandboxed preload has no Node modules.' }] },
      ],
    },
  },
  {
    files: ['build/**/*.mjs', 'tests/**/*.{ts,mjs}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
