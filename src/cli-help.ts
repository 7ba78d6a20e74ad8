/** The CLI's `--help` text (README.md "Command line" says the same at more length). */
import { FORMATS } from "./report/index.js";
export const HELP = `Usage: purpose-lint [options]
       purpose-lint audit [--project <path>] [--config <file>] [--format md|html|fides] [--output <file>]
       purpose-lint candidates [--project <path>] [--config <file>] [--format text|json] [--output <file>]
       purpose-lint adopt [--project <path>] [--field <Type.field>]… [--write] [--baseline <file>]

Reports every flow of a SecurityContact<T> value (two-factor phones, recovery emails) into advertising,
marketing or analytics code.

Options:
  -p, --project <path>   tsconfig.json to analyse, or its directory (default: ./tsconfig.json); a solution
                         tsconfig or a workspace root is analysed as one program across its packages
  -c, --config <file>    purpose-lint.config.json to use (default: the nearest one from the tsconfig's
                         directory upward)
  -f, --format <format>  ${FORMATS.join(" | ")} (default: pretty)
  -o, --output <file>    write the report to <file> instead of standard output
  --summary-out <file>   also write what the package's exports do with security contacts (docs/monorepo.md)
  --summaries <path>     analyse a dependency from its summary (a file, or a package directory holding
                         purpose-lint.summary.json) instead of its sources; repeat for each dependency
  --baseline <file>      report only violations whose fingerprint is not in this baseline file
  --update-baseline      write the current violations to the baseline file (--baseline, default
                         purpose-lint.baseline.json) and exit 0
  --changed-since <ref>  report only violations whose flow touches a file changed since the git ref
  --allow-incomplete     exit 0 or 1 even when the analysis was incomplete (files skipped, first-party imports
                         unresolved, inputs missing, parts widened); it is still reported
  --quiet                report errors only: leave warnings (an unused suppression, …) out of the report
  --max-warnings <n>     exit 1 when there are more than <n> warnings (counted with --quiet too)
  --color, --no-color    force colour in the pretty report on or off
  -h, --help             show this help
  -v, --version          print the version

Exit codes: 0 no violations, analysis complete · 1 violations (new ones, with --baseline) or a purpose-lint-ignore
            without a reason · 2 usage or configuration error, or an incomplete analysis (unless
            --allow-incomplete) · audit: 0 whenever it completes
Environment: NO_COLOR=1 disables colour, FORCE_COLOR=1 forces it (the flags win) · PURPOSE_LINT_TIMING=1 prints
             per-phase times to standard error`;
