"""Wagtail's `image`, `srcset_image` and `picture` tags, leaving the image out (with a warning
in the log) when a rendition cannot be made, instead of a broken image or a server error.

Same syntax as `wagtailimages_tags`; load `media_tags` instead.
"""

from django import template
from wagtail.images.models import Picture, ResponsiveImage
from wagtail.images.templatetags import wagtailimages_tags as wagtail_tags

from core.images import rendition_or_none, renditions_or_none

register = template.Library()


class _LeaveOutMixin:
    # A node's filters are parsed once, not on every render: a Filter works out its operations
    # (with `inspect`) on first use and keeps them, so a listing of two dozen pictures no
    # longer parses the same specs a hundred times.
    def get_filter(self):
        if "_filter" not in self.__dict__:
            self._filter = super().get_filter()
        return self._filter

    def get_filters(self):
        if "_filters" not in self.__dict__:
            self._filters = super().get_filters()
        return self._filters

    def _resolved_attrs(self, context):
        return {key: value.resolve(context) for key, value in self.attrs.items()}

    def _left_out(self, context):
        if self.output_var_name:
            context[self.output_var_name] = None
        return ""


class ImageNode(_LeaveOutMixin, wagtail_tags.ImageNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        rendition = rendition_or_none(image, self.get_filter())
        if rendition is None:
            return self._left_out(context)
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        return rendition.img_tag(self._resolved_attrs(context))


class SrcsetImageNode(_LeaveOutMixin, wagtail_tags.SrcsetImageNode):
    wrapper = ResponsiveImage

    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = renditions_or_none(image, self.get_filters())
        if renditions is None:
            return self._left_out(context)
        if self.output_var_name:
            context[self.output_var_name] = self.wrapper(renditions)
            return ""
        return self.wrapper(renditions, self._resolved_attrs(context)).__html__()


class PictureNode(SrcsetImageNode):
    wrapper = Picture


_NODES = {
    wagtail_tags.ImageNode: ImageNode,
    wagtail_tags.SrcsetImageNode: SrcsetImageNode,
    wagtail_tags.PictureNode: PictureNode,
}


def image(parser, token):
    """Wagtail's parser (its syntax checks included), then our node."""
    node = wagtail_tags.image(parser, token)
    node.__class__ = _NODES[type(node)]
    return node


register.tag("image", image)
register.tag("srcset_image", image)
register.tag("picture", image)
