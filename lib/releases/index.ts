/**
 * Shipping an app: immutable releases cut from the workspace (every artifact built and checked first),
 * deployed to staging and prod with their migrations, promoted, and rolled back without a rebuild and
 * without silently losing data; and what each environment of an app serves (see docs/releases.md).
 */
/** Release versions (MAJOR.MINOR.PATCH) and their order. */
export { Semver, compareVersions, suggestVersion } from "./semver";
/** Cut a release of the workspace HEAD; read releases with their diff to the one before. */
export { CreateReleaseInput, createRelease, type ReleaseDetail } from "./create-release";
export { getRelease, getReleaseDetail, listReleases, type ReleaseSummary } from "./read-releases";
export type { ReleaseArtifactView, ReleaseDiff, ReleaseView } from "./release-view";
/** Deploy (and promote) a release to staging or prod; who may. */
export { DeployInput, deployRelease, settleDeploys } from "./deploy-release";
export { ReleaseSettings, assertCanDeploy, getReleaseSettings, updateReleaseSettings } from "./deploy-access";
/** Roll an environment back to an earlier deployment: the plan (what it costs), then the rollback. */
export { planRollback, type RollbackPlan } from "./plan-rollback";
export { RollbackInput, rollbackEnvironment } from "./rollback-environment";
/** The environments with what each serves, their URLs and deployment history. */
export { listEnvironments, type EnvironmentView } from "./list-environments";
export type { DeploymentView } from "./deployment-view";
/** Start-up: deployments a crash left pending are finished or undone. */
export { recoverDeployments } from "./recover-deployments";
/** What an app's environment serves, and serving it: its page and its functions. */
export { resolveServedVersion, type ServedVersion } from "./served-version";
export { serveAppFunction, serveAppPage } from "./serve-app";
