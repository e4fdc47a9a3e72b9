/** The tool's fingerprint (src/package-root.js) names a bundle and is recorded in every report's inputs.json. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshFingerprint } from '../src/package-root.js';

let made: string | undefined;
afterEach(() => {
  if (made !== undefined) rmSync(made, { recursive: true, force: true });
});

/** A package with one source file and one dependency, installed one folder up (as npm hoists it). */
function fakeInstall(): { root: string; setDependency: (version: string) => void; setSource: (text: string) => void } {
  made = mkdtempSync(path.join(tmpdir(), 'stickiness-fingerprint-'));
  const root = path.join(made, 'node_modules', 'stickiness');
  mkdirSync(path.join(root, 'src'), { recursive: true });
  mkdirSync(path.join(made, 'node_modules', 'vega'), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'stickiness', version: '0.1.0', dependencies: { vega: '^6.0.0' } }));
  const setDependency = (version: string): void => writeFileSync(path.join(made ?? '', 'node_modules', 'vega', 'package.json'), JSON.stringify({ name: 'vega', version }));
  const setSource = (text: string): void => writeFileSync(path.join(root, 'src', 'a.ts'), text);
  setDependency('6.4.0');
  setSource('export const a = 1;\n');
  return { root, setDependency, setSource };
}

describe('freshFingerprint', () => {
  it('is the version and a hash that changes with the sources and with an installed dependency version, and only then', () => {
    const { root, setDependency, setSource } = fakeInstall();
    const first = freshFingerprint(root);
    expect(first).toMatch(/^0\.1\.0\+[0-9a-f]{16}$/);
    expect(freshFingerprint(root)).toBe(first);
    setDependency('6.5.0');
    const upgraded = freshFingerprint(root);
    expect(upgraded).not.toBe(first);
    setSource('export const a = 2;\n');
    expect(freshFingerprint(root)).not.toBe(upgraded);
    setSource('export const a = 1;\n');
    setDependency('6.4.0');
    expect(freshFingerprint(root)).toBe(first);
  });
});
