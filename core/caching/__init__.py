"""The page cache and what keeps it exact: responses stored per path generation (`page_cache`),
the pieces of pages kept between renders under the same versions (`fragments`), and which
paths each publishing event purges here and in front (`invalidation`).
"""
