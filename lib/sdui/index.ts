/**
 * The blueprint (app.json) of a Myco app: its schema, validation, JSON Schema, and the pure helpers the
 * renderer (components/sdui) runs. The browser imports only "@/lib/sdui/client", the zod-free share
 * re-exported here; everything else (the schemas, validation) runs on the server and in the IDE.
 */

/** The helpers and types the browser runtime uses (see client.ts). */
export * from "./client";
/** The blueprint format version; an action (zod union on `action`); a data binding; an MFE's name. */
export { BLUEPRINT_VERSION, Action, Binding, ComponentName } from "./schema-parts";
/** A node of a page: a discriminated union on `type`; the primitive type names. */
export { Node, PRIMITIVE_TYPES } from "./schema-nodes";
/** The whole blueprint (with its cross-reference checks), and its theme, routes and pages. */
export { Blueprint, Theme, Route, Page, PageId } from "./schema-blueprint";
/** Validates unknown JSON into a Blueprint, or errors with JSON paths; formats a path that way. */
export { validateBlueprint, formatPath, type BlueprintValidation } from "./validate-blueprint";
/** The blueprint's JSON Schema for models and editors. */
export { blueprintJsonSchema, compactBlueprintJsonSchema } from "./json-schema";
/** What the runtime posts to the IDE, as the schema the IDE checks each received message with. */
export { ParentMessage } from "./parent-message-schema";
/** The environments an app runs in (dev, staging, prod), and those a release is deployed to. */
export { DEPLOY_ENVS, DeployEnv, ENV_NAMES, EnvName } from "./env-name";
/** The hosted page's boot manifest, made on the server: the blueprint validated, or its problems. */
export { createBootManifest } from "./create-boot-manifest";
/** A short text summary of a blueprint, and the functions and components it (or one page) uses. */
export { describeBlueprint, listFunctions, listComponents } from "./describe-blueprint";
/** The hosted page's stylesheet and its theme's variables, which the server writes into the page's head. */
export { RUNTIME_CSS, themeCss } from "./runtime-css";
