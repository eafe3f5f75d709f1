import nx from '@nx/eslint-plugin';

// Domains in dependency order (ARCHITECTURE.md): a domain may use those before it, never after.
const domains = [
  'platform',
  'identity',
  'organizations',
  'groups',
  'tasks',
  'meetings',
  'minutes',
  'notifications',
  'knowledge',
  'reports',
];

const domainConstraints = domains.map((domain, index) => ({
  sourceTag: `domain:${domain}`,
  onlyDependOnLibsWithTags: [
    'scope:shared',
    ...domains.slice(0, index).map((d) => `domain:${d}`),
    // Test helpers build on the platform, so only later domains may use them.
    ...(index > 0 ? ['type:testing'] : []),
  ],
}));

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            // The browser never imports server code; shared contracts are type/enum only.
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
            ...domainConstraints,
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    ignores: [
      '**/dist',
      '**/vitest.config.*.timestamp*',
      '**/vite.config.*.timestamp*',
      '.data/**',
      'apps/web/src/app/api/generated/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
];
