"""A local mirror of the crawled sites, for tests, demos and offline work.

Layout (see README, "The local mirror"): `<root>/<host>/<path>`; a query
string is appended to the file name sorted (`sitemap_article.xml?date_end=…&date_start=…`);
a path that is also a folder keeps its own body in `<path>/.page`; a
sidecar `<file>.http` sets the status and headers; a `<host>/.vary` file
names request headers that select among `<file>[name=value;…]` variants.
"""
