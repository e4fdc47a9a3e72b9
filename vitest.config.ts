import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    // Both cores of a 2-core machine (vitest's default leaves one free: the suite took 60% longer).
    maxWorkers: 2,
    // Sized for a busy 2-core machine (another test run beside this one); heavy tests set their own.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
