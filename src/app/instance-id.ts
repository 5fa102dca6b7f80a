// One id per running process, used wherever instances sharing a database must tell each other
// apart (lesson delivery claims, the Discord gateway lease): readable in logs, unique per start.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";

export function newInstanceId(): string {
  return `${hostname().slice(0, 40)}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
