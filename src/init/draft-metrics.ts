/**
 * The metrics of a draft: one example of each kind that fits a question type present (a proportion on the
 * first single-choice question, top-box on the first likert, NPS, a mean on the first rating and number
 * question, a distribution on the first multi-select), drafted for real so the first `analyze` shows a
 * report; and the same examples for the other questions as comments to uncomment. Pure.
 */
import { stringify } from 'yaml';

/** What the metrics need to know of a drafted question. */
export interface MetricSource {
  id: string;
  type: string;
  options?: readonly string[];
  /** The option chosen most: a proportion's `success`. */
  mostChosen?: string;
}

/** Most questions whose examples are written as comments. */
const MAX_EXAMPLES = 40;

export function draftMetrics(questions: readonly MetricSource[]): { metrics: Record<string, unknown>[]; examples: string[] } {
  const metrics: Record<string, unknown>[] = [];
  const examples: string[] = [];
  const typesDone = new Set<string>();
  for (const question of questions) {
    const metric = exampleMetric(question);
    if (metric === undefined) continue;
    if (!typesDone.has(question.type)) {
      typesDone.add(question.type);
      metrics.push(metric);
    } else if (examples.length < MAX_EXAMPLES) examples.push(`#   - ${flow(metric)}`);
  }
  return { metrics, examples };
}

/** The example metric of one question; undefined for free text. */
function exampleMetric(q: MetricSource): Record<string, unknown> | undefined {
  const options = q.options ?? [];
  switch (q.type) {
    case 'single':
      return q.mostChosen === undefined ? undefined : { id: `${q.id}_share`, kind: 'proportion', question: q.id, success: [q.mostChosen] };
    case 'likert': {
      // The top two of four or more points (somewhat or very; satisfied or very satisfied), else the top one.
      const box = options.length >= 4 ? 2 : 1;
      return options.length < 2 ? undefined : { id: `${q.id}_top${box}`, kind: 'top-box', question: q.id, box };
    }
    case 'nps':
      return { id: `${q.id}_nps`, section: 'satisfaction', kind: 'nps', question: q.id };
    case 'rating':
    case 'numeric':
      return { id: `${q.id}_mean`, kind: 'mean', question: q.id };
    case 'multi':
      return { id: `${q.id}_mix`, section: 'usage', kind: 'distribution', question: q.id };
    default:
      return undefined;
  }
}

/** A metric as one line of flow YAML: `{ id: sex_share, kind: proportion, question: sex, success: [ Female ] }`. */
export function flow(value: Record<string, unknown>): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();
}
