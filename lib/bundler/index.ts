/** esbuild, the only compiler of the platform: tenant functions and components, and its own child-process scripts. */
/** Compile a platform child-process script (TypeScript) to a runnable ESM file. */
export { buildNodeScript } from "./build-node-script";
/** Compile a tenant function to one script, registered as a FunctionVersion. */
export { FUNCTION_FILE, FunctionName, buildFunction, type BuiltFunction } from "./build-function";
/** Build failures with file, line and column. */
export { BuildError, type BuildDiagnostic } from "./build-error";
/** npm packages of a project, installed beside its workspace with install scripts off; adding one to package.json. */
export { installDependencies } from "./install-dependencies";
export { AddDependencyInput, addDependency } from "./add-dependency";
/** Content-addressed build outputs. */
export { putArtifact, readArtifact, type Artifact } from "./artifacts";
/** Start-up after a crash: artifacts never renamed into place. */
export { removeArtifactLeftovers } from "./remove-leftovers";
/** A bundle an app's origin may serve: shared vendor modules, or the project's own components only. */
export { readAppAsset } from "./read-app-asset";
/** Micro-frontends: components/<Name>.tsx bundled against the shared React, with their build state. */
export { COMPONENT_FILE, ComponentName, buildAllComponents, buildComponent, type BuiltComponent, type ComponentStatus } from "./build-component";
/** Kept esbuild contexts of components: how many live, and how many were made, rebuilt and disposed. */
export { componentContextStats } from "./component-contexts";
/** The builder preview's stream: HEAD, commits once built, and components rebuilt from an edit before its commit. */
export { previewEvents, type PreviewEvent } from "./preview-events";
/** The shared vendor modules and the SDUI runtime every hosted page loads. */
export { SHARED_MODULES, buildRuntimeAssets, type RuntimeAssets } from "./build-runtime";
/** Security findings of a project's components and functions at HEAD or a commit. */
export { FindingsQuery, analyseProject, type ProjectFindings } from "./analyse-project";
/** Every build problem of a workspace HEAD, for the code editor. */
export { checkBuild } from "./check-build";
/** The HTML shell of a hosted app page, with its CSP. */
export { headShellContent, parseBlueprintText, renderAppShell, type AppShell, type ShellContent } from "./app-shell";
