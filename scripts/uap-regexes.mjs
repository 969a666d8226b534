#!/usr/bin/env node
// Writes uap-core's browser and OS rules (node_modules/uap-core/regexes.yaml, Apache-2.0) as data for the .NET
// build: a header naming the list, its version and its licence, then one rule per line, tab-separated:
//   ua  <regex> <flag> <family_replacement> <v1_replacement> <v2_replacement>
//   os  <regex> <flag> <os_replacement> <os_v1_replacement> <os_v2_replacement> <os_v3_replacement>
// An empty field means "absent". The device_parsers section is left out: we classify devices from the
// User-Agent's own tokens (src/LiveInsight.Domain/UserAgents/DeviceClassifier.cs), not by brand and model.
// Called by src/LiveInsight.Domain/LiveInsight.Domain.csproj at build time; the output lands in obj/, never in git.
//
// regexes.yaml uses a narrow subset of YAML (every value a single-quoted scalar on its own line), so a
// dependency-free reader suffices; anything outside that subset stops the build rather than being guessed at.
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const out = process.argv[2];
if (!out) {
  console.error("usage: uap-regexes.mjs <output file>");
  process.exit(2);
}

const require = createRequire(import.meta.url);
const pkg = require("uap-core/package.json");
const licence = (pkg.licenses ?? []).map((l) => l.type).join(", ") || pkg.license;
const yaml = readFileSync(require.resolve("uap-core/regexes.yaml"), "utf8");

const sections = {};
let section = null;
let rule = null;
yaml.split(/\r?\n/).forEach((line, index) => {
  const where = `regexes.yaml line ${index + 1}`;
  if (/^\s*(#.*)?$/.test(line)) {
    return;
  }
  let m;
  if ((m = /^([a-z_]+):$/.exec(line))) {
    section = sections[m[1]] = [];
    return;
  }
  if ((m = /^  (- |  )([a-z_0-9]+): '(.*)'$/.exec(line)) && section) {
    // In a single-quoted YAML scalar the only escape is '' for one quote.
    const value = m[3].replaceAll("''", "'");
    if (m[3].replaceAll("''", "").includes("'")) {
      fail(`${where}: an unescaped quote inside a single-quoted value`);
    }
    if (m[1] === "- ") {
      rule = {};
      section.push(rule);
    } else if (!rule) {
      fail(`${where}: a key before the first rule`);
    }
    rule[m[2]] = value;
    return;
  }
  fail(`${where}: not in the YAML subset this reader understands: ${line}`);
});

function fail(message) {
  console.error(`uap-core ${pkg.version}: ${message}`);
  process.exit(1);
}

// uap-core is written for PCRE, Python re and JavaScript. .NET accepts every pattern of 0.18.0 as written
// (tests/LiveInsight.Domain.Tests/UserAgents/UapRulesTests.cs compiles them all): no possessive quantifiers,
// \h, \K or (?P<name>) appear. The one difference left is harmless here: .NET's \d and \w also match non-ASCII
// digits and letters, and User-Agents are ASCII. Were a later version to bring a construct .NET refuses or
// reads differently, the rewrite belongs here, with a comment saying why.
function forDotNet(regex) {
  return regex;
}

const lines = [`# uap-core ${pkg.version} (${licence}) https://github.com/ua-parser/uap-core`];
const emit = (kind, rules, keys, minimum) => {
  if (!Array.isArray(rules) || rules.length < minimum) {
    fail(`the ${kind} section has ${rules?.length ?? 0} rules, fewer than the ${minimum} expected`);
  }
  for (const r of rules) {
    const unknown = Object.keys(r).filter((k) => k !== "regex" && k !== "regex_flag" && !keys.includes(k));
    if (!r.regex || unknown.length > 0 || (r.regex_flag && r.regex_flag !== "i")) {
      fail(`a ${kind} rule this converter does not understand: ${JSON.stringify(r)}`);
    }
    const fields = [forDotNet(r.regex), r.regex_flag ?? "", ...keys.map((k) => r[k] ?? "")];
    if (fields.some((f) => /[\t\n\r]/.test(f)) || keys.some((k) => r[k] === "")) {
      fail(`a ${kind} rule with a tab, a line break or an empty replacement: ${JSON.stringify(r)}`);
    }
    lines.push([kind, ...fields].join("\t"));
  }
};
emit("ua", sections.user_agent_parsers, ["family_replacement", "v1_replacement", "v2_replacement"], 100);
emit("os", sections.os_parsers, ["os_replacement", "os_v1_replacement", "os_v2_replacement", "os_v3_replacement"], 100);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, lines.join("\n") + "\n");
