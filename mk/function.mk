# The Lambda function as deployed: a Native AOT `bootstrap` for provided.al2023, zipped for the CDK stack.
# Included by the root Makefile (CONFIGURATION comes from there).

ARCH ?= $(shell uname -m)
FUNCTION_RID := $(strip \
  $(if $(filter x86_64 amd64,$(ARCH)),linux-x64) \
  $(if $(filter aarch64 arm64,$(ARCH)),linux-arm64))
FUNCTION_DIR := artifacts/function/$(FUNCTION_RID)
FUNCTION_BOOTSTRAP := $(FUNCTION_DIR)/bootstrap
FUNCTION_ZIP := artifacts/function.zip
# Publishing takes a minute; redo it only when something the function is built from has changed.
FUNCTION_INPUTS := $(shell find src -path '*/bin' -prune -o -path '*/obj' -prune -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.html' \) -print 2>/dev/null) \
  $(wildcard Directory.*.props global.json) node_modules/isbot/package.json scripts/bot-patterns.mjs

.PHONY: publish-function package check-glibc

publish-function: $(FUNCTION_BOOTSTRAP)

# -warnaserror covers the trimming/AOT analysis (IL2xxx/IL3xxx) that ILCompiler reports only at publish.
$(FUNCTION_BOOTSTRAP): $(FUNCTION_INPUTS)
	@if [ -z "$(FUNCTION_RID)" ]; then echo "ARCH=$(ARCH) is not supported; use x86_64 or arm64" >&2; exit 1; fi
	dotnet publish src/LiveInsight.Function -c $(CONFIGURATION) -r $(FUNCTION_RID) -o $(FUNCTION_DIR) \
		-warnaserror -p:TreatWarningsAsErrors=true -v minimal
	@touch $@

# check-glibc first: a bootstrap that cannot start on Amazon Linux 2023 must never reach a zip.
# The zip gets a fixed timestamp so an unchanged bootstrap gives an identical zip, and CDK (which hashes
# the asset) does not redeploy the function for nothing.
package: publish-function check-glibc
	@rm -rf $(FUNCTION_ZIP) $(FUNCTION_DIR)/zip && mkdir -p $(FUNCTION_DIR)/zip
	@cp $(FUNCTION_BOOTSTRAP) $(FUNCTION_DIR)/zip/bootstrap && TZ=UTC touch -d '1980-01-01 00:00:00' $(FUNCTION_DIR)/zip/bootstrap
	TZ=UTC zip -j -X $(FUNCTION_ZIP) $(FUNCTION_DIR)/zip/bootstrap
	@echo "$(FUNCTION_ZIP): $$(du -h $(FUNCTION_ZIP) | cut -f1) ($(FUNCTION_RID))"

check-glibc: publish-function
	@scripts/check-glibc.sh $(FUNCTION_BOOTSTRAP)
