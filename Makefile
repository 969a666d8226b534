# LiveInsight developer commands. `make run` and `make test` are the two that matter; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

CONFIGURATION ?= Release
DYNAMODB_PORT ?= 8000
LIVEINSIGHT_PORT ?= 3000
export DYNAMODB_PORT LIVEINSIGHT_PORT
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

STAMPS := .local/stamps

.PHONY: help setup build run test test-dotnet clean

help:
	@echo "make run    - the collector on a local, real DynamoDB (http://127.0.0.1:$(LIVEINSIGHT_PORT)/prod/events)"
	@echo "make test   - every test: .NET unit, integration, end-to-end, template, AWS rule packs (cdk-nag), tracker, browser, AOT + glibc"
	@echo "make audit  - known vulnerabilities in the NuGet and npm dependencies (needs the registries; CI runs it)"
	@echo "make synth  - synthesize the CDK stack offline into cdk.out/"
	@echo "make package- build the Native AOT bootstrap zip the stack deploys"
	@echo "make bench  - measure and rewrite BENCHMARKS.md"
	@echo "make export USER=id / make erase USER=id [API=https://…/prod] - one person's data (GDPR 15 and 17), local or signed"

# --- setup: everything a fresh clone needs, installed by the project itself -----------------------
$(STAMPS):
	@mkdir -p $@

$(STAMPS)/apt: | $(STAMPS)
	@scripts/install-system-packages.sh
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

$(STAMPS)/dotnet-restore: $(wildcard Directory.*.props) $(shell find src infra tests bench -name '*.csproj' 2>/dev/null) | $(STAMPS)
	dotnet restore LiveInsight.sln
	@touch $@

setup: $(STAMPS)/apt node_modules/.package-lock.json $(STAMPS)/dotnet-restore

build: setup
	dotnet build LiveInsight.sln -c $(CONFIGURATION) --no-restore -v minimal

# --- run ------------------------------------------------------------------------------------------
run: build tracker
	@scripts/run-local.sh

# --- test -----------------------------------------------------------------------------------------
# Every suite runs even when an earlier one fails, so one run reports everything; then any DynamoDB Local
# or local host a killed test process left behind in this checkout is stopped.
test: build tracker
	@status=0; \
	for suite in test-dotnet test-tracker test-browser test-nag check-glibc; do \
	  $(MAKE) --no-print-directory $$suite || status=1; \
	done; \
	scripts/stop-strays.sh; \
	exit $$status

test-dotnet:
	dotnet test LiveInsight.sln -c $(CONFIGURATION) --no-build --logger "console;verbosity=normal"

clean:
	rm -rf .local/stamps cdk.out dist artifacts
	dotnet clean LiveInsight.sln -v quiet

include $(wildcard mk/*.mk)
