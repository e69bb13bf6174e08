"""The site's tree and who may see what: depths of the tree (`tree`), the cached structure of
homes and sections used for routing and navigation (`structure`), serving a page routed from
it (`serving`), creating it (`setup`), view restrictions decided from the database
(`visibility`), and each page's versions in the other languages (`i18n`).
"""
