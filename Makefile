# Cohort: `make run` builds and starts the portal on SQLite with demo data;
# `make test` runs every test suite. Both install what they need first.
BUILD      := build
DB         := sqlite:data/cohort.db
LISTEN     := 127.0.0.1:8080
WEB_INPUTS := $(shell find web/src web/index.html web/vite.config.ts web/package-lock.json web/public -type f 2>/dev/null)

.PHONY: run test build deps deps-test deps-bench cpp web bench clean

run: deps build
	@./$(BUILD)/cohort demo --db $(DB) --if-empty
	@echo "Open http://$(LISTEN) (Ctrl-C stops)"
	@./$(BUILD)/cohort serve --db $(DB) --listen $(LISTEN) --web-root web/dist

test: deps-test build
	@tools/run-tests.sh

build: cpp web

deps:
	@tools/deps.sh build
deps-test:
	@tools/deps.sh test
deps-bench:
	@tools/deps.sh bench

$(BUILD)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

cpp: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j2

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web: web/dist/index.html
web/dist/index.html: web/node_modules/.package-lock.json $(WEB_INPUTS)
	cd web && npm run build

bench: deps-bench build
	@bench/run.sh

clean:
	rm -rf $(BUILD) web/dist
