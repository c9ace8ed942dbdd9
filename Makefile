# kensa's front door. Every target installs missing Debian packages first when run as root,
# and otherwise prints the apt-get line to run (scripts/deps.sh).
#   make / make build   Release binaries in build/bin/ (kensa, kensa-aws-emulator) and the web
#                       console in build/share/kensa/console (scripts/build-console.sh)
#   make test           release + dev (ASan+UBSan) builds, all tests incl. PostgreSQL contract
#   make demo           build, then start kensa with a demo database (scripts/demo.sh)
#   make lint           insecure-API and include-layer gates;  make format / format-check   clang-format 14
#   make bench          benchmarks (bench/run.sh);  make clean
SHELL := /bin/bash
JOBS ?= 2

.DEFAULT_GOAL := build
.PHONY: all build console openapi deps test demo format format-check lint bench clean

all: build

deps:
	@bash scripts/deps.sh install

build: deps
	cmake --preset release
	cmake --build --preset release -j$(JOBS)
	bash scripts/build-console.sh build

console:
	bash scripts/build-console.sh build

# Regenerates the console's copy of the OpenAPI document from the built kensa.
openapi:
	build/bin/kensa openapi > web/src/api/openapi.json

test: deps
	KENSA_JOBS=$(JOBS) bash scripts/run-tests.sh

demo: build
	bash scripts/demo.sh

format:
	bash scripts/format.sh fix

format-check:
	bash scripts/format.sh check

lint:
	bash scripts/check-banned-apis.sh
	bash scripts/check-include-layers.sh

bench: build
	@if [ -f bench/run.sh ]; then bash bench/run.sh; \
	else echo "make bench: bench/run.sh does not exist yet" >&2; exit 1; fi

clean:
	rm -rf build build-dev build-tsan
