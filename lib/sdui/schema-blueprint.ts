import * as z from "zod";
import { checkReferences } from "./check-references";
import { DEFAULT_THEME } from "./default-theme";
import { Node } from "./schema-nodes";
import { BLUEPRINT_VERSION, Label, LIMITS } from "./schema-parts";

/** A page's key in `pages`, named by routes. */
export const PageId = z.string().regex(/^[a-zA-Z][\w-]{0,63}$/, "must start with a letter and use letters, digits, _ or - (max 64)");

/** The app's look; the primary color becomes a CSS variable, so it is a strict hex color. */
export const Theme = z
  .strictObject({
    primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a hex color such as #4f46e5").default(DEFAULT_THEME.primaryColor),
    radius: z.enum(["none", "sm", "md", "lg"]).default(DEFAULT_THEME.radius),
    font: z.enum(["system", "serif", "mono"]).default(DEFAULT_THEME.font),
  })
  .describe("Colors and shapes of the whole app.");
export type Theme = z.infer<typeof Theme>;

// A URL path pattern: static segments and `:param` segments.
const RoutePath = z
  .string()
  .max(LIMITS.shortText)
  .regex(/^\/$|^(\/([A-Za-z0-9._~-]+|:[A-Za-z][A-Za-z0-9_]{0,63}))+$/, "must be / or segments such as /todos/:id")
  .describe("A path such as / or /todos/:id; :name segments become {{route.name}}.");

export const Route = z.strictObject({ path: RoutePath, page: PageId.describe("A key of pages.") });
export type Route = z.infer<typeof Route>;

export const Page = z.strictObject({
  title: Label.describe("The browser tab's title."),
  body: Node,
});
export type Page = z.infer<typeof Page>;

const BlueprintShape = z.strictObject({
  version: z.literal(BLUEPRINT_VERSION).describe("The blueprint format; always 1."),
  name: z.string().min(1).max(LIMITS.shortText).describe("The app's name."),
  description: z.string().max(LIMITS.longText).optional(),
  theme: Theme.default({ ...DEFAULT_THEME }),
  routes: z.array(Route).min(1).max(LIMITS.routes).describe("Tried most specific first: static segments beat :params."),
  pages: z
    .record(PageId, Page)
    .refine((pages) => Object.keys(pages).length <= LIMITS.pages, `at most ${LIMITS.pages} pages`)
    .describe("Pages by id."),
});

/**
 * A Myco app's UI (app.json): routes onto pages of nodes. Parsing also checks what the shape alone cannot:
 * routes name existing pages, ids are unique per page, refresh targets exist, placeholders are in scope.
 */
export const Blueprint = BlueprintShape.superRefine(checkReferences).meta({
  title: "Myco app blueprint",
  description: "The UI of a Myco app (app.json): routes map URL paths to pages; a page is a tree of nodes.",
});
export type Blueprint = z.infer<typeof Blueprint>;
