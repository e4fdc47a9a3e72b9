import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReportFolder } from '../../src/report/write-report-folder.ts';

const work = mkdtempSync(path.join(tmpdir(), 'stickiness-write-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('writeReportFolder', () => {
  it('replaces the report whole and leaves no temporary folder', async () => {
    const out = path.join(work, 'a');
    await writeReportFolder(out, 'survey', new Map([['stats.json', '1'], ['charts/x.svg', '<svg/>']]));
    await writeReportFolder(out, 'survey', new Map([['stats.json', '2']]));
    expect(readdirSync(out)).toEqual(['survey']);
    expect(readdirSync(path.join(out, 'survey'))).toEqual(['stats.json']);
    expect(readFileSync(path.join(out, 'survey', 'stats.json'), 'utf8')).toBe('2');
  });

  it('keeps the previous report as it was when writing the new one fails part-way', async () => {
    const out = path.join(work, 'b');
    await writeReportFolder(out, 'survey', new Map([['stats.json', 'old']]));
    // A file and a folder of one name: the second write fails after the first succeeded.
    await expect(writeReportFolder(out, 'survey', new Map([['x', 'file'], ['x/y', 'under a file']]))).rejects.toThrow(/cannot write the report here/);
    expect(readFileSync(path.join(out, 'survey', 'stats.json'), 'utf8')).toBe('old');
    expect(readdirSync(out)).toEqual(['survey']);
  });

  it('cleans up after a run killed mid-write, and puts back a report moved aside just before the swap', async () => {
    const out = path.join(work, 'c');
    mkdirSync(path.join(out, '.survey.tmp-999999'), { recursive: true });
    writeFileSync(path.join(out, '.survey.tmp-999999', 'stats.json'), 'half');
    mkdirSync(path.join(out, '.survey.old-999999'), { recursive: true });
    writeFileSync(path.join(out, '.survey.old-999999', 'stats.json'), 'previous');
    await writeReportFolder(out, 'other', new Map([['stats.json', 'unrelated']]));
    expect(existsSync(path.join(out, '.survey.tmp-999999'))).toBe(true);
    await writeReportFolder(out, 'survey', new Map([['stats.json', 'new']]));
    expect(readdirSync(out).sort()).toEqual(['other', 'survey']);
    expect(readFileSync(path.join(out, 'survey', 'stats.json'), 'utf8')).toBe('new');
  });
});
