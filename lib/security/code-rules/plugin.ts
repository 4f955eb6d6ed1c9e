import type { ESLint } from "eslint";
import { noDynamicImport, noEval, noIndirectCode, noNewFunction } from "./dynamic-code";
import { noUnsafeInnerHtml } from "./inner-html";
import { noUnboundedLoop } from "./loops";
import { noHardcodedSecret } from "./secrets";
import { noSqlConcatenation } from "./sql";

/** Myco's own rules, for what eslint-plugin-security and eslint-plugin-no-unsanitized do not see. */
export const mycoPlugin: ESLint.Plugin = {
  meta: { name: "myco", version: "1.0.0" },
  rules: {
    "no-new-function": noNewFunction,
    "no-eval": noEval,
    "no-indirect-code": noIndirectCode,
    "no-dynamic-import": noDynamicImport,
    "no-hardcoded-secret": noHardcodedSecret,
    "no-unsafe-inner-html": noUnsafeInnerHtml,
    "no-sql-concatenation": noSqlConcatenation,
    "no-unbounded-loop": noUnboundedLoop,
  },
};
