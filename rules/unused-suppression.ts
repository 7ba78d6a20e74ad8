/**
 * `purpose/unused-suppression`: a `// purpose-lint-ignore: <reason>` that matches no violation — the flow it
 * accepted is gone, or it sits on the wrong line — is a warning in the CLI and here. The words are the CLI's.
 */
import { createRule } from "./create-rule.js";
import { CONFIG_FILE_OPTION_SCHEMA, type LeakRuleOptions } from "./lint-analysis.js";
import { suppressionNotices } from "./suppression-notices.js";

export default createRule<[LeakRuleOptions], "unused">({
  name: "unused-suppression",
  meta: {
    type: "suggestion",
    docs: {
      description: "Report purpose-lint-ignore comments that match no violation",
      recommended: true,
      requiresTypeChecking: true,
    },
    messages: { unused: "{{message}}" },
    // The leak rule's option: give both the same configFile, so they read the analysis it reports.
    schema: CONFIG_FILE_OPTION_SCHEMA,
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return {
      "Program:exit"(): void {
        for (const notice of suppressionNotices(context, options)) {
          if (notice.kind !== "unused-suppression" || notice.location === undefined) continue;
          const { line, column, endLine, endColumn } = notice.location;
          context.report({
            loc: { start: { line, column: column - 1 }, end: { line: endLine, column: endColumn - 1 } },
            messageId: "unused",
            data: { message: notice.message },
          });
        }
      },
    };
  },
});
