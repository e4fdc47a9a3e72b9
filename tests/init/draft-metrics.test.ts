/** draftMetrics: one ready metric per question type present, the rest as comments. */
import { describe, expect, it } from 'vitest';
import { draftMetrics } from '../../src/init/draft-metrics.ts';

describe('draftMetrics', () => {
  it('drafts one metric per question type, on the first question of each, and comments the rest', () => {
    const { metrics, examples } = draftMetrics([
      { id: 'sex', type: 'single', options: ['Female', 'Male'], mostChosen: 'Male' },
      { id: 'smoke', type: 'likert', options: ['Never', 'Occas', 'Regul', 'Heavy'] },
      { id: 'exer', type: 'likert', options: ['None', 'Some', 'Freq'] },
      { id: 'rec', type: 'nps' },
      { id: 'blair', type: 'rating' },
      { id: 'age', type: 'numeric' },
      { id: 'uses', type: 'multi', options: ['a', 'b'] },
      { id: 'comments', type: 'text' },
      { id: 'clap', type: 'single', options: ['Right', 'Left'], mostChosen: 'Right' },
    ]);
    expect(metrics).toEqual([
      // The most chosen option: an estimate with some weight in it.
      { id: 'sex_share', kind: 'proportion', question: 'sex', success: ['Male'] },
      // Top two of a four-point scale; of a three-point one, the top one (one must stay below).
      { id: 'smoke_top2', kind: 'top-box', question: 'smoke', box: 2 },
      { id: 'rec_nps', section: 'satisfaction', kind: 'nps', question: 'rec' },
      { id: 'blair_mean', kind: 'mean', question: 'blair' },
      { id: 'age_mean', kind: 'mean', question: 'age' },
      { id: 'uses_mix', section: 'usage', kind: 'distribution', question: 'uses' },
    ]);
    expect(examples).toEqual([
      '#   - { id: exer_top1, kind: top-box, question: exer, box: 1 }',
      '#   - { id: clap_share, kind: proportion, question: clap, success: [ Right ] }',
    ]);
  });
});
