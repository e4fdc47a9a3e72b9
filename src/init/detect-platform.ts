/**
 * Which platform wrote an export, and which of its columns are respondent metadata rather than questions,
 * recognised by the header names each platform uses.
 */
import type { Format } from '../codebook/schema.ts';
import { normalizeLabel } from '../util/normalize-label.ts';

export type ColumnRole = 'id' | 'submittedAt' | 'duration' | 'channel' | 'pii' | 'ignore';

const ROLES: Record<ColumnRole, readonly string[]> = {
  id: ['序号', '编号', 'ResponseId', 'Response ID', 'Respondent ID', 'RespondentID'],
  submittedAt: ['提交答卷时间', '提交时间', '结束答题时间', 'EndDate', 'End Date', 'RecordedDate', 'Timestamp', '时间戳记', 'Submitted At', 'Date Submitted'],
  duration: ['所用时间', '答题时长', 'Duration (in seconds)', 'Duration'],
  channel: ['来源', '来源渠道', 'DistributionChannel', 'Channel'],
  pii: ['来自IP', 'IP', 'IPAddress', 'IP Address', 'RecipientEmail', 'RecipientFirstName', 'RecipientLastName', 'Email Address', 'Email', '邮箱', '手机', '手机号', '电话', 'Phone', 'LocationLatitude', 'LocationLongitude', 'Name', '姓名', '微信号'],
  ignore: ['来源详情', '开始答题时间', '总分', 'StartDate', 'Start Date', 'Status', 'Progress', 'Finished', 'ExternalReference', 'ExternalDataReference', 'UserLanguage', 'Collector ID', '地理位置', '自定义字段'],
};

const BY_NAME = new Map<string, ColumnRole>(
  (Object.entries(ROLES) as [ColumnRole, readonly string[]][]).flatMap(([role, names]) => names.map((name) => [normalizeLabel(name).toLowerCase(), role] as const)),
);

export function columnRole(name: string): ColumnRole | undefined {
  return BY_NAME.get(normalizeLabel(name).toLowerCase());
}

/** The platform, from the header (and, for Qualtrics, its ImportId row). */
export function detectPlatform(header: readonly string[], hasImportIdRow: boolean): Format {
  const names = new Set(header.map((name) => normalizeLabel(name)));
  if (hasImportIdRow || (names.has('ResponseId') && names.has('Finished'))) return 'qualtrics';
  if (names.has('序号') && (names.has('提交答卷时间') || names.has('所用时间'))) return 'wjx';
  if (names.has('编号') && (names.has('答题时长') || names.has('开始答题时间'))) return 'tencent';
  const first = normalizeLabel(header[0] ?? '');
  if (['Timestamp', '时间戳记', 'Marca temporal', 'Horodateur', 'Zeitstempel'].includes(first)) return 'google-forms';
  return 'generic';
}
