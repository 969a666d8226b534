# Infrastructure: the CDK app in infra/ (synth offline, deploy with the caller's AWS credentials) and the
# smoke test of a running collector. Included by the root Makefile.

CDK := npx --no-install cdk
# jsii (under both the CDK CLI and the C# app) prints a banner for an end-of-life Node.js on every run. The
# variable takes major versions, so only Node 20's banner is silenced and any other old Node still warns.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
# No anonymous CLI telemetry, and no construct stack traces in synth warnings (noise, not information).
CDK_ENV := CDK_DISABLE_CLI_TELEMETRY=true CDK_DISABLE_STACK_TRACE=1
# The Lambda architecture follows the bootstrap `make package` builds (mk/function.mk: ARCH, the host's by default).
CDK_ARCHITECTURE = $(if $(filter aarch64 arm64,$(or $(ARCH),$(shell uname -m))),arm64,x86_64)
# Extra CDK options, e.g. CDK_ARGS='-c alarmEmail=ops@example.com -c allowedOrigins=https://www.example.com'.
CDK_ARGS ?=
URL ?=

.PHONY: synth deploy smoke

# Offline and without credentials: the stack is environment-agnostic and makes no lookups. Without
# artifacts/function.zip the function gets a placeholder package (cdk prints a warning saying so).
synth: setup
	$(CDK_ENV) $(CDK) synth --quiet --no-notices -c allowPlaceholderCode=true -c architecture=$(CDK_ARCHITECTURE) $(CDK_ARGS)
	@node -e 'const t = require("./cdk.out/LiveInsight.template.json"), n = {}; for (const r of Object.values(t.Resources)) n[r.Type] = (n[r.Type] || 0) + 1; console.log(`cdk.out/LiveInsight.template.json: $${Object.keys(t.Resources).length} resources, $${Object.keys(t.Outputs).length} outputs`); for (const [k, v] of Object.entries(n).sort()) console.log(`  $${v} $${k}`)'

# The real thing: builds the zip first and never accepts a placeholder. Needs credentials and `cdk bootstrap`.
deploy: setup package
	$(CDK_ENV) $(CDK) deploy --require-approval never --outputs-file cdk-outputs.json -c architecture=$(CDK_ARCHITECTURE) $(CDK_ARGS)

smoke:
	@test -n "$(URL)" || { echo "usage: make smoke URL=https://<api-id>.execute-api.<region>.amazonaws.com/prod" >&2; exit 2; }
	scripts/smoke "$(URL)"
