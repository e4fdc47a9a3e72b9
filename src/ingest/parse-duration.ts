/**
 * A completion time in seconds from the forms exports use: `95`, `95秒`, `1分35秒`, `1小时2分3秒`,
 * `95 s`, `1m35s`, `00:01:35` (or `75:10`, minutes and seconds). Undefined when the text is none of these.
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(value);
  if (clock) {
    // A clock's seconds stay under 60, and its minutes too when hours lead (00:99:99 is no time).
    const [hours, minutes, seconds] = [Number(clock[1] ?? 0), Number(clock[2]), Number(clock[3])];
    if (seconds >= 60 || (clock[1] !== undefined && minutes >= 60)) return undefined;
    return hours * 3600 + minutes * 60 + seconds;
  }
  const units = /^(?:(\d+)\s*(?:小时|时|h|hours?)\s*)?(?:(\d+)\s*(?:分钟|分|m|min|minutes?)\s*)?(?:(\d+(?:\.\d+)?)\s*(?:秒|s|sec|seconds?))?$/i.exec(value);
  if (units && (units[1] ?? units[2] ?? units[3]) !== undefined) {
    return Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number(units[3] ?? 0);
  }
  return undefined;
}
