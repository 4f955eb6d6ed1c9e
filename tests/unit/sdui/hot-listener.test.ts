import { describe, expect, it } from "vitest";
import { hotMessageOf, type HotPage } from "@/components/sdui/hot-listener";

const self = { name: "the app's window" };
const parent = { name: "the builder's window" };
const page: HotPage = { self, parent, ideOrigin: "http://localhost:3000", env: "dev" };
const url = `/_myco/a/mfe/${"a".repeat(64)}.js`;
const message = { source: parent, origin: "http://localhost:3000", data: { type: "myco:hot", name: "Counter", url } };

describe("the runtime's hot swap message check", () => {
  it("takes a component bundle of this origin from the framing builder in dev", () => {
    expect(hotMessageOf(message, page)).toEqual({ type: "myco:hot", name: "Counter", url });
  });

  it("ignores a message from another origin than the IDE's", () => {
    expect(hotMessageOf({ ...message, origin: "https://evil.example" }, page)).toBeNull();
    expect(hotMessageOf({ ...message, origin: "http://localhost:3001" }, page)).toBeNull();
  });

  it("ignores a message from another window than the parent, even on the IDE's origin", () => {
    expect(hotMessageOf({ ...message, source: { name: "a popup" } }, page)).toBeNull();
    expect(hotMessageOf({ ...message, source: self }, page)).toBeNull();
    expect(hotMessageOf(message, { ...page, parent: self })).toBeNull();
  });

  it("ignores every message outside the dev environment, or when the page names no IDE", () => {
    expect(hotMessageOf(message, { ...page, env: "prod" })).toBeNull();
    expect(hotMessageOf(message, { ...page, env: "staging" })).toBeNull();
    expect(hotMessageOf(message, { ...page, env: null })).toBeNull();
    expect(hotMessageOf(message, { ...page, ideOrigin: null })).toBeNull();
  });

  it.each([
    `https://evil.example${url}`,
    `//evil.example${url}`,
    `http://localhost:3000${url}`,
    "/_fn/hello",
    `/_myco/a/mfe/${"a".repeat(64)}.js?x=1`,
    `/_myco/a/mfe/../../${"a".repeat(64)}.js`,
    `/_myco/a/vendor/${"b".repeat(63)}.js`,
    "javascript:alert(1)",
    `data:text/javascript,export default 1`,
  ])("ignores a bundle URL that is not a component path under /_myco/a/ of this origin: %s", (bad) => {
    expect(hotMessageOf({ ...message, data: { ...message.data, url: bad } }, page)).toBeNull();
  });

  it("ignores messages of another shape", () => {
    for (const data of [null, "myco:hot", { ...message.data, type: "ready" }, { ...message.data, name: "counter" }, { ...message.data, name: 1 }, { type: "myco:hot", name: "Counter" }]) {
      expect(hotMessageOf({ ...message, data }, page)).toBeNull();
    }
  });
});
