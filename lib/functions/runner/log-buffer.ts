import { LOG_LEVELS, type LogLine } from "./protocol";

// Per-line overhead counted against maxLogBytes, so a flood of empty lines is bounded too.
const LINE_OVERHEAD_BYTES = 16;

/** An invocation's console output, capped at `maxBytes` (UTF-8) and closed by one truncation marker line. */
export class LogBuffer {
  readonly lines: LogLine[] = [];
  truncated = false;
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** Appends a line from the isolate; anything that is not a (level, string) pair is ignored. */
  push(level: unknown, message: unknown): void {
    if (this.truncated || typeof message !== "string" || !LOG_LEVELS.includes(level as LogLine["level"])) return;
    const size = Buffer.byteLength(message) + LINE_OVERHEAD_BYTES;
    if (this.bytes + size > this.maxBytes) {
      this.truncated = true;
      this.lines.push({ level: "warn", message: `[log output truncated at ${this.maxBytes} bytes]`, time: Date.now() });
      return;
    }
    this.bytes += size;
    this.lines.push({ level: level as LogLine["level"], message, time: Date.now() });
  }
}
