import type { PrimitiveLoaders } from "./lazy-primitives";

/**
 * Where each lazy primitive's module comes from: esbuild makes each import() below a module of its own.
 * Only entries import this file (runtime-entry.tsx, render-check-entry.tsx), so no primitive imports it back.
 */
export const PRIMITIVE_LOADERS: PrimitiveLoaders = {
  button: () => import("./primitives/button").then((m) => m.ButtonView),
  form: () => import("./primitives/form").then((m) => m.FormView),
  image: () => import("./primitives/image").then((m) => m.ImageView),
  list: () => import("./primitives/list").then((m) => m.ListView),
  modal: () => import("./primitives/modal").then((m) => m.ModalView),
  stat: () => import("./primitives/stat").then((m) => m.StatView),
  table: () => import("./primitives/table").then((m) => m.TableView),
  tabs: () => import("./primitives/tabs").then((m) => m.TabsView),
};
