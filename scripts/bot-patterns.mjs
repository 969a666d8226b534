#!/usr/bin/env node
// Writes isbot's pattern list (node_modules/isbot, Unlicense) as data for the .NET build: one regular
// expression per line, after a header naming the list, its version and its licence. Called by
// src/LiveInsight.Domain/LiveInsight.Domain.csproj at build time; the output lands in obj/, never in git.
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const out = process.argv[2];
if (!out) {
  console.error("usage: bot-patterns.mjs <output file>");
  process.exit(2);
}

const require = createRequire(import.meta.url);
const { list } = require("isbot");
const { version, license } = require("isbot/package.json");
if (!Array.isArray(list) || list.length < 50 || list.some((p) => typeof p !== "string" || p.includes("\n"))) {
  console.error(`isbot ${version}: its pattern list is not the array of one-line strings expected`);
  process.exit(1);
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, [`# isbot ${version} (${license}) https://github.com/omrilotan/isbot`, ...list].join("\n") + "\n");
