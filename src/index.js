// The package entry for `import ... from 'stickiness'`: the sources are TypeScript run through tsx, so the
// loader is registered before the API module is imported.
import { register } from 'tsx/esm/api';

register();
const api = await import('./api.ts');

export const {
  analyzeSurvey,
  buildReport,
  runAudit,
  loadCodebook,
  parseCodebook,
  ingestFile,
  ingestBytes,
  ingestText,
  draftFromFile,
  finishStats,
  addResponse,
  createSummary,
  mergeSummary,
  UserError,
} = api;
