import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    // Sized for a busy 2-core machine (another test run beside this one); heavy tests set their own.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
