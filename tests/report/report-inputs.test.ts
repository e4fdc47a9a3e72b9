/**
 * `inputs.json` keys a report on what changes its bytes: the codebook, the export, the package version and
 * the output format. OUTPUT_FORMAT must be raised whenever the committed reports change.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_FORMAT, reportInputs } from '../../src/report/report-inputs.ts';
import { listFiles } from '../list-files.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The digest of every committed report file but inputs.json, for each output format so far: sha256 over each
 * file's path relative to reports/ and a NUL byte, then its bytes, in path order (as `reportsDigest`). A new
 * output format adds a line; a recorded line is never changed. Two formats may share a digest when what
 * changed does not show in the sample surveys (format 2: privacy rule, inert text, line endings, limits).
 */
const DIGESTS: Record<number, string> = {
  1: '50fea6d7da70a1339a00d4a8290433d235131dd24f7a6f9e65648eb616e22f06',
  2: '50fea6d7da70a1339a00d4a8290433d235131dd24f7a6f9e65648eb616e22f06',
  // Format 3: `filtered` in the accounting; missing values, codes as numbers, unknown values (issue 17).
  3: '09fe1e7f2fb192b28cfff3eb24971c37e272fe6116472da53c7bba988b024cee',
  // Format 4: tests named as they are (with statistic and df), ANOVAs for means and NPS, the effective n the interval used (issue 18).
  4: 'fbec6bca68f8a91fd75c9f2579921d8b6d4b3c4481b8d72052db1abd16ee2f37',
  // Format 5: banner tables (stats.json tables, tables/<id>.xlsx and .csv, a report section), wide tables scroll in report.html (issue 19).
  5: '804faa5715e28d0beba5c5d2f4740a81e499b3606d9d4690d8577b12095b4806',
  // Format 6: indexes, scale reliability (alpha, omega) and key drivers (correlations, LMG and Johnson shares with intervals, charts) in stats.json and the report; the sample gains an experience battery (issue 20).
  6: '6659cce134fb00ac5788d59d2f56a318da0ce25d2414e241f859efeeeeef2d70',
  // Format 7: stats.json `indexes` (how each index is scored, and its scores' n, unscored, mean, SD, range) (issue 20).
  7: '47a0261480951b3d10e64146c466d88d1ad54080afd61078c5021f36ecf0930f',
  // Format 8: drivers' noModel and bootstrapSkipped, reliability's noAlpha; "p < 0.001" and unsigned zero differences in the report (issues 20, 21).
  8: '75bb865c56dc5226d5cb1497db0128af383c04f33755be191ccde025ba8513ae',
  // Format 9: the audit's depends-on-sample warning names what it compared and leaves out calibrated questions; "Further results" for the default section (issue 21).
  9: '7a6bd22c9c9e4e42d648744f53d66a25a323f170a0d35588de1dff1063a9defd',
  // Format 10: forest plots' ticks and formats from their domain (about five, each label distinct) (issue 21).
  10: 'fdb78ac838269f164cd4db570056ec5b0440628e658768cfb1357940e0048632',
  // Format 11: chart subtitles too wide for one line wrap at their separators instead of being cut (issue 21).
  11: 'b6af67e9ed4364689d92fae0e9ad96c287ffdd210bc4ed1172d0cada56c7dc15',
  // Format 12: report.pptx (the deck); chart specs take their colours from config (the theme) and carry their alt text as `description`; report images' text is the alt text (issue 21).
  12: '1b74756c33abfe6d326a64a77fdcf87cbd45bb8781e65f26c0105e40c4b9da71',
  // Format 13: chart review on four surveys (issue 21): bold titles measured wider and long titles wrapped, cut labels take only their limit, each chart's own effective n, design and weights both said, forest labels keep their n and say what is faded or not shown, likert captions and titles, accounting rules in words with their total, histogram bins end at the largest answer, quadrant labels placed above or below when crowded.
  13: 'a1b990800e4044e338f40b0a1426f9e2c2bf924d20bf0f39ef196520ac4d920a',
  // Format 14: likert headlines name the top answers (not "favourable"); NPS axis at five ticks; English charts draw straight quotes.
  14: '9e416b30ab91ac8744c589ca55cca1047d9dc11fb396ffca80d651924d150e32',
  // Format 15: the deck sizes its headlines to their boxes and drops the repeated chart title; speaker notes keep the caption whole and give each chart the method lines its numbers rest on; headlines name a driver analysis's outcome, tied options, a differing group's n and how many differ, and a median's interval; the methods slide says a sampling design beside the weights; quarantine rules in words.
  15: '4f06f8b32b0d85fe573a1446dd329e1184cb3067cae2daadd84c079b0eb52fb1',
  // Format 16: a chart sits centred on its slide.
  16: '5913ce3a38909e328ce37bc4df300918658b769240c05a3de08b98d81c730728',
  // Format 17: report.md and report.html end with a Method section (issue 23's stated assumptions, the lines of the deck's methods slide).
  17: '9c740873dd64d98cb4d3d0576979735fc33e09fbf62d96e918b65242df44f6f0',
  // Format 18: key findings and "How far to trust this" (flags by severity, styled in html) open report.md and report.html; the deck's title slide gives the findings; the series report opens with its changes.
  18: '13752b62a76dd432620d5f05c09633407fd21da432112dd5c05cfa9eaae62d14',
  // Format 19: the findings say an overall group difference, a pair's one comparison and no driver where the model explains nothing; one line each; an empty trust section says the sample matches.
  19: '50a61986e10736f266b9c2b94b564b32e8eed671b301efb03581c6231fdc0462',
  // Format 20: figures in text are rounded from their 15 significant digits (util/fixed.ts): the June sample's age distance of exactly 0.165 reads 0.17, not 0.16.
  20: '5d2e55aac021114016976ab0eeea626d20c68b512e8f6e96ebdf85196666a827',
};

function reportsDigest(): string {
  const dir = path.join(ROOT, 'reports');
  const hash = createHash('sha256');
  for (const file of listFiles(dir).filter((f) => path.basename(f) !== 'inputs.json')) hash.update(`${file}\0`).update(readFileSync(path.join(dir, file)));
  return hash.digest('hex');
}

describe('the output format', () => {
  it('is raised whenever the committed reports change (tests/reports.test.ts holds them current)', () => {
    expect(
      DIGESTS[OUTPUT_FORMAT],
      `reports/ no longer matches output format ${OUTPUT_FORMAT}: if outputs changed on purpose, raise OUTPUT_FORMAT in src/report/report-inputs.ts and add "${OUTPUT_FORMAT + 1}: '${reportsDigest()}'" to DIGESTS here`,
    ).toBe(reportsDigest());
  });

  it('has a digest for every format up to the current one', () => {
    expect(Object.keys(DIGESTS).map(Number)).toEqual(Array.from({ length: OUTPUT_FORMAT }, (_, i) => i + 1));
  });
});

describe('reportInputs', () => {
  it('records the package version, the output format and the two content hashes, and nothing about the sources', () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    // sha256 of the three bytes "abc", as `printf abc | sha256sum` prints it.
    expect(reportInputs('abc', 'e'.repeat(64))).toEqual({
      tool: version,
      outputFormat: OUTPUT_FORMAT,
      codebookSha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      exportSha256: 'e'.repeat(64),
    });
  });

  it('is what every committed report records', () => {
    for (const file of listFiles(path.join(ROOT, 'reports')).filter((f) => path.basename(f) === 'inputs.json')) {
      expect(JSON.parse(readFileSync(path.join(ROOT, 'reports', file), 'utf8')), file).toMatchObject({ outputFormat: OUTPUT_FORMAT });
    }
  });
});
