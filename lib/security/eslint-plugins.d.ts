// eslint-plugin-security and eslint-plugin-no-unsanitized ship no types; analyse-code reads only their rules.
declare module "eslint-plugin-security" {
  import type { ESLint } from "eslint";
  const plugin: ESLint.Plugin;
  export default plugin;
}
declare module "eslint-plugin-no-unsanitized" {
  import type { ESLint } from "eslint";
  const plugin: ESLint.Plugin;
  export default plugin;
}
