import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import ApiDocsPage from "@/app/(ide)/api-docs/page";
import { apiDocument } from "@/app/api/openapi.json/route-table";

describe("the API reference page", () => {
  const html = renderToStaticMarkup(ApiDocsPage());

  it("lists every operation of the document, grouped by resource", () => {
    const doc = apiDocument();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const op of Object.values(item)) expect(html, path).toContain(`id="${op.operationId}"`);
    }
    for (const tag of doc.tags) expect(html).toContain(`id="tag-${tag.name}"`);
  });

  it("shows access, parameters, the body as a tree with its bounds, and the error answers", () => {
    const put = /<article[^>]*id="putProjectsByProjectIdSecretsByName"[\s\S]*?<\/article>/.exec(html)?.[0] ?? "";
    expect(put).toContain("Access: a project editor or above");
    expect(put).toContain("<code>name</code>");
    expect(put).toContain("Request body (application/json)");
    expect(put).toMatch(/value<\/code>.*required/);
    expect(put).toContain("401 unauthorized");
    expect(put).toContain("413 payload_too_large");
  });
});
