/**
 * Prisma schemas: a field is marked a security contact with a `/// @purpose security` documentation comment on the
 * line above it (Prisma copies `///` comments into the generated client's JSDoc, where the analysis reads the tag:
 * docs/configuration.md, `sources.purposeTags`). Idempotent: a field already tagged is left alone.
 */
import { prismaFieldLine, type PrismaTarget } from "./select.js";

const TAG = /@purpose\s+security\b/;

/** The schema's text with each target field tagged; the same text when every one already is. */
export function tagPrismaFields(text: string, targets: readonly PrismaTarget[]): string {
  const lines = text.split("\n");
  // Bottom-up, so inserted lines do not move the fields still to tag.
  const found = targets
    .map((target) => prismaFieldLine(lines.join("\n"), target.model, target.property))
    .filter((line): line is number => line !== undefined)
    .sort((a, b) => b - a);
  for (const index of new Set(found)) {
    const line = lines[index]!;
    const above = index > 0 ? lines[index - 1]! : "";
    if (TAG.test(line) || (above.trim().startsWith("///") && TAG.test(above))) continue;
    const indent = /^\s*/.exec(line)?.[0] ?? "  ";
    lines.splice(index, 0, `${indent}/// @purpose security`);
  }
  return lines.join("\n");
}
