/**
 * The standard error constructors as data: `new Error(message, { cause })` — and `super(message)` in a class that
 * extends one — keeps the message in `message` and in `stack` (which quotes it), and the cause in `cause`. Nothing
 * else of the object carries what the constructor was given, so an error class's own fields stay apart:
 * `err.status` of an error whose message names a phone number is clean, `err.message` is not.
 */
import type TS from "typescript";
import { type AV, collapse, element, field, type RegistryCell, setField, withElements, withoutFunctions } from "../values.js";
import { cell, classChannel } from "./registry-index.js";

/** The global error classes, with where their message and options are among the arguments. */
interface ErrorArguments {
  message: number;
  options: number;
  errors?: number;
}

const ERROR_CONSTRUCTORS = new Map<string, ErrorArguments>([
  ...["Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError"].map((name): [string, ErrorArguments] => [name, { message: 0, options: 1 }]),
  ["AggregateError", { errors: 0, message: 1, options: 2 }],
]);

export function isErrorConstructor(name: string): boolean {
  return ERROR_CONSTRUCTORS.has(name);
}

/** The fields an error made by the named constructor holds, from the constructor's arguments. */
export function errorObject(name: string, args: readonly AV[]): AV {
  const at = ERROR_CONSTRUCTORS.get(name);
  if (!at) return undefined;
  const message = collapse(withoutFunctions(args[at.message]));
  let out = setField(setField(undefined, "message", message), "stack", message);
  out = setField(out, "cause", field(args[at.options], "cause"));
  if (at.errors !== undefined) out = setField(out, "errors", withElements(element(args[at.errors])));
  return out;
}

/** The fields an error's constructor fills from its arguments: what an error of a first-party class may carry. */
export const ERROR_FIELDS: ReadonlySet<string> = new Set(["message", "stack", "cause"]);

/**
 * Where the engine keeps what a first-party error class's constructors put in the fields above (`super(\`… ${phone}\`)`),
 * in every run of them — a root run included, whose branded-typed parameters are sources. An error of that class
 * that code outside the program made and threw (a callback the program was handed) holds what its constructor
 * makes: see `errorClassFields` in field-cells.ts.
 */
export function errorClassCell(symbol: TS.Symbol, checker: TS.TypeChecker): RegistryCell | undefined {
  const channel = classChannel(symbol, checker);
  return channel === undefined ? undefined : cell("error classes", channel);
}
