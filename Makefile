# Convenience targets; the README's two commands are scripts/demo.sh and scripts/test.sh.
.PHONY: build test demo bench corpus
build:
	swift build
test:
	bash scripts/test.sh
demo:
	bash scripts/demo.sh
bench:
	bash Benchmarks/bench.sh
corpus: build
	python3 scripts/corpus_check.py
