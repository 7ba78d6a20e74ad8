/**
 * Report files (`--output`, the baseline): checked before any analysis, so a run never spends minutes only to
 * fail writing; written with a one-line error naming the file when the write still fails.
 */
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "./errors.js";

/**
 * Fails before any analysis if the report could not be written: a missing or non-directory parent, a directory
 * in the way, no write permission, a full file system, or a device that refuses writes (`/dev/full`). `shown` is
 * the path as the user typed it.
 */
export function assertWritable(file: string, shown: string, flag = "--output"): void {
  const stat = statOrUndefined(file);
  if (stat?.isDirectory() === true) throw new UsageError(`${flag} ${shown}: is a directory`);
  const target = stat === undefined ? path.dirname(file) : file;
  const parent = statOrUndefined(path.dirname(file));
  if (parent === undefined) throw new UsageError(`${flag} ${shown}: directory ${path.dirname(shown)} does not exist`);
  if (!parent.isDirectory()) throw new UsageError(`${flag} ${shown}: ${path.dirname(shown)} is not a directory`);
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${shown}: not writable`);
  }
  if (stat === undefined || stat.isFile()) {
    if (freeBytes(target) === 0) throw new UsageError(`${flag} ${shown}: no space left on the device (ENOSPC)`);
  } else if (stat.isCharacterDevice()) {
    probeDevice(file, shown, flag);
  }
}

/** Writes a report; a failure is one line naming the file and the system's reason. */
export function writeReport(file: string, shown: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "write failed";
    throw new UsageError(`--output ${shown}: could not write the report (${reason})`);
  }
}

export function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** Bytes an unprivileged writer may still use on the file system holding `file`; undefined when unknown. */
function freeBytes(file: string): number | undefined {
  try {
    const stats = fs.statfsSync(file);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

/**
 * A zero-length write: nothing for a terminal or `/dev/null`, ENOSPC from `/dev/full`. Only character devices
 * are probed (opening a FIFO for writing would wait for a reader; a regular file is checked by its free space).
 */
function probeDevice(file: string, shown: string, flag: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "a");
    fs.writeSync(fd, Buffer.alloc(0));
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new UsageError(`${flag} ${shown}: the device refuses writes (${typeof code === "string" ? code : "write failed"})`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
