"""Admin widgets shared by every page type."""

from wagtail.admin.widgets import AdminAutoHeightTextInput


class TitleInput(AdminAutoHeightTextInput):
    """A page title on as many lines as it needs (an appeal's title runs to 150 characters;
    a one-line field showed 40), still one line of text: line breaks typed or pasted
    become spaces."""

    def __init__(self, attrs=None):
        super().__init__({"maxlength": 255, **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return " ".join(value.split()) if isinstance(value, str) else value
