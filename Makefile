.PHONY: test lint bench demo

test:
	python -m pytest

lint:
	ruff check .
	ruff format --check .
	mypy

bench:
	python bench/bench_crawl.py
	python bench/bench_incremental.py
	python bench/bench_link.py
	python bench/bench_poll.py
	python bench/bench_extract.py

demo:
	scrapy demo
