#!/usr/bin/env bash
# `make audit`: known vulnerabilities in the NuGet packages (direct and transitive, from NuGet's advisory data) and in
# the npm packages that ship (none today: every npm package is build or test tooling, hence --omit=dev). Fails on a
# high or critical advisory; lower ones are printed. Needs the registries, so CI runs it, not `make test`.
set -euo pipefail
report=.local/audit-dotnet.json
mkdir -p .local
dotnet list LiveInsight.sln package --vulnerable --include-transitive --format json >"$report"
node - "$report" <<'JS'
const report = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
const found = [];
for (const project of report.projects ?? [])
  for (const framework of project.frameworks ?? [])
    for (const pkg of [...(framework.topLevelPackages ?? []), ...(framework.transitivePackages ?? [])])
      for (const advisory of pkg.vulnerabilities ?? [])
        found.push({ project: project.path.split('/').pop(), pkg: `${pkg.id} ${pkg.resolvedVersion}`, ...advisory });
for (const f of found) console.log(`dotnet: ${f.severity.padEnd(8)} ${f.pkg} (${f.project}) ${f.advisoryurl}`);
const serious = found.filter((f) => /^(high|critical)$/i.test(f.severity));
console.log(`dotnet: ${report.projects.length} projects, ${found.length} advisories, ${serious.length} high or critical`);
process.exit(serious.length === 0 ? 0 : 1);
JS
npm audit --omit=dev --audit-level=high
