#!/usr/bin/env node
/** The `purpose-lint` executable: the only module that touches `process`. All logic lives in cli.ts. */
import { runCli } from "./cli.js";

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: process.stdout.isTTY,
  stderrIsTTY: process.stderr.isTTY,
  env: process.env,
});
