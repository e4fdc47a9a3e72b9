/** Ingest and validate one export: the first two stages of the pipeline, shared by `analyze` and `validate`. */
import type { Codebook } from './codebook/schema.ts';
import { ingestExport, type Ingested } from './ingest/ingest-export.ts';
import { validationSummary, type ValidationSummary } from './report/validation-json.ts';
import { validateRows, type Validation } from './validate/validate-rows.ts';

export interface ValidatedExport extends Ingested {
  validated: Validation;
  summary: ValidationSummary;
}

export function validateExport(codebook: Codebook, bytes: Uint8Array, file: string): ValidatedExport {
  const ingested = ingestExport(codebook, bytes, file);
  const validated = validateRows(codebook, ingested.table, ingested.columns);
  return { ...ingested, validated, summary: validationSummary(codebook.id, codebook.source.file, ingested.encoding, validated) };
}
