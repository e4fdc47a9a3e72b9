/**
 * A copy of `text` that does not keep alive the string it was cut from. V8 makes a substring of 13 or more
 * characters a view into its parent, so one cell kept from a parsed chunk would hold the whole megabyte
 * chunk in memory; anything ingestion keeps past its row (quarantined rows, remembered cells) is detached.
 */
export function detachString(text: string): string {
  // Concatenation makes a new string; slicing it flattens that into fresh memory of its own.
  return text.length < 13 ? text : (` ${text}`).slice(1);
}
