import { createHash } from "node:crypto";
import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";
import type { Redis as IORedis } from "ioredis";

// Lets the @upstash/redis client (and so @upstash/ratelimit) talk RESP to a plain Redis over ioredis
// instead of Upstash's REST API, keeping all of the client's logic (EVALSHA → EVAL fallback,
// (de)serialisation). The three request shapes are a single command (no path), ["pipeline"] and
// ["multi-exec"]; each body is an Upstash command array such as ["evalsha", sha, 2, k1, k2, a1].

// @upstash/ratelimit ≥ 2.1 starts every script with this Upstash-only shebang, which Redis 7 rejects
// ("Unexpected flag in script shebang"). It is stripped, and the SHA the library computed for the
// original text is mapped to the SHA of what Redis actually cached, so later EVALSHAs still hit.
const UPSTASH_SHEBANG = /^#!lua flags=allow-key-locking\r?\n/;

type Arg = string | number | Buffer;
type Command = [string, ...Arg[]];

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

function asCommand(value: unknown): Command {
  if (!Array.isArray(value) || typeof value[0] !== "string") throw new TypeError("Upstash request body is not a command");
  return value.map((v: unknown) => (typeof v === "number" || Buffer.isBuffer(v) ? v : String(v))) as Command;
}

function asCommands(value: unknown): Command[] {
  if (!Array.isArray(value)) throw new TypeError("Upstash pipeline body is not a list of commands");
  return value.map(asCommand);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Rewrites script commands for plain Redis; other commands pass through unchanged. */
function translator(): (command: Command) => Command {
  const shaBySha = new Map<string, string>();
  return ([name, ...args]) => {
    const verb = name.toLowerCase();
    if ((verb === "eval" || verb === "eval_ro") && typeof args[0] === "string" && UPSTASH_SHEBANG.test(args[0])) {
      const stripped = args[0].replace(UPSTASH_SHEBANG, "");
      shaBySha.set(sha1(args[0]), sha1(stripped));
      return [name, stripped, ...args.slice(1)];
    }
    if ((verb === "evalsha" || verb === "evalsha_ro") && typeof args[0] === "string") {
      // Unmapped (first use, or a restarted process): Redis answers NOSCRIPT and the client sends EVAL.
      return [name, shaBySha.get(args[0]) ?? args[0], ...args.slice(1)];
    }
    return [name, ...args];
  };
}

/** An @upstash/redis Requester that runs commands on `client`; transport errors reject, Redis errors become `{ error }`. */
export function ioredisRequester(client: IORedis): Requester {
  const translate = translator();
  const callOne = (command: Command) => {
    const [name, ...args] = translate(command);
    return client.call(name, ...args);
  };
  const batch = async (commands: Command[], atomic: boolean): Promise<UpstashResponse<unknown>[]> => {
    const translated = commands.map(translate);
    const replies = await (atomic ? client.multi(translated) : client.pipeline(translated)).exec();
    if (!replies) throw new Error("Redis aborted the transaction");
    return replies.map(([err, result]) => (err ? { error: errorText(err) } : { result }));
  };
  return {
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      const kind = req.path?.[0];
      if (kind === "pipeline" || kind === "multi-exec") {
        // The client reads this shape back as an array of per-command responses.
        return (await batch(asCommands(req.body), kind === "multi-exec")) as UpstashResponse<TResult>;
      }
      if (kind !== undefined) throw new Error(`Unsupported Upstash request path: ${req.path?.join("/")}`);
      try {
        return { result: (await callOne(asCommand(req.body))) as TResult };
      } catch (err) {
        if (isReplyError(err)) return { error: errorText(err) };
        throw err;
      }
    },
  };
}

// A Redis error reply (NOSCRIPT, WRONGTYPE …) is an answer for the caller; anything else (connection
// refused, timeout) is a transport failure and must reject.
function isReplyError(err: unknown): boolean {
  return err instanceof Error && err.name === "ReplyError";
}
