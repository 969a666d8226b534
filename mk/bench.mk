# `make bench`: measures the collector (cold start, handler CPU, the real tracker's requests in Chromium, write
# units, throughput, cost) and rewrites BENCHMARKS.md and BENCHMARKS.json from that one run. Included by the root
# Makefile (build, tracker, CONFIGURATION come from there). Needs nothing running: the bench starts its own DynamoDB
# Local, fake Runtime API and local host on free ports, and bench/realistic/visits.mjs its own local stack and Chromium.

BENCH_DLL := bench/LiveInsight.Benchmarks/bin/$(CONFIGURATION)/net10.0/LiveInsight.Benchmarks.dll
# Read when make starts, so that the report can state how long the whole `make bench` took, build included.
BENCH_STARTED := $(shell date +%s.%N)
# Extra options for the bench program, e.g. BENCH_ARGS="--cold-runs 9 --repetitions 5".
# The CDK app is part of `make build`: the bench reads the access-log formats it deploys from its assembly.
BENCH_ARGS ?=

.PHONY: bench

# The AOT publish runs after the build, never beside it (both write the Function's obj/ folder).
bench: build tracker
	@$(MAKE) --no-print-directory publish-function
	dotnet $(BENCH_DLL) --configuration $(CONFIGURATION) --make-started $(BENCH_STARTED) $(BENCH_ARGS)
