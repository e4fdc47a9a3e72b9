/** A question by name: as reports' tables name it (its label, or its id), and as charts do (its label, or its column's header, or its id). */
import type { Codebook } from './schema.ts';

export function questionLabel(codebook: Pick<Codebook, 'questions'>, id: string): string {
  return codebook.questions.find((q) => q.id === id)?.label ?? id;
}

export function questionName(codebook: Pick<Codebook, 'questions'>, id: string): string {
  const question = codebook.questions.find((q) => q.id === id);
  return question?.label ?? question?.column ?? id;
}

/** A driver analysis's outcome as readers know it: a metric's label, else its question's name. */
export function outcomeName(codebook: Pick<Codebook, 'questions' | 'metrics'>, outcome: string): string {
  const metric = codebook.metrics.find((m) => m.id === outcome);
  return metric?.label ?? questionName(codebook, metric?.question ?? outcome);
}
