// Deno entry of the smoke test: prints the facts as one JSON line (see smoke-facts.ts).
import { smokeFacts } from "./smoke-facts.js";

console.log(JSON.stringify(await smokeFacts()));
