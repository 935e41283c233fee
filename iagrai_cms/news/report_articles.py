"""Turning an accepted compliance report into a draft news article (issue 6, item 7).

A unit's accepted report is often the best positive story the district has: what a commune
did and its photos. A reviewer turns it into a *draft* article; the editors are told by
e-mail, edit it and submit it to the "Biên tập tin bài" workflow like any other article, and
only the editorial board's approval publishes it (docs/DECISIONS.md, "Evidence promotion").

It lives in the site package because it joins the two halves: compliance (directives_app,
which knows nothing of news) and the news pages. Reviewers usually hold no page permission
on the news tree, hence a service that creates the page itself instead of the page editor.

Photos: evidence originals sit in private storage byte for byte (their SHA-256 is the
proof) and often carry the phone's EXIF data, GPS position included. The originals of
Wagtail images are public files, so each photo is copied, never moved: decoded, turned
upright by its EXIF orientation, converted to sRGB, scaled to at most `MAX_SIDE` pixels and
re-encoded from bare pixels, which leaves every metadata block behind.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError
from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Page

from directives_app.compliance.dashboard_panels import is_reviewer
from directives_app.core.notifications import configured_channels
from directives_app.core.vietnamese import slugify_vi
from directives_app.models import ComplianceReport, Evidence, ReportStatus
from iagrai_cms import roles
from iagrai_cms.models import ArticleCategory, ArticlePage, CommuneNewsIndexPage, NewsIndexPage

logger = logging.getLogger(__name__)

# Longest side of a copied photo: the article's largest rendition is 1200 px wide, so this
# keeps room for 2x screens without publishing a 48-megapixel original.
MAX_SIDE = 2400
JPEG_QUALITY = 85
# The category an article from a report goes to, when the site has one by this name.
POSITIVE_CATEGORY = "Tin tích cực"
LOG_ACTION = "iagrai_cms.article_from_report"


class AlreadyPromoted(ValidationError):
    """The report was already turned into an article: `article` is that article."""

    def __init__(self, article: ArticlePage):
        self.article = article
        super().__init__(
            _("Báo cáo này đã được đưa thành tin bài “%(title)s”; không tạo thêm bản nháp.")
            % {"title": article.title},
            code="already_promoted",
        )


def may_promote(user) -> bool:
    """Reviewers (and administrators) turn accepted reports into draft articles."""
    return bool(user.is_active and user.is_authenticated and is_reviewer(user))


def article_for_report(report: ComplianceReport) -> ArticlePage | None:
    """The article drafted from this report, if any (it may have been published since)."""
    return ArticlePage.objects.filter(from_report=report).first()


def promotable_photos(report: ComplianceReport) -> QuerySet[Evidence]:
    """The photos the unit sent for review: files (not links), images, frozen by a
    submission (a photo added after acceptance was never reviewed)."""
    return (
        report.evidence.filter(
            kind=Evidence.Kind.FILE,
            submitted_at__isnull=False,
            content_type__startswith="image/",
        )
        .exclude(file="")
        .order_by("submitted_at", "uploaded_at", "pk")
    )


def target_section(report: ComplianceReport) -> Page:
    """The unit's commune section if it has one, else the district news index."""
    section = CommuneNewsIndexPage.objects.filter(unit_id=report.unit_id).first()
    if section is not None:
        return section
    index = NewsIndexPage.objects.first()
    if index is None:
        raise ValidationError(
            _("Cổng chưa có trang tin tức để đặt bản nháp; hãy tạo trang “Tin tức” trước."),
            code="no_news_index",
        )
    return index


def proposed_title(report: ComplianceReport) -> str:
    """ "<unit> thực hiện <subject of the directive>", within the title's length."""
    subject = report.directive.title.strip()
    first_word = subject.split(" ", 1)[0]
    # "Tuyên truyền, phổ biến…" reads on after "thực hiện"; an acronym ("UBND") stays.
    if subject and not (len(first_word) > 1 and first_word.isupper()):
        subject = subject[0].lower() + subject[1:]
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(unit)s thực hiện %(subject)s") % {
            "unit": report.unit.name,
            "subject": subject,
        }
    return _shorten(title, ArticlePage._meta.get_field("title").max_length)


def credit_for(report: ComplianceReport) -> str:
    """Who the photos are credited to (the figure shows "Ảnh: <credit>")."""
    return report.unit.name


def draft_article_from_report(
    report: ComplianceReport, user, evidence_ids: Iterable[int] | None = None
) -> ArticlePage:
    """Create a draft (never live) article from an accepted report, in one transaction.

    `evidence_ids`: the photos to use, among `promotable_photos(report)`; None: all of
    them; empty: a text-only article. Raises PermissionDenied for a non-reviewer,
    ValidationError (Vietnamese message) for a report that is not accepted, a photo that
    is not the report's or cannot be read, and AlreadyPromoted when the report already has
    its article. Nothing is kept on failure: rows roll back and copied files are deleted.
    The editors are e-mailed after the commit.
    """
    if not may_promote(user):
        raise PermissionDenied("Only reviewers turn reports into articles.")
    wanted = None if evidence_ids is None else {int(pk) for pk in evidence_ids}
    written: list[str] = []
    try:
        with transaction.atomic():
            article = _create(report, user, wanted, written)
    except BaseException:
        # The rows rolled back; the copied files did not.
        storage = get_image_model()._meta.get_field("file").storage
        for name in written:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not remove %s after a failed promotion", name)
        raise
    return article


def _create(report: ComplianceReport, user, wanted: set[int] | None, written: list[str]):
    # Locked: two reviewers promoting the same report at once make one article.
    report = (
        ComplianceReport.objects.select_for_update()
        .select_related("unit", "directive")
        .get(pk=report.pk)
    )
    if report.status != ReportStatus.ACCEPTED:
        raise ValidationError(
            _("Chỉ báo cáo đã được chấp nhận mới đưa thành tin bài được."), code="not_accepted"
        )
    existing = article_for_report(report)
    if existing is not None:
        raise AlreadyPromoted(existing)
    photos = list(promotable_photos(report))
    if wanted is not None:
        if wanted - {photo.pk for photo in photos}:
            raise ValidationError(
                _("Ảnh đã chọn không thuộc báo cáo này hoặc chưa được gửi thẩm định."),
                code="invalid_evidence",
            )
        photos = [photo for photo in photos if photo.pk in wanted]
    parent = target_section(report)
    category = _category()
    collection = report_collection() if photos else None
    images = [_public_copy(photo, report, user, collection, written) for photo in photos]
    credit = credit_for(report)

    title = proposed_title(report)
    with translation.override(settings.LANGUAGE_CODE):
        article = ArticlePage(
            title=title,
            # Room left for the "-2" of a namesake article in the same section.
            slug=find_available_slug(parent, slugify_vi(title)[:200].rstrip("-")),
            date=timezone.localdate(),
            category=category,
            summary=_summary(report),
            body=_body(report, photos[1:], images[1:], credit),
            author="",
            live=False,
            owner=user,
            from_report=report,
        )
        if images:
            article.image = images[0]
            article.image_caption = _with_credit(photos[0].caption, credit)
    parent.add_child(instance=article)
    revision = article.save_revision(user=user, log_action=False)
    log(instance=article, action="wagtail.create", user=user, revision=revision)
    data = {
        "report": report.pk,
        "unit": report.unit.name,
        "directive": report.directive.symbol,
        "article": article.pk,
        "title": article.title,
        "photos": len(images),
    }
    log(instance=article, action=LOG_ACTION, user=user, data=data)
    log(instance=report, action=LOG_ACTION, user=user, data=data)
    article_id = article.pk
    transaction.on_commit(lambda: notify_editors(article_id, user))
    return article


def _category() -> ArticleCategory:
    """ "Tin tích cực" when the site has it, else the first category (an article needs one;
    the editors change it)."""
    category = (
        ArticleCategory.objects.filter(name=POSITIVE_CATEGORY).first()
        or ArticleCategory.objects.order_by("sort_order", "name").first()
    )
    if category is None:
        raise ValidationError(
            _("Chưa có chuyên mục tin nào; Ban biên tập cần tạo chuyên mục trước."),
            code="no_category",
        )
    return category


# -- photos ----------------------------------------------------------------------------


def report_collection() -> Collection:
    """The image collection for photos from reports, created once under the root (which
    carries the editors' image permissions, so the collection inherits them)."""
    with translation.override(settings.LANGUAGE_CODE):
        name = _("Ảnh từ báo cáo kết quả")
    root = Collection.objects.select_for_update().get(pk=Collection.get_first_root_node().pk)
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


@dataclass
class _Encoded:
    data: bytes
    extension: str


def _public_copy(evidence: Evidence, report: ComplianceReport, user, collection, written):
    encoded = _clean_copy(evidence)
    with translation.override(settings.LANGUAGE_CODE):
        title = evidence.caption or _("Ảnh của %(unit)s (báo cáo %(symbol)s)") % {
            "unit": report.unit.name,
            "symbol": report.directive.symbol,
        }
    image = get_image_model()(
        title=_shorten(title, 255),
        description=_shorten(evidence.caption or title, 255),
        collection=collection,
        uploaded_by_user=user,
        file_size=len(encoded.data),
    )
    image.file = ImageFile(
        io.BytesIO(encoded.data),
        name=f"bao-cao-{report.pk}-{evidence.pk}.{encoded.extension}",
    )
    image.save()
    written.append(image.file.name)
    return image


def _clean_copy(evidence: Evidence) -> _Encoded:
    """The photo upright, in sRGB, at most MAX_SIDE, re-encoded without any metadata."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    try:
        with evidence.file.open("rb") as handle, PILImage.open(handle) as opened:
            picture = ImageOps.exif_transpose(opened)
            picture.thumbnail((MAX_SIDE, MAX_SIDE), PILImage.Resampling.LANCZOS)
            transparent = picture.mode in ("RGBA", "LA", "PA") or (
                picture.mode == "P" and "transparency" in picture.info
            )
            mode = "RGBA" if transparent else "RGB"
            picture = _to_srgb(picture, mode)
            # From bare pixels: no EXIF (GPS, camera, time), XMP, ICC or comment survives.
            bare = PILImage.frombytes(mode, picture.size, picture.tobytes())
    except (
        FileNotFoundError,
        UnidentifiedImageError,
        PILImage.DecompressionBombError,
        OSError,
        ValueError,
        SyntaxError,
    ) as error:
        raise ValidationError(
            _("Không đọc được ảnh “%(name)s” của báo cáo; hãy bỏ chọn ảnh này.")
            % {"name": evidence.original_name or evidence.file_name},
            code="unreadable_photo",
        ) from error
    buffer = io.BytesIO()
    if transparent:
        bare.save(buffer, "PNG", optimize=True)
        return _Encoded(buffer.getvalue(), "png")
    bare.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return _Encoded(buffer.getvalue(), "jpg")


def _to_srgb(picture: PILImage.Image, mode: str) -> PILImage.Image:
    icc = picture.info.get("icc_profile")
    if icc:
        try:
            return ImageCms.profileToProfile(
                picture,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                ImageCms.createProfile("sRGB"),
                outputMode=mode,
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: take the pixels as they are
    return picture.convert(mode)


# -- text ------------------------------------------------------------------------------


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-") + "…"


def _with_credit(caption: str, credit: str) -> str:
    credit_text = _("Ảnh: %(credit)s") % {"credit": credit}
    caption = caption.strip().rstrip(".")
    text = f"{caption}. {credit_text}" if caption else credit_text
    return _shorten(text, ArticlePage._meta.get_field("image_caption").max_length)


def _summary(report: ComplianceReport) -> str:
    limit = ArticlePage._meta.get_field("summary").max_length
    if report.summary.strip():
        return _shorten(report.summary, limit)
    directive = report.directive
    return _shorten(
        _("%(unit)s báo cáo kết quả thực hiện %(type)s số %(symbol)s: %(subject)s.")
        % {
            "unit": report.unit.name,
            "type": directive.type_label.lower(),
            "symbol": directive.symbol,
            "subject": directive.title,
        },
        limit,
    )


def _rich_text(heading: str, text: str) -> str:
    """A heading and the text's paragraphs (blank lines) and line breaks, escaped."""
    parts = [f"<h3>{escape(heading)}</h3>"] if heading else []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = [escape(line.strip()) for line in paragraph.splitlines() if line.strip()]
        if lines:
            parts.append("<p>" + "<br/>".join(lines) + "</p>")
    return "".join(parts)


def _body(report: ComplianceReport, photos: list[Evidence], images: list, credit: str):
    blocks = []
    for result in report.results.select_related("task"):
        if result.text.strip():
            blocks.append(("paragraph", _rich_text(result.task.display_heading, result.text)))
    if not blocks:  # no result was written out: the body still needs a paragraph
        blocks.append(("paragraph", _rich_text("", _summary(report))))
    for photo, image in zip(photos, images, strict=True):
        blocks.append(
            (
                "figure",
                {
                    "image": {
                        "image": image.pk,
                        "decorative": False,
                        "alt_text": image.description,
                    },
                    "caption": _shorten(photo.caption, 255),
                    "credit": _shorten(credit, 120),
                },
            )
        )
    return [{"type": kind, "value": value} for kind, value in blocks]


# -- the editors -----------------------------------------------------------------------


def notify_editors(article_id: int, promoted_by=None) -> int:
    """Tell the editors (group "Biên tập viên") that a draft waits for them, each in their
    admin language, through the configured channels. Returns how many messages went out;
    a channel that fails is logged, not raised (the draft is already saved)."""
    article = (
        ArticlePage.objects.select_related("from_report__unit", "from_report__directive")
        .filter(pk=article_id)
        .first()
    )
    if article is None:
        return 0
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[article.pk]
    )
    editors = (
        get_user_model()
        .objects.filter(groups__name=roles.EDITORS, is_active=True)
        .select_related("wagtail_userprofile")
        .distinct()
    )
    channels = configured_channels()
    sent = 0
    for editor in editors:
        profile = getattr(editor, "wagtail_userprofile", None)
        language = (profile and profile.preferred_language) or settings.LANGUAGE_CODE
        with translation.override(language):
            subject, body = _message(article, editor, promoted_by, url)
        for channel in channels:
            if not channel.reaches(editor):
                continue
            try:
                channel.send(editor, subject, body)
                sent += 1
            except Exception:
                logger.exception(
                    "Could not tell %s about article %s by %s", editor, article.pk, channel.name
                )
    return sent


def _message(article: ArticlePage, editor, promoted_by, url: str) -> tuple[str, str]:
    report = article.from_report
    unit = report.unit.name if report else article.source_unit_name
    subject = _("Bản nháp tin bài từ báo cáo của %(unit)s: %(title)s") % {
        "unit": unit,
        "title": article.title,
    }
    name = editor.get_full_name().strip() or editor.get_username()
    who = ""
    if promoted_by is not None:
        who = promoted_by.get_full_name().strip() or promoted_by.get_username()
    lines = [
        _("Kính gửi: %(name)s") % {"name": name},
        "",
        _(
            "%(who)s đã tạo bản nháp tin bài từ báo cáo kết quả thực hiện văn bản số "
            "%(symbol)s của %(unit)s (báo cáo đã được chấp nhận):"
        )
        % {
            "who": who or _("Người thẩm định"),
            "symbol": report.directive.symbol if report else "",
            "unit": unit,
        },
        "",
        "   " + article.title,
        "",
        _(
            "Đề nghị biên tập nội dung, kiểm tra ảnh và chú thích, rồi gửi Ban biên tập duyệt. "
            "Tin chỉ được đăng khi Ban biên tập duyệt."
        ),
        _("Sửa bản nháp: %(url)s") % {"url": url},
        "",
        "--",
        _("Thư gửi tự động từ %(site)s; xin đừng trả lời thư này.")
        % {"site": settings.WAGTAIL_SITE_NAME},
    ]
    return subject, "\n".join(lines) + "\n"
