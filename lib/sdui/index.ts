/**
 * The blueprint (app.json) of a Myco app: its schema, validation, JSON Schema, and the pure helpers the
 * renderer (components/sdui) runs. Everything here runs in the browser as well as on the server, so it
 * imports nothing but zod. Its package.json says `sideEffects: false` so bundlers can drop the schemas
 * from bundles that only need helpers (the client SDK: ~3 KB instead of ~115 KB).
 */

/** The blueprint format version; an action (zod union on `action`); a data binding; an MFE's name. */
export { BLUEPRINT_VERSION, Action, Binding, ComponentName } from "./schema-parts";
/** A node of a page: a discriminated union on `type`; the primitive type names; a node of one type. */
export { Node, PRIMITIVE_TYPES, type PrimitiveType, type NodeOf } from "./schema-nodes";
/** A table column, a table's filter and a form field; a picker's source of options. */
export type { Column, FormField, TableFilter } from "./schema-leaf-nodes";
export type { OptionsSource } from "./schema-parts";
/** The whole blueprint (with its cross-reference checks), and its theme, routes and pages. */
export { Blueprint, Theme, Route, Page, PageId } from "./schema-blueprint";
/** Validates unknown JSON into a Blueprint, or errors with JSON paths; formats a path that way. */
export { validateBlueprint, formatPath, type BlueprintError, type BlueprintValidation } from "./validate-blueprint";
/** The blueprint's JSON Schema for models and editors. */
export { blueprintJsonSchema, compactBlueprintJsonSchema } from "./json-schema";
/** `{{scope.path}}` templates: parse, resolve to text or to a value, read a dotted path safely. */
export {
  TEMPLATE_SCOPES, parseTemplate, resolveTemplate, resolveTemplateValue, resolveDeep, readPath, stringifyValue,
  type TemplateScope, type TemplateScopeName, type TemplateRef,
} from "./template";
/** Which page a pathname shows, with its params; a route path's param names. */
export { matchRoute, routeParams } from "./match-route";
/** URLs of functions, a call action's request, a failed call's message, safe hrefs. */
export { functionUrl, bindingUrl, rowsOf, callRequest, errorMessageOf, safeHref, isAppPath } from "./function-url";
/** Runs a list of actions against injected effects. */
export { runActions, type ActionEffects, type ActionOutcome } from "./run-actions";
/** A table cell's text for its column format. */
export { formatValue, type CellFormat } from "./format-value";
/** Visits a page's nodes with their JSON paths. */
export { walkNodes } from "./walk-nodes";
/** What the runtime posts to the IDE that frames it, and where it may post. */
export {
  ParentMessage, PARENT_MESSAGE_SOURCE, readyMessage, errorMessage, navigateMessage, resolveIdeOrigin,
} from "./parent-messages";
/** The environments an app runs in (dev, staging, prod), and those a release is deployed to. */
export { DEPLOY_ENVS, DeployEnv, ENV_NAMES, EnvName } from "./env-name";
/** The hosted page's boot manifest (`<script id="myco-boot" type="application/json">`). */
export { BlueprintTextError, BootManifest, BOOT_ELEMENT_ID } from "./boot-manifest";
/** A short text summary of a blueprint, and the functions and components it uses. */
export { describeBlueprint, listFunctions, listComponents } from "./describe-blueprint";
/** A form's draft values: start, check required and typed fields, convert for {{form.…}}. */
export { initialDraft, draftFromData, validateDraft, formValues, selectOptions, type FormDraft } from "./form-values";
