"""Pure helpers: URLs, text and time, with no Scrapy or database in them."""
