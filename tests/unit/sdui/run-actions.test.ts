import { describe, expect, it } from "vitest";
import { runActions, type Action, type ActionEffects } from "@/lib/sdui";

function fakeEffects(calls: Record<string, unknown | Error> = {}, confirmAnswer = true) {
  const log: string[] = [];
  const effects: ActionEffects = {
    async call(request) {
      log.push(`call ${request.method} ${request.url} ${JSON.stringify(request.body)}`);
      const answer = calls[request.url];
      if (answer instanceof Error) throw answer;
      return answer;
    },
    navigate: (to) => void log.push(`navigate ${to}`),
    refresh: (target) => void log.push(`refresh ${target}`),
    message: (text, tone) => void log.push(`message ${tone} ${text}`),
    close: () => void log.push("close"),
    confirm: async (question) => (log.push(`confirm ${question}`), confirmAnswer),
  };
  return { log, effects };
}

const save: Action[] = [
  { action: "call", function: "todos", method: "POST", args: { title: "{{form.title}}" } },
  { action: "refresh", target: "todo-table" },
  { action: "message", text: "Added #{{result.id}}", tone: "success" },
  { action: "navigate", to: "/todos/{{result.id}}" },
  { action: "close" },
];

describe("runActions", () => {
  it("runs actions in order with the previous call's result in scope", async () => {
    const { log, effects } = fakeEffects({ "/_fn/todos": { id: 12 } });
    const outcome = await runActions(save, { form: { title: "Milk" } }, effects);
    expect(outcome).toEqual({ status: "done", result: { id: 12 } });
    expect(log).toEqual([
      'call POST /_fn/todos {"title":"Milk"}',
      "refresh todo-table",
      "message success Added #12",
      "navigate /todos/12",
      "close",
    ]);
  });

  it("stops at the first failed call and returns its message", async () => {
    const { log, effects } = fakeEffects({ "/_fn/todos": new Error("Title is required") });
    expect(await runActions(save, { form: { title: "" } }, effects)).toEqual({ status: "failed", error: "Title is required" });
    expect(log).toEqual(['call POST /_fn/todos {"title":""}']);
  });

  it("asks before a call with confirm and stops quietly when declined", async () => {
    const { log, effects } = fakeEffects({}, false);
    const actions: Action[] = [
      { action: "call", function: "todos", method: "DELETE", path: "{{row.id}}", confirm: "Delete {{row.title}}?" },
      { action: "refresh", target: "t" },
    ];
    expect(await runActions(actions, { row: { id: 1, title: "Milk" } }, effects)).toEqual({ status: "cancelled" });
    expect(log).toEqual(["confirm Delete Milk?"]);
  });

  it("reports an action whose effect throws (an unsafe navigation) as a failure", async () => {
    const { effects } = fakeEffects();
    effects.navigate = () => {
      throw new Error("Cannot navigate");
    };
    expect(await runActions([{ action: "navigate", to: "{{row.url}}" }], { row: { url: "javascript:x" } }, effects)).toEqual({ status: "failed", error: "Cannot navigate" });
  });
});
