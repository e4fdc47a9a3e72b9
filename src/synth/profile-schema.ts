/**
 * The optional synthesis profile (`synth-profile.yaml` next to `survey.yaml`): answer distributions for
 * `stickiness synth`, so a synthetic export can look like a real, skewed panel. Unlisted questions get
 * uniform answers.
 */
import { z } from 'zod';
import { strictObject } from '../codebook/strict-object.ts';

const weights = z.record(z.string(), z.number().min(0));

export const questionProfileSchema = strictObject({
  /**
   * single / likert: relative weight of each option label; nps / rating: of each score ("0".."10");
   * multi: the probability (0..1) that each option is chosen.
   */
  shares: weights.optional(),
  /** text: answers drawn from this list. */
  texts: z.array(z.string()).optional(),
  /** numeric: the range drawn from uniformly (whole numbers). */
  range: strictObject({ min: z.number(), max: z.number() }).optional(),
  /** Share of respondents who leave the question blank. */
  blank: z.number().min(0).max(1).optional(),
});
export type QuestionProfile = z.infer<typeof questionProfileSchema>;

export const profileSchema = strictObject({
  seed: z.number().int().optional(),
  respondent: strictObject({
    /** Completion times in seconds, drawn log-uniformly from this range. */
    duration: strictObject({ min: z.number().positive(), max: z.number().positive() }).optional(),
    channel: weights.optional(),
  }).default({}),
  questions: z.record(z.string(), questionProfileSchema).default({}),
  /** Overrides for respondents whose earlier answer matches: e.g. finance workers pick finance research more. */
  conditional: z
    .array(
      strictObject({
        when: strictObject({ question: z.string(), in: z.array(z.union([z.string(), z.number()]).transform(String)).min(1) }),
        questions: z.record(z.string(), questionProfileSchema),
      }),
    )
    .default([]),
  /**
   * Answers that go with others': `question` is drawn so that its answer correlates with those of the
   * questions in `with`, each with a strength −1..1 whose squares sum under 1 (a Gaussian copula; see
   * synthesize-rows.ts); all of them questions with ordered answers.
   */
  linked: z
    .array(
      strictObject({
        question: z.string(),
        with: z
          .record(z.string(), z.number().gt(-1).lt(1))
          .refine((w) => Object.keys(w).length > 0, 'names at least one question')
          .refine((w) => Object.values(w).reduce((sum, b) => sum + b * b, 0) < 1, 'needs strengths whose squares sum under 1'),
      }),
    )
    .default([]),
});
export type Profile = z.infer<typeof profileSchema>;
