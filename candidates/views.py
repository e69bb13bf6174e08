"""The directory's exports at their public URLs, served as any page is."""

from core.site.serving import serve


def export(request, path, file_format):
    """`<directory path>export.csv` served as the directory's route `export.csv/`: routed from
    the cached site structure, then Wagtail's serve with all its hooks (view restrictions, the
    second factor); any other page at `path` has no such route and answers 404."""
    return serve(request, f"{path}export.{file_format}/")
