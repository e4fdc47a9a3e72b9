/**
 * What `init` learns about each column while streaming an export: how many cells are filled, the distinct
 * values and their counts (capped), how many look numeric or personal, and how often a multi-select
 * separator appears. Bounded memory whatever the number of rows.
 */
import { looksPersonal } from '../util/looks-personal.ts';
import { normalizeLabel } from '../util/normalize-label.ts';
import { PLATFORM_MISSING } from '../validate/parse-answer.ts';

/** Distinct values kept per column; a column with more is free text or numbers, not choices. */
export const DISTINCT_CAP = 500;
export const SEPARATORS = ['┋', ', ', ',', ';', '|'] as const;

export interface ColumnProfile {
  name: string;
  filled: number;
  /** Distinct normalised values (the `其他〖…〗` form folded to its option) with counts, in first-seen order. */
  values: Map<string, number>;
  overflow: boolean;
  numeric: number;
  integer: number;
  min: number;
  max: number;
  personal: number;
  /** Per separator: cells holding it. */
  separated: Record<string, number>;
}

const SKIPPED = new Set([...PLATFORM_MISSING.wjx].map(normalizeLabel));

export function createColumnProfiles(header: readonly string[]): { push(cells: readonly string[]): void; profiles: ColumnProfile[] } {
  const profiles: ColumnProfile[] = header.map((name) => ({
    name,
    filled: 0,
    values: new Map(),
    overflow: false,
    numeric: 0,
    integer: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    personal: 0,
    separated: Object.fromEntries(SEPARATORS.map((s) => [s, 0])),
  }));
  return {
    profiles,
    push(cells) {
      profiles.forEach((profile, i) => {
        const raw = (cells[i] ?? '').trim();
        // `其他〖written text〗` counts as its option, `其他`.
        const value = normalizeLabel(raw.replace(/〖[^〗]*〗/gu, ''));
        if (value === '' || SKIPPED.has(value)) return;
        profile.filled++;
        if (!profile.overflow) {
          profile.values.set(value, (profile.values.get(value) ?? 0) + 1);
          if (profile.values.size > DISTINCT_CAP) profile.overflow = true;
        }
        if (value.length <= 64 && /^[-+]?(\d+\.?\d*|\.\d+)$/.test(value)) {
          const number = Number(value);
          profile.numeric++;
          if (Number.isInteger(number)) profile.integer++;
          profile.min = Math.min(profile.min, number);
          profile.max = Math.max(profile.max, number);
        }
        if (looksPersonal(value)) profile.personal++;
        for (const separator of SEPARATORS) if (value.includes(separator)) profile.separated[separator] = (profile.separated[separator] ?? 0) + 1;
      });
    },
  };
}
