import { AppError } from "@/lib/errors";

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `body: must be at most ${maxBytes} bytes.`, "body");
}

async function readBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new Uint8Array(0);
  // Read chunk by chunk: a chunked body that never declared its length is cut off at the limit
  // instead of being buffered whole.
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A request body as text, at most `maxBytes`; a body that is not valid UTF-8 is a 400 naming `body`
 * rather than text with U+FFFD where the invalid bytes were (binary data travels as base64).
 */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const bytes = await readBytes(req, maxBytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "body: is not valid UTF-8 text; send binary data base64-encoded.", "body");
  }
}
