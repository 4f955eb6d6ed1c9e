/** A log line as a function wrote it. */
type LogLine = { level: string; message: string };

const MAX_LINES = 30;
const MAX_LINE_CHARS = 300;

/** The last lines of a function's logs, one `level: message` each, short enough for the model. */
export function formatLogs(logs: readonly LogLine[], truncated: boolean): string[] {
  const lines = logs.slice(-MAX_LINES).map((l) => `${l.level}: ${l.message.slice(0, MAX_LINE_CHARS)}`);
  if (logs.length > MAX_LINES || truncated) lines.unshift("… earlier lines left out");
  return lines;
}
