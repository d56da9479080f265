// Compiles Casework's Sass with GOV.UK Frontend and copies the browser files Django serves.
// Run by `make` whenever an input is newer than build/static.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static", "casework");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
mkdirSync(out, { recursive: true });

const result = sass.compile(join(root, "assets", "scss", "casework.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter(root)],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "casework.css"), result.css);

cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(govuk, "assets"), join(out, "govuk"), { recursive: true });
cpSync(join(root, "assets", "js"), out, { recursive: true });
cpSync(join(root, "assets", "favicon.svg"), join(out, "favicon.svg"));
console.log(`assets: ${result.css.length.toLocaleString()} bytes of CSS in ${out}`);
