.PHONY: test lint bench demo

test:
	python -m pytest

lint:
	ruff check .
	ruff format --check .

bench:
	python bench/bench_crawl.py

demo:
	scrapy demo
