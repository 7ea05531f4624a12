"""The blocks an article body is made of: paragraphs, crossheads, quotes, pictures, embeds."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# Headings inside paragraphs would break the page's heading order; crossheads are their own block.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]
NO_ALT_TEXT = "This photo has no alt text. Edit the photo and describe what it shows."


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, help_text="Who said it, e.g. a name and role.")

    class Meta:
        icon = "openquote"
        template = "news/blocks/quote.html"


class PictureBlock(blocks.StructBlock):
    photo = ImageChooserBlock()
    caption = blocks.TextBlock(required=False, help_text="Leave empty to use the photo's caption.")
    credit = blocks.CharBlock(required=False, help_text="Leave empty to use the photo's credit.")

    class Meta:
        icon = "image"
        template = "news/blocks/picture.html"

    def clean(self, value: blocks.StructValue) -> blocks.StructValue:
        value = super().clean(value)
        photo = value.get("photo")
        if photo is not None and not photo.description.strip():
            raise StructBlockValidationError({"photo": ValidationError(NO_ALT_TEXT)})
        return value


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, template="news/blocks/paragraph.html"
    )
    crosshead = blocks.CharBlock(
        max_length=120,
        icon="title",
        help_text="A subheading inside the story.",
        template="news/blocks/crosshead.html",
    )
    quote = QuoteBlock()
    picture = PictureBlock()
    embed = EmbedBlock(
        help_text="A link to a post or video, e.g. on YouTube or Bluesky.",
        template="news/blocks/embed.html",
    )
