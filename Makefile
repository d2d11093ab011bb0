# rts-lsp: the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
BIN     := bin/rts-lsp
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
export CGO_ENABLED := 1

.PHONY: all build run test bench fuzz conformance differential spectest e2e vsix clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/rts-lsp

# The main job on the bundled examples: what an editor would show, printed.
run: build
	@./scripts/run-examples.sh $(BIN)

test:
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 20m ./...

# Go benchmarks; peers are measured in the same run (see README "Performance").
# BENCHTIME=3x for a quick pass.
BENCHTIME ?= 1s
bench: build
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) -timeout 30m ./...
	cd bench/peers && $(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME)

# Short fuzz runs of every fuzz target (FUZZTIME=10m for a long one).
FUZZTIME ?= 20s
fuzz:
	@./scripts/fuzz-all.sh $(FUZZTIME)

# Agreement of the WGSL checker with the WebGPU CTS expectations in ../shared/conformance.
conformance:
	$(GO) run ./analysis/wgsl/internal/conformance $(or $(CTS),../shared/conformance/wgsl-cts.jsonl)

# The checker's verdicts against a real compiler (Tint by default; ORACLE=naga29|naga19) on token-level
# mutants of the repo's shaders. Needs ../shared/tools/wgsl-oracles built (its setup.sh); skips otherwise.
N ?= 2000
SEED ?= 1
ORACLE ?= tint
differential:
	$(GO) run ./analysis/wgsl/internal/differential -n $(N) -seed $(SEED) -oracle $(ORACLE)

# The WebAssembly MVP spec suite (shipped inside the wazero module) on the GPU VM.
spectest:
	$(GO) test -count=1 -run 'TestSpec' -v ./vm/

# Real editors (Neovim headless, code-server in headless Chromium) against the real server.
e2e: build
	./editors/e2e.sh

vsix: build
	$(MAKE) -C editors/vscode vsix

clean:
	rm -rf bin
