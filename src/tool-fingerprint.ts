/**
 * What identifies this version of the tool for incremental runs: the package version and a hash of its
 * sources, so a changed tool re-runs every survey even without a version bump.
 */
import { sourceFingerprint } from './package-root.js';

export function toolFingerprint(): string {
  return sourceFingerprint();
}
