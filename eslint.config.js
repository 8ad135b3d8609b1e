// Lint rules: typescript-eslint's recommended set, size budgets for source files, and the layer
// boundaries from DESIGN.md (engine and strategies never import adapters or generated code).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noAdapters = {
  group: [
    '**/data/**',
    '**/live/**',
    '**/emulator/**',
    '**/cli/**',
    '**/report/**',
    '**/research/**',
    '**/wire/**',
  ],
  message: 'The engine and strategies import only core and engine (DESIGN.md layers).',
};
const noGenerated = {
  group: ['**/generated/**'],
  message: 'Only src/wire (converters), src/live and src/emulator see generated protobuf code.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'dist.tmp-*/**',
      'src/wire/generated/**',
      'data/**',
      'reports/**',
      'test-artifacts/**',
      'notebooks/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'max-lines': ['error', { max: 250, skipBlankLines: true, skipComments: true }],
      'max-params': ['error', 5],
      'no-console': 'error',
      // zod's classic API builds ~50 methods into every schema: ~20 ms of every start.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/^zod(\\/mini)?$/]',
          message:
            'Import z from src/core/zod.ts (zod/mini with English messages; classic zod slows start-up).',
        },
      ],
    },
  },
  {
    // The one place zod/mini is imported and given its English messages.
    files: ['src/core/zod.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/engine/**/*.ts', 'src/strategies/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time comes from the Clock port.' },
        { object: 'Math', property: 'random', message: 'Randomness comes from SeededRandom.' },
        { object: 'performance', property: 'now', message: 'Time comes from the Clock port.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/live/**', 'src/emulator/**', 'src/wire/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noGenerated] }] },
  },
  {
    // The wire layer is shared by the client and the emulator, so it may import neither.
    files: ['src/wire/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/live/**', '**/emulator/**', '**/data/**', '**/cli/**', '**/engine/**'],
              message: 'src/wire imports only core and generated code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/strategies/**/*.ts', 'src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noGenerated, noAdapters] }] },
  },
);
