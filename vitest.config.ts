import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    // Both cores of a 2-core machine (vitest's default leaves one free: the suite took 60% longer).
    maxWorkers: 2,
    // Test files share a worker's modules instead of importing them afresh: imports took 99 s of the suite's
    // 440 s of test time (305 s wall), and 28 s without isolation (227 s wall). No test mocks a module, and
    // the modules' own state is caches of pure results (fonts, chart data, design keys).
    isolate: false,
    // Sized for a busy 2-core machine (another test run beside this one); heavy tests set their own.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
