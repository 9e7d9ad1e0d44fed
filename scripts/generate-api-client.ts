import fs from "node:fs";
import path from "node:path";
import { apiTypes } from "./openapi-document";

const target = path.join(import.meta.dirname, "..", "web", "src", "api", "schema.d.ts");
fs.writeFileSync(target, await apiTypes());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
