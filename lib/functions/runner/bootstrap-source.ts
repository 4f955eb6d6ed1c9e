// The platform's code inside every fresh context, run (by evalClosure) before the tenant script.
// It is a string, not a function, so no bundler rewrites it. Rules it follows:
// - "use strict" everywhere: V8 hides strict frames' `this` and function from CallSite objects, so
//   a tenant's Error.prepareStackTrace never reaches `send` or these closures.
// - Intrinsics are captured now, while the context is pristine; later code never reads a property
//   the tenant could have replaced (Promise.prototype.then, JSON.stringify, Array iterators...).
// - Data crosses to the runner only as primitives through `send` (an ignored ivm.Callback), and
//   comes back only through `control("deliver", id, json)`: no host promise, Reference or
//   ExternalCopy is ever reachable from tenant code, and nothing the tenant does can reject a
//   host promise.
// Tenant code can defeat the checks here only for its own invocation; the runner and the
// supervisor re-check every bound.
// $0: send(kind, a, b, c); $1: the platform's bounds { maxPayloadChars, maxInflight, maxSleeps }. The
// invocation's own settings { env, maxLogBytes, maxResponseBytes } arrive through control("configure"),
// before the tenant script runs: the context can then be made ahead of the call it serves.
export const BOOTSTRAP_SOURCE = String.raw`"use strict";
const send = $0;
const bounds = $1;
let cfg = null;
const g = globalThis;
const P = Promise, E = Error, TE = TypeError, toStr = String;
const apply = Reflect.apply, freeze = Object.freeze, create = Object.create, keysOf = Object.keys;
const getProto = Object.getPrototypeOf, defineProperty = Object.defineProperty, objectProto = Object.prototype;
const isArray = Array.isArray, parse = JSON.parse, stringify = JSON.stringify;
const then = P.prototype.then, slice = String.prototype.slice;
const REMOVED = ["WebAssembly", "SharedArrayBuffer", "Atomics", "FinalizationRegistry", "console"];
for (let i = 0; i < REMOVED.length; i++) delete g[REMOVED[i]];

const pending = create(null);
let nextCallId = 0, inflight = 0, sleeps = 0, logChars = 0, finished = false, logSoftLimit = 0;

function configure(settings) {
  if (cfg !== null) return;
  cfg = settings;
  logSoftLimit = cfg.maxLogBytes * 2 + 1024;
}

function clip(s, max) { return s.length > max ? apply(slice, s, [0, max]) : s; }

function describe(err) {
  try {
    if (err !== null && (typeof err === "object" || typeof err === "function")) {
      const name = err.name, message = err.message;
      if (typeof message === "string") {
        const safeName = typeof name === "string" && name.length > 0 && name.length <= 100 ? name : "Error";
        return clip(safeName + ": " + message, 2000);
      }
    }
    return clip("Uncaught " + toStr(err), 2000);
  } catch (_) {
    return "Uncaught exception";
  }
}

function format(value) {
  if (typeof value === "string") return value;
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return toStr(value);
  if (typeof value === "function") return "[Function]";
  try {
    if (typeof value.message === "string" && typeof value.stack === "string") return describe(value);
    const json = stringify(value);
    return typeof json === "string" ? json : toStr(value);
  } catch (_) {
    return "[unserialisable value]";
  }
}

function emit(level, args) {
  if (logChars > logSoftLimit) return;
  let message = "";
  for (let i = 0; i < args.length && message.length <= cfg.maxLogBytes; i++) message += (i > 0 ? " " : "") + format(args[i]);
  message = clip(message, cfg.maxLogBytes + 1);
  logChars += message.length + 16;
  send("log", level, message);
}

function makeConsole() {
  const c = create(null);
  const levels = ["debug", "info", "log", "warn", "error"];
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    c[level] = function (...args) { emit(level, args); };
  }
  return freeze(c);
}

function capError(error) {
  const message = error !== null && typeof error === "object" && typeof error.message === "string" ? error.message : "internal error";
  const e = new E(message);
  if (error !== null && typeof error === "object" && typeof error.code === "string") {
    defineProperty(e, "code", { value: error.code, enumerable: true, configurable: true, writable: true });
  }
  return e;
}

function call(op, build) {
  return new P((resolve, reject) => {
    const isSleep = op === "sleep";
    if (isSleep ? sleeps >= bounds.maxSleeps : inflight >= bounds.maxInflight) {
      throw new E(isSleep ? "Too many pending timers." : "Too many capability calls in flight.");
    }
    const payload = build();
    if (typeof payload !== "string") throw new TE("The arguments are not JSON-serialisable.");
    if (payload.length > bounds.maxPayloadChars) throw new E("The arguments are too large.");
    nextCallId += 1;
    pending[nextCallId] = { resolve, reject, isSleep };
    if (isSleep) sleeps += 1; else inflight += 1;
    send("cap", nextCallId, op, payload);
  });
}

function deliver(id, json) {
  const entry = pending[id];
  if (entry === undefined) return;
  delete pending[id];
  if (entry.isSleep) sleeps -= 1; else inflight -= 1;
  let message;
  try { message = parse(json); } catch (_) { message = null; }
  if (message !== null && typeof message === "object" && message.ok === true) entry.resolve(message.value);
  else entry.reject(capError(message !== null && typeof message === "object" ? message.error : null));
}

function dbCall(op) {
  return function (sql, params) {
    return call(op, () => {
      if (typeof sql !== "string") throw new TE("sql must be a string.");
      const list = params === undefined ? [] : params;
      if (!isArray(list)) throw new TE("params must be an array.");
      return stringify({ sql, params: list });
    });
  };
}

function copyStringRecord(source, what) {
  const out = {};
  if (source === undefined || source === null) return out;
  if (typeof source !== "object") throw new TE(what + " must be an object of strings.");
  const keys = keysOf(source);
  for (let i = 0; i < keys.length; i++) out[keys[i]] = toStr(source[keys[i]]);
  return out;
}

function toResponse(r) {
  const status = r.status, body = r.body;
  return freeze({
    status,
    ok: status >= 200 && status < 300,
    headers: freeze(copyStringRecord(r.headers, "headers")),
    text: () => new P((resolve) => resolve(body)),
    json: () => new P((resolve) => resolve(parse(body))),
  });
}

function fetchFn(url, init) {
  const sent = call("fetch", () => {
    const o = init === undefined || init === null ? {} : init;
    const method = o.method === undefined ? "GET" : toStr(o.method);
    const body = o.body === undefined || o.body === null ? null : o.body;
    if (body !== null && typeof body !== "string") throw new TE("fetch body must be a string.");
    return stringify({ url: toStr(url), method, headers: copyStringRecord(o.headers, "headers"), body });
  });
  return apply(then, sent, [toResponse]);
}

const timers = create(null);
let timerSeq = 0;
function setTimeoutFn(fn, ms, ...args) {
  if (typeof fn !== "function") throw new TE("setTimeout needs a function.");
  if (sleeps >= bounds.maxSleeps) throw new E("Too many pending timers.");
  const delay = typeof ms === "number" && ms > 0 ? ms : 0;
  timerSeq += 1;
  const id = timerSeq;
  const slept = call("sleep", () => stringify(delay));
  timers[id] = true;
  apply(then, slept, [() => {
    if (timers[id] !== true || finished) return;
    delete timers[id];
    try { apply(fn, undefined, args); } catch (err) { emit("error", ["Uncaught in setTimeout callback:", describe(err)]); }
  }, () => { delete timers[id]; }]);
  return id;
}

function clearTimeoutFn(id) {
  if (typeof id === "number") delete timers[id];
}

function fail(code, message) {
  if (finished) return;
  finished = true;
  send("error", code, message);
}

function isResponseShape(v) {
  if (v === null || typeof v !== "object" || isArray(v)) return false;
  const proto = getProto(v);
  if (proto !== objectProto && proto !== null) return false;
  const keys = keysOf(v);
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] !== "status" && keys[i] !== "headers" && keys[i] !== "body") return false;
  }
  return typeof v.status === "number";
}

const TOO_LARGE = freeze({});
function boundedStringify(body) {
  const max = cfg.maxResponseBytes;
  if (typeof body === "string" && body.length + 2 > max) throw TOO_LARGE;
  // A lower bound of the output size, so a body that can only be too large stops early instead of
  // building a huge string (aliased values can make a 50 MB output from a small heap).
  let size = 0;
  return stringify(body, function (key, value) {
    size += typeof value === "string" ? value.length + 2 : 1;
    if (key !== "" && !isArray(this)) size += key.length + 3;
    if (size > max) throw TOO_LARGE;
    return value;
  });
}

function finish(value) {
  if (finished) return;
  try {
    const shaped = isResponseShape(value);
    const status = shaped ? value.status : 200;
    if (!(status >= 200 && status <= 599 && status === (status | 0))) return fail("bad_response", "status must be an integer from 200 to 599.");
    const headers = copyStringRecord(shaped ? value.headers : undefined, "headers");
    const body = shaped ? value.body : value;
    let json;
    try { json = boundedStringify(body === undefined ? null : body); } catch (err) {
      if (err === TOO_LARGE) return fail("response_too_large", "The response body exceeds " + cfg.maxResponseBytes + " bytes.");
      return fail("bad_response", "The response body is not JSON-serialisable: " + describe(err));
    }
    if (typeof json !== "string") return fail("bad_response", "The response body is not JSON-serialisable.");
    if (json.length > cfg.maxResponseBytes) return fail("response_too_large", "The response body exceeds " + cfg.maxResponseBytes + " bytes.");
    finished = true;
    send("result", status, stringify(headers), json);
  } catch (err) {
    fail(err instanceof TE ? "bad_response" : "runtime_error", describe(err));
  }
}

function start(requestJson) {
  let handler;
  try {
    const mod = g.__mycoFunction;
    handler = mod !== null && typeof mod === "object" ? mod.default : undefined;
  } catch (err) {
    return fail("invalid_script", describe(err));
  }
  if (typeof handler !== "function") return fail("invalid_script", "The script does not define __mycoFunction.default as a function.");
  const ctx = freeze({ db: freeze({ query: dbCall("db.query"), exec: dbCall("db.exec") }), fetch: fetchFn, env: freeze(cfg.env) });
  let out;
  try { out = handler(parse(requestJson), ctx); } catch (err) { return fail("runtime_error", describe(err)); }
  apply(then, new P((resolve) => resolve(out)), [finish, (err) => fail("runtime_error", describe(err))]);
}

const consoleObject = makeConsole();
const globals = { console: consoleObject, setTimeout: setTimeoutFn, clearTimeout: clearTimeoutFn };
const names = keysOf(globals);
for (let i = 0; i < names.length; i++) defineProperty(g, names[i], { value: globals[names[i]], writable: true, configurable: true });

return function control(kind, a, b) {
  if (kind === "configure") configure(a);
  else if (kind === "start") start(a);
  else if (kind === "deliver") deliver(a, b);
};
`;
