import { AddDependencyInput, addDependency } from "@/lib/bundler";
import { defineTool } from "../tool";
import type { ToolSession } from "./session";

/** add_dependency: adds a registry package to package.json and installs it (install scripts off). */
export function addDependencyTool(session: ToolSession) {
  return defineTool({
    name: "add_dependency",
    description: "Add an npm registry package to package.json and install it, for components and functions to import; version is a semver range (default: the latest, as ^x.y.z).",
    input: AddDependencyInput,
    async run(input) {
      const added = await addDependency(session.scope, input, session.log);
      session.changedPaths.add("package.json");
      return { ...added, installed: true };
    },
  });
}
