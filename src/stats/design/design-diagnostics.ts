/** What a reader needs to know of a sampling design: its size by stage, its degrees of freedom, and its lonely strata. */
import type { DesignSpec, WeightingPlan } from '../weights/weighting-plan.ts';
import type { DesignLayout } from './design-layout.ts';
import type { DesignDiagnostics } from '../../model/design-diagnostics.ts';

export type { DesignDiagnostics };

export function designDiagnostics(layout: DesignLayout, plan: WeightingPlan): DesignDiagnostics {
  const spec = plan.design as DesignSpec;
  return {
    strata: layout.strata.length,
    psus: spec.clustered ? layout.strata.reduce((sum, s) => sum + s.psus.length, 0) : null,
    ssus: spec.twoStage ? layout.strata.reduce((sum, s) => sum + s.psus.reduce((t, p) => t + p.ssus.length, 0), 0) : null,
    stages: spec.stages,
    degf: layout.degf,
    fpc: spec.fpc,
    weightsFromFpc: spec.fpc && !plan.designWeights,
    lonelyPsu: spec.lonelyPsu,
    lonelyStrata: layout.lonely.slice(0, 20),
    lonelyCount: layout.lonely.length,
  };
}
