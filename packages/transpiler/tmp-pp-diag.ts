// TEMPORARY: dump the serialized GAST for diffing.
import { getPythonParser } from "./src/python/parse/parser-instance.js";
console.log(JSON.stringify(getPythonParser().getSerializedGastProductions(), null, 1));
