import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Checks of the container setup (docker-compose.yml). Run from the workspace root:
//   npx vitest run --config tools/compose/vitest.config.mts
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'compose',
    environment: 'node',
    include: ['**/*.spec.ts'],
    watch: false,
  },
});
