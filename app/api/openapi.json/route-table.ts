// Every route file the API document describes, imported statically (lib/ cannot import app/, and a
// computed import would hide what is reached). tests/unit/http/openapi.test.ts walks app/api and
// app/apps-host and fails on a route file that is neither here nor in UNDOCUMENTED_ROUTES.
import { buildOpenApi, type ApiRoutesOf, type OpenApiDocument } from "@/lib/http";
import * as adminUsers from "@/app/api/admin/users/route";
import * as audit from "@/app/api/audit/route";
import * as authSignup from "@/app/api/auth/signup/route";
import * as dashboard from "@/app/api/dashboard/route";
import * as health from "@/app/api/health/route";
import * as me from "@/app/api/me/route";
import * as openapiJson from "@/app/api/openapi.json/route";
import * as projectAgentPreviewErrors from "@/app/api/projects/[projectId]/agent/preview-errors/route";
import * as projectAgentRunsRunIdEvents from "@/app/api/projects/[projectId]/agent/runs/[runId]/events/route";
import * as projectAgentRunsRunIdStop from "@/app/api/projects/[projectId]/agent/runs/[runId]/stop/route";
import * as projectAgentRunsRunIdUndo from "@/app/api/projects/[projectId]/agent/runs/[runId]/undo/route";
import * as projectAgentRuns from "@/app/api/projects/[projectId]/agent/runs/route";
import * as projectAiBudget from "@/app/api/projects/[projectId]/ai-budget/route";
import * as projectAiUsage from "@/app/api/projects/[projectId]/ai-usage/route";
import * as projectAudit from "@/app/api/projects/[projectId]/audit/route";
import * as projectBuild from "@/app/api/projects/[projectId]/build/route";
import * as projectChanges from "@/app/api/projects/[projectId]/changes/route";
import * as projectComponents from "@/app/api/projects/[projectId]/components/route";
import * as projectDbMigrate from "@/app/api/projects/[projectId]/db/migrate/route";
import * as projectDbMigrations from "@/app/api/projects/[projectId]/db/migrations/route";
import * as projectDbQuery from "@/app/api/projects/[projectId]/db/query/route";
import * as projectDbSchema from "@/app/api/projects/[projectId]/db/schema/route";
import * as projectDbTablesTableRows from "@/app/api/projects/[projectId]/db/tables/[table]/rows/route";
import * as projectDeployments from "@/app/api/projects/[projectId]/deployments/route";
import * as projectEnvironmentsEnvRollback from "@/app/api/projects/[projectId]/environments/[env]/rollback/route";
import * as projectEnvironments from "@/app/api/projects/[projectId]/environments/route";
import * as projectFilesPath from "@/app/api/projects/[projectId]/files/[...path]/route";
import * as projectFiles from "@/app/api/projects/[projectId]/files/route";
import * as projectFindings from "@/app/api/projects/[projectId]/findings/route";
import * as projectFunctionSettings from "@/app/api/projects/[projectId]/function-settings/route";
import * as projectFunctionsNameInvoke from "@/app/api/projects/[projectId]/functions/[name]/invoke/route";
import * as projectFunctionsNameLogs from "@/app/api/projects/[projectId]/functions/[name]/logs/route";
import * as projectFunctions from "@/app/api/projects/[projectId]/functions/route";
import * as projectHead from "@/app/api/projects/[projectId]/head/route";
import * as projectHistoryShaFilesPath from "@/app/api/projects/[projectId]/history/[sha]/files/[...path]/route";
import * as projectHistoryShaRestore from "@/app/api/projects/[projectId]/history/[sha]/restore/route";
import * as projectHistorySha from "@/app/api/projects/[projectId]/history/[sha]/route";
import * as projectHistory from "@/app/api/projects/[projectId]/history/route";
import * as projectInvitationsInvitationId from "@/app/api/projects/[projectId]/invitations/[invitationId]/route";
import * as projectMembersUserId from "@/app/api/projects/[projectId]/members/[userId]/route";
import * as projectMembers from "@/app/api/projects/[projectId]/members/route";
import * as projectModel from "@/app/api/projects/[projectId]/model/route";
import * as projectModelTest from "@/app/api/projects/[projectId]/model/test/route";
import * as projectOverview from "@/app/api/projects/[projectId]/overview/route";
import * as projectReleaseSettings from "@/app/api/projects/[projectId]/release-settings/route";
import * as projectReleasesReleaseId from "@/app/api/projects/[projectId]/releases/[releaseId]/route";
import * as projectReleases from "@/app/api/projects/[projectId]/releases/route";
import * as project from "@/app/api/projects/[projectId]/route";
import * as projectSearch from "@/app/api/projects/[projectId]/search/route";
import * as projectSecretsName from "@/app/api/projects/[projectId]/secrets/[name]/route";
import * as projectSecrets from "@/app/api/projects/[projectId]/secrets/route";
import * as projects from "@/app/api/projects/route";
import * as ready from "@/app/api/ready/route";
import * as sduiSchemaJson from "@/app/api/sdui/schema.json/route";
import * as tokensTokenId from "@/app/api/tokens/[tokenId]/route";
import * as tokens from "@/app/api/tokens/route";

/** Each route file's URL in OpenAPI form (a catch-all [...path] is one {path}) and its module. */
export const API_ROUTES = [
{ path: "/api/admin/users", module: adminUsers },
  { path: "/api/audit", module: audit },
  { path: "/api/auth/signup", module: authSignup },
  { path: "/api/dashboard", module: dashboard },
  { path: "/api/health", module: health },
  { path: "/api/me", module: me },
  { path: "/api/openapi.json", module: openapiJson },
  { path: "/api/projects", module: projects },
  { path: "/api/projects/{projectId}", module: project },
  { path: "/api/projects/{projectId}/agent/preview-errors", module: projectAgentPreviewErrors },
  { path: "/api/projects/{projectId}/agent/runs", module: projectAgentRuns },
  { path: "/api/projects/{projectId}/agent/runs/{runId}/events", module: projectAgentRunsRunIdEvents },
  { path: "/api/projects/{projectId}/agent/runs/{runId}/stop", module: projectAgentRunsRunIdStop },
  { path: "/api/projects/{projectId}/agent/runs/{runId}/undo", module: projectAgentRunsRunIdUndo },
  { path: "/api/projects/{projectId}/ai-budget", module: projectAiBudget },
  { path: "/api/projects/{projectId}/ai-usage", module: projectAiUsage },
  { path: "/api/projects/{projectId}/audit", module: projectAudit },
  { path: "/api/projects/{projectId}/build", module: projectBuild },
  { path: "/api/projects/{projectId}/changes", module: projectChanges },
  { path: "/api/projects/{projectId}/components", module: projectComponents },
  { path: "/api/projects/{projectId}/db/migrate", module: projectDbMigrate },
  { path: "/api/projects/{projectId}/db/migrations", module: projectDbMigrations },
  { path: "/api/projects/{projectId}/db/query", module: projectDbQuery },
  { path: "/api/projects/{projectId}/db/schema", module: projectDbSchema },
  { path: "/api/projects/{projectId}/db/tables/{table}/rows", module: projectDbTablesTableRows },
  { path: "/api/projects/{projectId}/deployments", module: projectDeployments },
  { path: "/api/projects/{projectId}/environments", module: projectEnvironments },
  { path: "/api/projects/{projectId}/environments/{env}/rollback", module: projectEnvironmentsEnvRollback },
  { path: "/api/projects/{projectId}/files", module: projectFiles },
  { path: "/api/projects/{projectId}/files/{path}", module: projectFilesPath },
  { path: "/api/projects/{projectId}/findings", module: projectFindings },
  { path: "/api/projects/{projectId}/function-settings", module: projectFunctionSettings },
  { path: "/api/projects/{projectId}/functions", module: projectFunctions },
  { path: "/api/projects/{projectId}/functions/{name}/invoke", module: projectFunctionsNameInvoke },
  { path: "/api/projects/{projectId}/functions/{name}/logs", module: projectFunctionsNameLogs },
  { path: "/api/projects/{projectId}/head", module: projectHead },
  { path: "/api/projects/{projectId}/history", module: projectHistory },
  { path: "/api/projects/{projectId}/history/{sha}", module: projectHistorySha },
  { path: "/api/projects/{projectId}/history/{sha}/files/{path}", module: projectHistoryShaFilesPath },
  { path: "/api/projects/{projectId}/history/{sha}/restore", module: projectHistoryShaRestore },
  { path: "/api/projects/{projectId}/invitations/{invitationId}", module: projectInvitationsInvitationId },
  { path: "/api/projects/{projectId}/members", module: projectMembers },
  { path: "/api/projects/{projectId}/members/{userId}", module: projectMembersUserId },
  { path: "/api/projects/{projectId}/model", module: projectModel },
  { path: "/api/projects/{projectId}/model/test", module: projectModelTest },
  { path: "/api/projects/{projectId}/overview", module: projectOverview },
  { path: "/api/projects/{projectId}/release-settings", module: projectReleaseSettings },
  { path: "/api/projects/{projectId}/releases", module: projectReleases },
  { path: "/api/projects/{projectId}/releases/{releaseId}", module: projectReleasesReleaseId },
  { path: "/api/projects/{projectId}/search", module: projectSearch },
  { path: "/api/projects/{projectId}/secrets", module: projectSecrets },
  { path: "/api/projects/{projectId}/secrets/{name}", module: projectSecretsName },
  { path: "/api/ready", module: ready },
  { path: "/api/sdui/schema.json", module: sduiSchemaJson },
  { path: "/api/tokens", module: tokens },
  { path: "/api/tokens/{tokenId}", module: tokensTokenId },
] as const;

/**
 * Route files left out of the document, by file, and why. The apps origin's routes are each app's own
 * API, served on <slug>.apps… hosts: what they take is the app's functions' business, not Myco's.
 */
export const UNDOCUMENTED_ROUTES: Readonly<Record<string, string>> = {
  "app/api/[...path]/route.ts": "the JSON 404 for every /api path no route claims; not an operation",
  "app/api/auth/[...nextauth]/route.ts": "next-auth's browser sign-in protocol (CSRF token, callbacks, session); API clients use POST /api/tokens",
  "app/apps-host/[slug]/[env]/[[...path]]/route.ts": "an app's page shell on its own origin, not Myco's API",
  "app/apps-host/[slug]/[env]/myco-assets/a/[...key]/route.ts": "an app's content-addressed bundles on its own origin, not Myco's API",
  "app/apps-host/[slug]/[env]/myco-assets/c/[name]/route.ts": "the dev app's components built when its page asks, on its own origin, not Myco's API",
  "app/apps-host/[slug]/[env]/myco-fn/[name]/[[...path]]/route.ts": "an app's functions on its own origin: their input is each app's, not Myco's",
};

/** Path → method → handler: what components/ui/api-client.ts types its calls with (types only). */
export type ApiRoutes = ApiRoutesOf<typeof API_ROUTES>;

let built: OpenApiDocument | undefined;

/** The API's OpenAPI 3.1 document, built once per process from the route specs' zod schemas. */
export function apiDocument(): OpenApiDocument {
  return (built ??= buildOpenApi(API_ROUTES));
}
