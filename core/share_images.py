"""The image a page shows when its link is shared (Open Graph, Twitter, JSON-LD).

Link previews want 1200×630. Wagtail's `fill-1200x630` never enlarges, so a 960-pixel news
picture gave 960×504 and a 480×600 portrait a 480×252 strip across the face. The `share`
operation always gives the exact size: a picture close to it is cropped around its focal
point and scaled (up by at most MAX_UPSCALE), anything else (a portrait, a small image) is
shown whole, scaled to fit, on the site's blue. A page without a picture of its own shares
the site's card (static/img/share.png, 1200×630).
"""

from dataclasses import dataclass

from django.templatetags.static import static
from wagtail.images.image_operations import FillOperation, FilterOperation

from core.images import rendition_or_none
from core.site.addresses import public_url
from core.structured_data import site_name

SHARE_SIZE = (1200, 630)
SHARE_SPEC = "share-{}x{}|format-jpeg".format(*SHARE_SIZE)
# The site's own card, drawn at SHARE_SIZE.
DEFAULT_SHARE_IMAGE = "img/share.png"
# Enlarging more than this blurs: such pictures are fitted on the background instead.
MAX_UPSCALE = 1.5
BACKGROUND = (0, 80, 127)  # --blue in static/css/site.css


class ShareCardOperation(FilterOperation):
    """`share-<width>x<height>`: exactly that size (see the module's docstring)."""

    # The crop follows the focal point, so a rendition is made again when it moves.
    vary_fields = FillOperation.vary_fields

    def construct(self, size):
        width, height = size.split("x")
        self.width, self.height = int(width), int(height)

    def run(self, willow, image, env):
        from PIL import Image as PillowImage
        from willow.plugins.pillow import PillowImage as WillowPillowImage

        picture = willow.get_pillow_image()
        width, height = picture.size
        cover = max(self.width / width, self.height / height)
        if cover <= MAX_UPSCALE:
            card = self._crop(picture, image.get_focal_point()).resize(
                (self.width, self.height), PillowImage.Resampling.LANCZOS
            )
        else:
            fit = min(self.width / width, self.height / height)
            size = (max(1, round(width * fit)), max(1, round(height * fit)))
            shown = picture.convert("RGBA").resize(size, PillowImage.Resampling.LANCZOS)
            card = PillowImage.new("RGB", (self.width, self.height), BACKGROUND)
            card.paste(shown, ((self.width - size[0]) // 2, (self.height - size[1]) // 2), shown)
        return WillowPillowImage(card)

    def _crop(self, picture, focal_point):
        """The largest box of the card's proportions, centred on the focal point as far as
        the picture allows."""
        width, height = picture.size
        aspect = self.width / self.height
        box_width, box_height = min(width, height * aspect), min(height, width / aspect)
        if focal_point is not None:
            centre_x, centre_y = focal_point.centroid
        else:
            centre_x, centre_y = width / 2, height / 2
        left = min(max(centre_x - box_width / 2, 0), width - box_width)
        top = min(max(centre_y - box_height / 2, 0), height - box_height)
        return picture.crop(
            (round(left), round(top), round(left + box_width), round(top + box_height))
        )


@dataclass
class ShareImage:
    url: str  # absolute
    width: int
    height: int
    alt: str


def share_image(page, request=None):
    """The page's share image (kept on the request: the head and the JSON-LD both ask)."""
    known = getattr(request, "_share_images", None)
    if known is None:
        known = {}
        if request is not None:
            request._share_images = known
    key = getattr(page, "pk", None)
    if key not in known:
        known[key] = _find_share_image(page)
    return known[key]


def _find_share_image(page):
    picture = page.get_social_image() if page else None
    rendition = rendition_or_none(picture, SHARE_SPEC)
    if rendition is not None:
        alt = page.get_social_image_alt() or page.title
        return ShareImage(public_url(rendition.url), rendition.width, rendition.height, alt)
    return ShareImage(public_url(static(DEFAULT_SHARE_IMAGE)), *SHARE_SIZE, site_name())
