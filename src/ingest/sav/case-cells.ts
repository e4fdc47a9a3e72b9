/**
 * One case of a `.sav` file as text cells, one per variable, from its uncompressed image (case-decoder.ts):
 * numbers as cell-text.ts writes them (system-missing as ''), strings joined from their segments, decoded,
 * and without trailing blanks.
 */
import type { VariableLayout } from './build-variables.ts';
import { numericText } from './cell-text.ts';
import type { SavText } from './sav-text.ts';

export interface CaseReading {
  layouts: VariableLayout[];
  text: SavText;
  littleEndian: boolean;
  sysmis: number;
}

export function caseCells(image: Buffer, reading: CaseReading): string[] {
  const { layouts, text, littleEndian, sysmis } = reading;
  return layouts.map((layout) => {
    if (layout.type === 'numeric') {
      const value = littleEndian ? image.readDoubleLE(8 * layout.slot) : image.readDoubleBE(8 * layout.slot);
      return value === sysmis || Number.isNaN(value) ? '' : numericText(value, layout.kind);
    }
    const parts = layout.segments.map(({ offset, bytes }) => image.subarray(offset, offset + bytes));
    return text.decode(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts));
  });
}
