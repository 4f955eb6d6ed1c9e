/** esbuild, the only compiler of the platform: tenant functions and components, and its own child-process scripts. */
/** Compile a platform child-process script (TypeScript) to a runnable ESM file. */
export { buildNodeScript } from "./build-node-script";
/** Compile a tenant function to one script, registered as a FunctionVersion. */
export { BuildError, FunctionName, buildFunction, type BuildDiagnostic, type BuiltFunction } from "./build-function";
/** npm packages of a project, installed beside its workspace with install scripts off. */
export { installDependencies } from "./install-dependencies";
/** Content-addressed build outputs. */
export { putArtifact, readArtifact, type Artifact } from "./artifacts";
