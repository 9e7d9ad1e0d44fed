/**
 * What the benchmarks share: a committed revision as a runnable tree, and a server started as a
 * process of its own that is ready once `/readyz` answers. `BENCH_SERVER_NODE_ARGS` passes node
 * flags to the server (e.g. `--cpu-prof`), `BENCH_SERVER_STDERR=1` shows its error output.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { projectRoot } from "../src/config";

/** The committed tree of a revision under `work`, runnable with this checkout's node_modules. */
export function checkoutOf(work: string, rev: string): string {
  const dir = path.join(work, `tree-${rev.replace(/[^\w.-]/g, "_")}`);
  if (fs.existsSync(dir)) return dir;
  fs.mkdirSync(dir);
  const archive = spawnSync("git", ["-C", projectRoot, "archive", "--format=tar", rev], { maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new Error(`git archive ${rev}: ${archive.stderr}`);
  spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
  fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Starts `node <args>` in `dir` on a free port and waits until `/readyz` answers (at most
 * `waitSeconds`). Returns its base URL and how to stop it.
 */
export async function startServerProcess(dir: string, args: string[], env: Record<string, string>, waitSeconds = 120) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean), ...args], {
    cwd: dir,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", VERBUND_BASE_URL: base },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  if (process.env.BENCH_SERVER_STDERR) child.stderr!.on("data", (d) => process.stderr.write(d));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || i > waitSeconds * 10) throw new Error(`server did not start:\n${output}`);
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await sleep(100);
  }
  const stop = async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
  };
  return { base, stop };
}
