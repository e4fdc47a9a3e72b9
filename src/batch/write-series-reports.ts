/**
 * Surveys sharing a `series` are waves: each series with two or more of them gets `<out>/series/<series>/`,
 * made from the waves' `stats.json` in `<out>/<id>/`, in the order given.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { renderPngs } from '../render/render-png.ts';
import { renderSvg } from '../render/render-svg.ts';
import { seriesTrends, seriesWithWaves } from '../stats/wave-changes.ts';
import { seriesFiles } from '../report/series-report.ts';
import { writeReportFolder } from '../report/write-report-folder.ts';
import type { Stats } from '../model/stats.ts';

export async function writeSeriesReports(out: string, ids: readonly string[]): Promise<void> {
  const waves = await Promise.all(ids.map(async (id) => JSON.parse(await readFile(path.join(out, id, 'stats.json'), 'utf8')) as Stats));
  for (const [series, members] of seriesWithWaves(waves)) {
    const first = members[0] as Stats;
    const language = first.survey.language === 'zh' ? 'zh' : 'en';
    const files = await seriesFiles(series, seriesTrends(members, first.confidence), language, first.confidence, { svg: renderSvg, pngs: renderPngs });
    await writeReportFolder(path.join(out, 'series'), series, files);
  }
}
