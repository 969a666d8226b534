# `make test-nag`: AWS's own cdk-nag rule packs (AwsSolutions and Serverless) over freshly synthesized templates, one
# per API type (and the REST API with its WAF), failing on any finding the stack does not acknowledge with a reason
# (scripts/cdk-nag-check.mjs, docs/adr/0024-aws-rule-packs.md). Offline, like `make synth`; each variant gets its
# own output folder so that a check never reads a template another variant (or `make synth`) left behind.
# `make audit`: the dependency audit; it needs the registries, so CI runs it and `make test` does not.
# Included by the root Makefile (setup comes from there; CDK, CDK_ENV, CDK_ARCHITECTURE from mk/infra.mk).

NAG_DIR := .local/nag
NAG_VARIANTS := rest http rest-waf
NAG_CONTEXT_rest := -c apiType=rest
NAG_CONTEXT_http := -c apiType=http
NAG_CONTEXT_rest-waf := -c apiType=rest -c waf=true

.PHONY: test-nag audit

# One variant: synthesize into its own folder (the log is shown only on failure), then check that template.
nag_check = { rm -rf $(NAG_DIR)/$(1) && mkdir -p $(NAG_DIR) && \
  { $(CDK_ENV) $(CDK) synth --quiet --no-notices -o $(NAG_DIR)/$(1) -c allowPlaceholderCode=true \
      -c architecture=$(CDK_ARCHITECTURE) $(NAG_CONTEXT_$(1)) >$(NAG_DIR)/$(1).log 2>&1 || { cat $(NAG_DIR)/$(1).log; false; }; } && \
  node scripts/cdk-nag-check.mjs $(NAG_DIR)/$(1)/LiveInsight.template.json '$(1) ($(NAG_CONTEXT_$(1)))'; }

# The check's own tests first (small templates), then every variant, even when an earlier one fails, so one run
# reports everything.
test-nag: setup
	@status=0; node --test scripts/test/ || status=1; $(foreach variant,$(NAG_VARIANTS),$(call nag_check,$(variant)) || status=1;) exit $$status

# Needs the registries at a point in time: CI runs it (.github/workflows/ci.yml), `make test` does not. No setup:
# `dotnet list package` restores by itself and `npm audit` reads package-lock.json.
audit:
	scripts/dependency-audit.sh
