import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/codebook/schema.ts';
import { optionMatcher, parseAnswer, parseOptionColumns } from '../../src/validate/parse-answer.ts';

const multi: Question = { id: 'm', column: 'M', type: 'multi', options: ['Yes, daily', 'Yes', 'No', 'Other'] };
const matcher = optionMatcher(multi.type === 'multi' ? multi.options : []);

describe('parseAnswer', () => {
  it('splits a Google Forms checkbox cell by known labels, even when a label holds the separator', () => {
    expect(parseAnswer(multi, matcher, 'Yes, daily, No', ', ')).toEqual({ ok: true, answer: [0, 2] });
    expect(parseAnswer(multi, matcher, 'Yes, No', ', ')).toEqual({ ok: true, answer: [1, 2] });
    expect(parseAnswer(multi, matcher, 'No, Yes, daily', ', ')).toEqual({ ok: true, answer: [0, 2] });
  });

  it('names the first piece that is no option', () => {
    expect(parseAnswer(multi, matcher, 'Yes, Maybe', ', ')).toEqual({ ok: false, rule: 'invalid-option', message: '`Maybe` is not an option of `m` (choices are split on `, `)', value: 'Maybe' });
  });

  it('reads codes and the Wenjuanxing "other, please specify" form in multi-selects', () => {
    expect(parseAnswer(multi, matcher, '2┋4〖我自己写的〗', '┋')).toEqual({ ok: true, answer: [1, 3], specified: '我自己写的' });
  });

  it('treats an empty multi-select (only separators) as no answer', () => {
    expect(parseAnswer(multi, matcher, '┋ ┋', '┋')).toEqual({ ok: true, answer: null });
  });

  it('reads a number as a label, never as a code, when the labels are numbers', () => {
    const scale: Question = { id: 's', column: 'S', type: 'single', options: ['0', '1', '2', '3', '4', '5'] };
    const numbers = optionMatcher(scale.type === 'single' ? scale.options : []);
    expect(parseAnswer(scale, numbers, '5', ',')).toEqual({ ok: true, answer: 5 });
    expect(parseAnswer(scale, numbers, '6', ',').ok).toBe(false);
    expect(parseAnswer(scale, numbers, '0', ',')).toEqual({ ok: true, answer: 0 });
  });

  it('reads NPS scores 0..10 and refuses anything else', () => {
    const nps: Question = { id: 'n', column: 'N', type: 'nps' };
    expect(parseAnswer(nps, undefined, ' 10 ', ',')).toEqual({ ok: true, answer: 10 });
    for (const bad of ['11', '-1', '7.5', 'ten', '1e1']) expect(parseAnswer(nps, undefined, bad, ',').ok).toBe(false);
  });

  it('checks numeric ranges', () => {
    const numeric: Question = { id: 'x', column: 'X', type: 'numeric', min: 0, max: 7 };
    expect(parseAnswer(numeric, undefined, '3.5', ',')).toEqual({ ok: true, answer: 3.5 });
    expect(parseAnswer(numeric, undefined, '8', ',')).toEqual({ ok: false, rule: 'out-of-range', message: 'outside 0..7', value: '8' });
    expect(parseAnswer(numeric, undefined, '3 days', ',')).toEqual({ ok: false, rule: 'invalid-number', message: 'not a number', value: '3 days' });
  });
});

describe('parseOptionColumns', () => {
  it('reads 0/1 and label cells, and no ticks as no answer', () => {
    expect(parseOptionColumns(multi, ['1', '', 'No', '0'])).toEqual({ ok: true, answer: [0, 2] });
    expect(parseOptionColumns(multi, ['', '0', undefined, ''])).toEqual({ ok: true, answer: null });
    expect(parseOptionColumns(multi, ['x', '', '', '']).ok).toBe(false);
  });
});

describe('missing values', () => {
  it('are no answer in a free-text question too', () => {
    const text: Question = { id: 't', column: 'T', type: 'text', quotes: 0 };
    expect(parseAnswer(text, undefined, 'NA', ',', new Set(['na']))).toEqual({ ok: true, answer: null });
    expect(parseAnswer(text, undefined, 'Not applicable here', ',', new Set(['na']))).toEqual({ ok: true, answer: 'Not applicable here' });
  });
});
