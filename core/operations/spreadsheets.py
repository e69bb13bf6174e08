"""CSV that is safe to open in a spreadsheet program.

A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some programs
skip before reading the formula) is run as a formula when the file is opened: a candidate's
occupation or a page title typed as `=HYPERLINK(...)` would run on a moderator's machine.
OWASP's advice ("CSV Injection") is applied to every cell this site writes to CSV: such a cell
gets a leading apostrophe, which spreadsheet programs show as text and do not evaluate. The
`csv` module then quotes the cell as needed. XLSX exports are already safe (Wagtail stores
formula-looking strings as text).
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value` with a leading apostrophe when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_row(row):
    return {key: neutralise(value) for key, value in row.items()}


def install_safe_wagtail_csv_exports():
    """Wagtail's spreadsheet exports (its reports, form submissions, our translation status
    report) write CSV cells as given; neutralise them too. The override is checked by
    tests/security/test_csv_exports_safe.py."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    stock = SpreadsheetExportMixin.preprocess_field_value
    if getattr(stock, "formula_safe", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        processed = stock(self, field, value, export_format)
        return neutralise(processed) if export_format == self.FORMAT_CSV else processed

    preprocess_field_value.formula_safe = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
