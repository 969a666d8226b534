# The JavaScript tracker: build (minify + gzip budget), unit tests and browser tests. Included by the root Makefile.
TRACKER_SRC := $(wildcard tracker/src/*.js)
TRACKER_MIN := tracker/dist/liveinsight.min.js
TRACKER_GZIP_LIMIT ?= 2048

.PHONY: tracker test-tracker test-browser

tracker: $(TRACKER_MIN)

# Rebuilt only when a source changes; a build over the gzip budget is deleted so the next make fails again.
$(TRACKER_MIN): $(TRACKER_SRC) tracker/check-size.mjs | node_modules/.package-lock.json
	npx --no-install esbuild tracker/src/liveinsight.js --bundle --minify --format=iife --target=es2019 --log-level=warning --outfile=$@
	@node tracker/check-size.mjs $@ $(TRACKER_GZIP_LIMIT) || { rm -f $@; exit 1; }

test-tracker: | node_modules/.package-lock.json
	node --test tracker/test/*.test.mjs

# Starts its own DynamoDB Local and host (scripts/run-local.sh) on free ports; needs `make build` first.
test-browser: $(TRACKER_MIN) | $(STAMPS)/apt node_modules/.package-lock.json
	node --test --test-concurrency=1 tests/browser/*.test.mjs
