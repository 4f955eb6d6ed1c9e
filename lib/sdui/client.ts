/**
 * The browser's share of lib/sdui: what the hosted runtime and the client SDK (components/sdui) run. No
 * module reached from here imports zod, except for types: the server validates blueprints and the runtime
 * trusts what it hands over, so a hosted page ships without a schema library (~97 KB of it).
 * tests/unit/sdui/runtime-bundle.test.ts holds the bundles to that.
 */

/** The blueprint's types (zod-inferred: they vanish from bundles). */
export type { Action, Binding, OptionsSource } from "./schema-parts";
export type { Node, NodeOf, PrimitiveType } from "./schema-nodes";
export type { Column, FormField, TableFilter } from "./schema-leaf-nodes";
export type { Blueprint, Page, Route, Theme } from "./schema-blueprint";
export type { EnvName } from "./env-name";
export type { BlueprintError } from "./validate-blueprint";
/** The look of an app whose blueprint names none, and of the error pages. */
export { DEFAULT_THEME } from "./default-theme";
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
export { PARENT_MESSAGE_SOURCE, readyMessage, errorMessage, navigateMessage, resolveIdeOrigin } from "./parent-messages";
export type { ParentMessage } from "./parent-message-schema";
/** The hosted page's boot manifest (`<script id="myco-boot" type="application/json">`) and its reading. */
export { BOOT_ELEMENT_ID, readBootManifest, type BootManifest } from "./boot-manifest";
/** A form's draft values: start, check required and typed fields, convert for {{form.…}}. */
export { initialDraft, draftFromData, validateDraft, formValues, selectOptions, type FormDraft } from "./form-values";
