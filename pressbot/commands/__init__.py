"""pressbot's own scrapy commands (COMMANDS_MODULE)."""
