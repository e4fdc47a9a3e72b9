/**
 * A label set into Chinese text: a space on a side where it starts or ends in a Latin letter or digit and
 * meets a Chinese character (`按 Age group 分组`), as Chinese typesetting wants. `Left`/`Right` when only that
 * side meets one (the other is punctuation).
 */
const STARTS_LATIN = /^[A-Za-z0-9]/;
const ENDS_LATIN = /[A-Za-z0-9]$/;

export function spacedLeft(label: string): string {
  return `${STARTS_LATIN.test(label) ? ' ' : ''}${label}`;
}

export function spacedRight(label: string): string {
  return `${label}${ENDS_LATIN.test(label) ? ' ' : ''}`;
}

export function spaced(label: string): string {
  return spacedRight(spacedLeft(label));
}
