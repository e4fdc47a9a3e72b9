/** The batch's plan: run, skip or fail each survey from what was found about it, and nothing else. */
import { describe, expect, it } from 'vitest';
import type { LoadedCodebook } from '../../src/codebook/load-codebook.ts';
import { inputsJson, planBatch, type SurveyCheck } from '../../src/batch/plan-batch.ts';
import type { ReportInputs } from '../../src/report/report-inputs.ts';

const inputs = (exportSha256: string): ReportInputs => ({ tool: '1.2.3', outputFormat: 4, codebookSha256: 'c'.repeat(64), exportSha256 });

function check(survey: string, id: string, current: ReportInputs | undefined, recorded: string | undefined): SurveyCheck {
  const codebook = { codebook: { id }, file: `${survey}/survey.yaml`, dir: survey, text: '' } as unknown as LoadedCodebook;
  return { survey, codebook, ...(current === undefined ? {} : { current }), recorded };
}

describe('planBatch', () => {
  it('runs a survey without a report, skips one whose report has the same inputs, and runs one whose inputs changed', () => {
    const plan = planBatch([
      check('s/a', 'a', inputs('1'), undefined),
      check('s/b', 'b', inputs('2'), inputsJson(inputs('2'))),
      check('s/c', 'c', inputs('3'), inputsJson(inputs('old'))),
    ]);
    expect(plan.map((p) => [p.survey, p.action])).toEqual([
      ['s/a', 'run'],
      ['s/b', 'skip'],
      ['s/c', 'run'],
    ]);
  });

  it('runs a report made by another version or output format of the tool', () => {
    const recorded = inputsJson({ ...inputs('1'), outputFormat: 3 });
    expect(planBatch([check('s/a', 'a', inputs('1'), recorded)])[0]?.action).toBe('run');
  });

  it('runs every survey when forced, also unchanged ones', () => {
    expect(planBatch([check('s/a', 'a', undefined, inputsJson(inputs('1')))], { force: true })[0]?.action).toBe('run');
    expect(planBatch([check('s/a', 'a', inputs('1'), inputsJson(inputs('1')))], { force: true })[0]?.action).toBe('run');
  });

  it('fails a survey whose codebook could not be read, and a later survey with an id an earlier one has', () => {
    const plan = planBatch([{ survey: 's/bad', error: 's/bad/survey.yaml: broken' }, check('s/a', 'same', inputs('1'), undefined), check('s/b', 'same', inputs('2'), undefined)]);
    expect(plan[0]).toEqual({ survey: 's/bad', id: '', action: 'fail', error: 's/bad/survey.yaml: broken' });
    expect(plan[1]?.action).toBe('run');
    expect(plan[2]).toEqual({ survey: 's/b', id: '', action: 'fail', error: 's/b/survey.yaml: id `same` is also the id of s/a; ids name report folders, so give each survey its own' });
  });
});
