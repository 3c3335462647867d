# pamphlet — make targets. `make demo` builds and converts a bundled
# sample; `make test` runs every test (validators skip when missing,
# except under CI=true).

GO        ?= go
BIN       := bin/pamphlet
DEMO      := samples/bakery-cooperative.txt
FUZZTIME  ?= 20s
# Inputs that find new coverage are not minimized (0): the pipeline's
# coverage varies between runs of one input (map order, caches filled on
# first use), and minimizing such inputs took the whole fuzzing time.
# Crashers are still reported and saved.
FUZZMINIMIZE ?= 0

.PHONY: build demo test vet fuzz bench clean

build:
	$(GO) build -trimpath -o $(BIN) .

demo: build
	@mkdir -p out
	$(BIN) inspect $(DEMO)
	$(BIN) convert --out-dir out $(DEMO)
	@ls -l out

test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }

# Run every fuzz target (readers, layout, XHTML, the whole pipeline) for
# FUZZTIME each.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; \
	    $(GO) test -run='^$$' -fuzz="^$$t$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=$(FUZZMINIMIZE) $$pkg || exit 1; \
	  done; \
	done

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

clean:
	rm -rf bin out
