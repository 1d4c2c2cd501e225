// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// shared/ is the pure domain: it must not reach for SDKs, HTTP frameworks, drivers, React or Node-only APIs.
const forbiddenInShared = [
  'botbuilder*', 'botframework-*', '@microsoft/*', '@azure/*', 'express', 'pg', '@electric-sql/*', 'kysely',
  'react', 'react-dom', '@fluentui/*', 'pino', 'docx', 'node:*', 'fs', 'path', 'crypto', 'http', 'https', 'os',
  'child_process', 'url', 'net', 'stream', 'zlib', 'worker_threads',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'test-results/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenInShared.map((group) => ({ group: [group], message: 'shared/ is pure domain code' })) }],
    },
  },
);
