/**
 * `purpose/suppression-without-reason`: `// purpose-lint-ignore` without `: <reason>` suppresses nothing, and the
 * CLI fails for it (exit 1); the editor says so where it is written. The words are the CLI's.
 */
import { createRule } from "./create-rule.js";
import { CONFIG_FILE_OPTION_SCHEMA, type LeakRuleOptions } from "./lint-analysis.js";
import { suppressionNotices } from "./suppression-notices.js";

export default createRule<[LeakRuleOptions], "withoutReason">({
  name: "suppression-without-reason",
  meta: {
    type: "problem",
    docs: {
      description: "Require a reason on every purpose-lint-ignore comment (one without suppresses nothing)",
      recommended: true,
      requiresTypeChecking: true,
    },
    messages: { withoutReason: "{{message}}" },
    // The leak rule's option: give both the same configFile, so they read the analysis it reports.
    schema: CONFIG_FILE_OPTION_SCHEMA,
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return {
      "Program:exit"(): void {
        for (const notice of suppressionNotices(context, options)) {
          if (notice.kind !== "suppression-without-reason" || notice.location === undefined) continue;
          const { line, column, endLine, endColumn } = notice.location;
          context.report({
            loc: { start: { line, column: column - 1 }, end: { line: endLine, column: endColumn - 1 } },
            messageId: "withoutReason",
            data: { message: notice.message },
          });
        }
      },
    };
  },
});
