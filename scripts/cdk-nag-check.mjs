#!/usr/bin/env node
// Runs AWS's cdk-nag rule packs (AwsSolutions and Serverless) over a synthesized template and fails on any finding
// that is not acknowledged, on any acknowledgment without a real reason, and on any acknowledgment that matches no
// finding (a stale one would silently cover a future regression).
//
// The C# stack cannot call cdk-nag (a TypeScript library), so it writes each acknowledgment into its resource's
// Metadata in cdk-nag's own audit format, `cdk_nag: {rules_to_suppress: [{id, reason, applies_to?}]}`
// (infra/LiveInsight.Infra/NagAcknowledgments.cs). This script loads the template with CfnInclude and turns each
// entry into a cdk-nag v3 acknowledgment, `Validations.of(resource).acknowledge({id, reason})`; an entry with
// `applies_to: ["Resource::*"]` becomes one acknowledgment per finding, `id[Resource::*]`, as v3 names them.
//
// Usage: node scripts/cdk-nag-check.mjs <template.json> [label]
// Offline: it reads one file and needs nothing but node_modules.
import { readFileSync } from 'node:fs';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';

const [templateFile, label = templateFile] = process.argv.slice(2);
if (!templateFile) {
  console.error('usage: node scripts/cdk-nag-check.mjs <template.json> [label]');
  process.exit(2);
}

// A reason is read by an auditor who was not there: it must say why, not just that someone agreed.
const MIN_REASON_LENGTH = 20;
const PLACEHOLDER = /\b(todo|tbd|fixme|xxx|placeholder|lorem ipsum|n\/a)\b/i;

/** Why a reason is not good enough, or null when it is. */
function reasonProblem(reason) {
  if (typeof reason !== 'string') return 'has no reason';
  const text = reason.trim();
  if (text.length < MIN_REASON_LENGTH) return `has a reason shorter than ${MIN_REASON_LENGTH} characters ("${text}")`;
  if (text.split(/\s+/).length < 4) return `has a reason of fewer than four words ("${text}")`;
  if (PLACEHOLDER.test(text)) return `has a placeholder for a reason ("${text}")`;
  return null;
}

const template = JSON.parse(readFileSync(templateFile, 'utf8'));
const app = new App();
const stack = new Stack(app, 'Nag');
const included = new CfnInclude(stack, 'Template', { templateFile });
const packs = [new AwsSolutionsChecks(), new ServerlessChecks()];
const logicalIdOf = (constructPath) => constructPath.split('/').pop();

/** Every finding the packs report now, as {rule, severity, logicalId}. */
function findings() {
  const out = [];
  for (const pack of packs) {
    for (const violation of pack.validateScope(stack).violations) {
      for (const resource of violation.violatingResources) {
        out.push({ rule: violation.ruleName, severity: violation.severity, logicalId: logicalIdOf(resource.constructPath), description: violation.description });
      }
    }
  }
  return out;
}

const problems = [];
const before = findings();

// The acknowledgments the stack wrote, in cdk-nag's audit format, turned into v3 acknowledgments.
const acknowledgments = [];
for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
  const entries = resource.Metadata?.cdk_nag?.rules_to_suppress ?? [];
  for (const entry of entries) {
    const where = `${logicalId} (${resource.Type}): ${entry.id ?? '<no id>'}`;
    if (typeof entry.id !== 'string' || entry.id === '') {
      problems.push(`${where}: an acknowledgment without a rule id`);
      continue;
    }
    const problem = reasonProblem(entry.reason);
    if (problem) problems.push(`${where} ${problem}`);
    const appliesTo = entry.applies_to ?? [];
    if (!Array.isArray(appliesTo) || appliesTo.some((finding) => typeof finding !== 'string')) {
      problems.push(`${where}: applies_to must be a list of finding names (regex entries are not supported by cdk-nag v3)`);
      continue;
    }
    const ids = appliesTo.length === 0 ? [entry.id] : appliesTo.map((finding) => `${entry.id}[${finding}]`);
    for (const id of ids) {
      Validations.of(included.getResource(logicalId)).acknowledge({ id, reason: entry.reason ?? '' });
      acknowledgments.push({ id, logicalId, reason: entry.reason });
    }
  }
}

for (const ack of acknowledgments) {
  if (!before.some((finding) => finding.rule === ack.id && finding.logicalId === ack.logicalId)) {
    problems.push(`${ack.logicalId}: ${ack.id} is acknowledged but the packs report no such finding there (stale: remove it)`);
  }
}

const open = findings();

// Per rule: how many findings, how many acknowledged, how many left open.
const byRule = new Map();
for (const finding of before) {
  const rule = finding.rule.replace(/\[.*\]$/, '');
  const row = byRule.get(rule) ?? { severity: finding.severity, found: 0, open: 0 };
  row.found += 1;
  byRule.set(rule, row);
}
for (const finding of open) byRule.get(finding.rule.replace(/\[.*\]$/, '')).open += 1;

const count = (list, severity) => list.filter((finding) => finding.severity === severity).length;
console.log(`cdk-nag (AwsSolutions + Serverless) on ${label}: ${before.length} findings (${count(before, 'error')} errors, ` +
  `${count(before, 'warning')} warnings), ${before.length - open.length} acknowledged, ${open.length} open`);
for (const [rule, row] of [...byRule.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`  ${rule.padEnd(42)} ${row.severity.padEnd(8)} ${String(row.found).padStart(3)} found ${String(row.found - row.open).padStart(3)} acknowledged ${String(row.open).padStart(3)} open`);
}
for (const finding of open) {
  console.error(`OPEN ${finding.severity} ${finding.rule} on ${finding.logicalId}: ${finding.description}`);
}
for (const problem of problems) console.error(`BAD ACKNOWLEDGMENT ${problem}`);

process.exit(open.length === 0 && problems.length === 0 ? 0 : 1);
