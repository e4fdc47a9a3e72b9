/**
 * Before the tests: builds the package as `npm run build` does (the library with tsc, the command's bundle
 * with esbuild) into a fake install (see built-package.ts), which the command-line and package tests run;
 * after them, removes it. Leftovers of runs that were killed are removed after a day.
 */
import { execFileSync, execSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache');
const DAY_MS = 24 * 3_600_000;

export default function setup(project: TestProject): () => void {
  mkdirSync(CACHE, { recursive: true });
  for (const name of readdirSync(CACHE).filter((n) => n.startsWith('stickiness-test-'))) {
    const folder = path.join(CACHE, name);
    if (Date.now() - statSync(folder).mtimeMs > DAY_MS) rmSync(folder, { recursive: true, force: true });
  }
  const install = mkdtempSync(path.join(CACHE, 'stickiness-test-'));
  const pkg = path.join(install, 'node_modules', 'stickiness');
  mkdirSync(pkg, { recursive: true });
  copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
  // The sources were type-checked before the tests (npm test): only emit here.
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--noCheck', '--outDir', path.join(pkg, 'dist')], { stdio: 'inherit' });
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const bin = path.join(ROOT, 'node_modules', '.bin');
  execSync(scripts['build:command'] ?? '', { cwd: pkg, stdio: 'inherit', env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}` } });
  project.provide('builtPackage', pkg);
  return () => rmSync(install, { recursive: true, force: true });
}
