/**
 * Bounds on what a `.sav` file may ask of the reader, so a damaged or hostile file (a header claiming a
 * billion variables, a label a gigabyte long) is refused with a message instead of exhausting memory. Every
 * length read from the file is also checked against the bytes left in it before anything is allocated
 * (file-cursor.ts), so these only cap what a genuinely large file could still demand.
 */
export interface SavLimits {
  /** Variable records (8-byte slots per case): SPSS itself stops near 32,767 variables of up to 32 KiB. */
  slots: number;
  /** Bytes of dictionary (everything before the data). */
  dictionaryBytes: number;
  /** Uncompressed bytes of one `.zsav` block (SPSS and PSPP write about 4 MiB). */
  zsavBlockBytes: number;
}

export const SAV_LIMITS: SavLimits = {
  slots: 1 << 20,
  dictionaryBytes: 256 << 20,
  zsavBlockBytes: 64 << 20,
};

/** The widest string SPSS allows, in bytes. */
export const MAX_STRING_WIDTH = 32_767;
