/**
 * What a batch does with each survey, decided from what was found about it: run it, skip it (its report was
 * made from exactly these inputs), or fail it (a broken codebook, or an id that an earlier survey has: ids
 * name report folders). Pure: the facts are gathered by `checkSurvey`.
 */
import type { LoadedCodebook } from '../codebook/load-codebook.ts';
import type { ReportInputs } from '../report/report-inputs.ts';

/** What was found about one survey folder. */
export type SurveyCheck =
  | {
      survey: string;
      codebook: LoadedCodebook;
      /** The inputs of a report made now (not looked at when every survey is re-run). */
      current?: ReportInputs;
      /** The `inputs.json` of the report there is, as written; undefined when there is none. */
      recorded: string | undefined;
    }
  | { survey: string; error: string };

export type PlannedSurvey =
  | { survey: string; id: string; action: 'run'; codebook: LoadedCodebook }
  | { survey: string; id: string; action: 'skip' }
  | { survey: string; id: string; action: 'fail'; error: string };

/** The decisions so far: which survey took each id. */
export type PlanState = Map<string, string>;

/** The decision on one survey, after those in `state`; records its id there. */
export function planSurvey(check: SurveyCheck, state: PlanState, force: boolean): PlannedSurvey {
  const { survey } = check;
  if ('error' in check) return { survey, id: '', action: 'fail', error: check.error };
  const { codebook } = check.codebook;
  const other = state.get(codebook.id);
  if (other !== undefined) {
    return { survey, id: '', action: 'fail', error: `${check.codebook.file}: id \`${codebook.id}\` is also the id of ${other}; ids name report folders, so give each survey its own` };
  }
  state.set(codebook.id, survey);
  const unchanged = check.current !== undefined && check.recorded === inputsJson(check.current);
  return !force && unchanged ? { survey, id: codebook.id, action: 'skip' } : { survey, id: codebook.id, action: 'run', codebook: check.codebook };
}

/** The decision on every survey, in order. */
export function planBatch(checks: readonly SurveyCheck[], options: { force?: boolean } = {}): PlannedSurvey[] {
  const state: PlanState = new Map();
  return checks.map((check) => planSurvey(check, state, options.force === true));
}

/** `inputs.json` as a report folder holds it. */
export function inputsJson(inputs: ReportInputs): string {
  return `${JSON.stringify(inputs, null, 2)}\n`;
}
