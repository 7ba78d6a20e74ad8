/**
 * The TypeScript compiler, loaded with `require`: importing its 9 MB CommonJS bundle from ESM makes Node scan
 * it for named exports first, which costs about 0.7 s on every run. Types come from `import type TS`.
 */
import { createRequire } from "node:module";
import type TS from "typescript";

const ts: typeof TS = createRequire(import.meta.url)("typescript") as typeof TS;
export default ts;
