/** A sampling design as `stats.json` describes it (docs/outputs.md, `design`). */
import type { Design } from '../codebook/schema.ts';

export interface DesignDiagnostics {
  strata: number;
  /** Sampled PSUs (null when every respondent is a PSU: no `ids`). */
  psus: number | null;
  /** Sampled second-stage units, when the second stage counts (two `ids` and two `fpc`). */
  ssus: number | null;
  /** Stages named in `ids` (0 without); a second one counts only with an fpc for both stages. */
  stages: number;
  /** degf(design): PSUs (or respondents) less strata; the degrees of freedom of t-based intervals and F tests. */
  degf: number;
  fpc: boolean;
  /** Whether the weights come from `fpc` (the export has none). */
  weightsFromFpc: boolean;
  lonelyPsu: Design['lonelyPsu'];
  /** Strata with a single PSU, by label (at most 20), and how many there are. */
  lonelyStrata: string[];
  lonelyCount: number;
}
