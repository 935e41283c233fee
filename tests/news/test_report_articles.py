"""Evidence promotion (issue 6, item 7): a reviewer turns an accepted compliance report into
a draft article (photos copied into Wagtail images without their EXIF, credited to the
unit), which then goes through the editorial workflow like any article. Driven through the
admin as the users would."""

from __future__ import annotations

import hashlib
import io

import pytest
from admin_english import findings, visible_texts
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, PageLogEntry
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)
from wagtail.users.models import UserProfile

from directives_app.models import ComplianceReport, Evidence, ReportStatus
from iagrai_cms.models import ArticleCategory, ArticlePage, CommuneNewsIndexPage, NewsIndexPage

SEED = "972/UBND-VHTT"
COLLECTION = "Ảnh từ báo cáo kết quả"
GPS = ExifTags.IFD.GPSInfo
ORIENTATION = 0x0112
NOT_ACCEPTED = "Chỉ báo cáo đã được chấp nhận mới đưa thành tin bài được."


def seed_report(unit_code: str) -> ComplianceReport:
    return ComplianceReport.objects.get(directive__symbol=SEED, unit__code=unit_code)


def promote_url(report) -> str:
    return f"/admin/bao-cao/{report.pk}/dua-tin/"


def edit_url(report) -> str:
    return f"/admin/snippets/directives_app/compliancereport/edit/{report.pk}/"


def review_url(report) -> str:
    return f"/admin/bao-cao/{report.pk}/tham-dinh/"


def seen(report) -> dict:
    """The review step and revision the reviewer's page shows (posted with a decision)."""
    state = type(report).objects.get(pk=report.pk).current_workflow_task_state
    return {"task_state": state.pk, "revision": state.revision_id}


def photo(name: str, size=(64, 48), colour=(200, 30, 30), gps=False) -> SimpleUploadedFile:
    """A JPEG from a phone: with `gps`, the position of the commune and an orientation tag
    saying the camera was turned (the picture must be rotated 90° to stand upright)."""
    picture = PILImage.new("RGB", size, colour)
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    if gps:
        exif[ORIENTATION] = 6
        position = exif.get_ifd(GPS)
        position.update({1: "N", 2: (13.0, 59.0, 30.0), 3: "E", 4: (107.0, 58.0, 12.0)})
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf(name: str = "ke-hoach.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def report_data(report, **extra) -> dict:
    data = {"summary": "Xã đã tuyên truyền đến 12 thôn, làng.", "new_caption": "", "new_links": ""}
    for number, result in enumerate(report.results.all()):
        data[f"result_{result.task_id}_outcome"] = "done"
        data[f"result_{result.task_id}_text"] = (
            "Phát 300 tờ rơi <Bộ quy tắc> & họp dân.\nLoa truyền thanh phát 2 lần/ngày."
            if number == 0
            else "Lập trang Zalo của xã."
        )
    data.update(extra)
    return data


@pytest.fixture
def accepted_report(client_for) -> ComplianceReport:
    """Xã Ia Bă's report, drafted with two photos (one with GPS), a PDF and a link,
    submitted by the head and accepted by the reviewer, all through the admin."""
    report = seed_report("xa-ia-ba")
    head = client_for("xa-ia-ba.truong")
    first = head.post(
        edit_url(report),
        report_data(
            report,
            new_photos=[photo("lang.jpg", gps=True)],
            new_caption="Cán bộ xã tuyên truyền tại làng Ia Bă",
        ),
    )
    assert first.status_code == 302
    submitted = head.post(
        edit_url(report),
        report_data(
            report,
            new_photos=[photo("loa.jpg", colour=(30, 90, 160))],
            new_files=[pdf()],
            new_caption="Loa truyền thanh của xã",
            new_links="https://zalo.me/iaba/post/1 | Bài đăng trên Zalo",
            **{"action-submit": "1"},
        ),
    )
    assert submitted.status_code == 302
    accepted = client_for("thamdinh").post(
        review_url(report), {"action": "approve", "approve-comment": "Đạt.", **seen(report)}
    )
    assert accepted.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert report.evidence.count() == 4
    return report


def body_form_data(article: ArticlePage) -> dict:
    """The body as the editor's browser posts it (the StreamField widget builds these
    fields in JavaScript, so they are not in the page's HTML)."""
    blocks = []
    for block in article.body.raw_data:
        value = block["value"]
        if block["type"] == "paragraph":
            blocks.append(("paragraph", rich_text(value)))
        else:
            image = {"image": value["image"]["image"], "alt_text": value["image"]["alt_text"]}
            blocks.append(("figure", {**value, "image": image}))
    return nested_form_data({"body": streamfield(blocks)})


def counts() -> tuple[int, int]:
    return ArticlePage.objects.count(), get_image_model().objects.count()


def exif_of(field_file) -> PILImage.Exif:
    with field_file.open("rb") as handle, PILImage.open(handle) as picture:
        picture.load()
        return picture.getexif()


@pytest.mark.django_db
def test_reviewer_turns_an_accepted_report_into_one_draft_article(
    client, client_for, accepted_report, django_capture_on_commit_callbacks
):
    report = accepted_report
    originals = {
        evidence.pk: hashlib.sha256(evidence.file.open("rb").read()).hexdigest()
        for evidence in report.evidence.exclude(file="")
    }
    gps_photo = report.evidence.get(original_name="lang.jpg")
    assert exif_of(gps_photo.file).get_ifd(GPS)  # the unit's original carries the position
    articles_before, images_before = counts()
    reviewer = client_for("thamdinh")

    form = reviewer.get(promote_url(report))
    assert form.status_code == 200
    html = form.content.decode()
    assert "Tạo bản nháp tin bài" in html
    photos = report.evidence.filter(content_type="image/jpeg")
    for evidence in photos:  # both photos offered, ticked, shown through the private preview
        assert f'value="{evidence.pk}" checked' in html
        assert f"/tep/minh-chung/{evidence.pk}/xem/" in html
    pdf_row = report.evidence.get(content_type="application/pdf")
    assert f'value="{pdf_row.pk}"' not in html

    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(promote_url(report), {"evidence": [e.pk for e in photos]})
    # Reviewers cannot edit pages: back to the screen, which now names the draft.
    assert response.status_code == 302
    assert response["Location"] == promote_url(report)

    article = ArticlePage.objects.get(from_report=report)
    assert counts() == (articles_before + 1, images_before + 2)
    assert not article.live and article.has_unpublished_changes
    assert article.get_parent().pk == CommuneNewsIndexPage.objects.get(unit=report.unit).pk
    assert article.source_unit == report.unit
    assert article.title.startswith("Xã Ia Bă thực hiện tăng cường quản lý thông tin")
    assert article.summary == "Xã đã tuyên truyền đến 12 thôn, làng."
    assert article.owner.username == "thamdinh" and article.author == ""
    assert article.latest_revision is not None

    images = list(get_image_model().objects.filter(collection__name=COLLECTION).order_by("pk"))
    assert len(images) >= 2 and article.image in images
    assert article.image.title == "Cán bộ xã tuyên truyền tại làng Ia Bă"
    assert article.image_caption == "Cán bộ xã tuyên truyền tại làng Ia Bă. Ảnh: Xã Ia Bă"
    # The photo is upright (orientation applied) and has no EXIF at all, GPS included.
    assert (article.image.width, article.image.height) == (48, 64)
    copied = exif_of(article.image.file)
    assert not copied.get_ifd(GPS) and ORIENTATION not in copied and len(copied) == 0

    body = article.body.raw_data
    paragraphs = [block["value"] for block in body if block["type"] == "paragraph"]
    figures = [block["value"] for block in body if block["type"] == "figure"]
    assert "<h3>" in paragraphs[0]
    assert "Phát 300 tờ rơi &lt;Bộ quy tắc&gt; &amp; họp dân.<br/>Loa truyền thanh" in paragraphs[0]
    # The featured photo is not repeated; the other one is a figure credited to the unit.
    assert [figure["credit"] for figure in figures] == ["Xã Ia Bă"]
    assert figures[0]["caption"] == "Loa truyền thanh của xã"
    assert figures[0]["image"]["image"] != article.image.pk

    # The private evidence is untouched.
    for evidence in report.evidence.exclude(file=""):
        assert hashlib.sha256(evidence.file.open("rb").read()).hexdigest() == originals[evidence.pk]
    assert exif_of(gps_photo.file).get_ifd(GPS)
    assert Evidence.objects.filter(report=report).count() == 4

    # A draft is not public.
    assert client.get(article.url).status_code == 404

    # Logged on the article and on the report; the editors were told where to edit it.
    assert PageLogEntry.objects.filter(
        page=article, action="iagrai_cms.article_from_report"
    ).exists()
    assert ModelLogEntry.objects.filter(
        object_id=str(report.pk), action="iagrai_cms.article_from_report"
    ).exists()
    to_editor = [message for message in mail.outbox if "bientap@example.gov.vn" in message.to[0]]
    assert len(to_editor) == 1
    assert article.title in to_editor[0].subject
    assert f"/admin/pages/{article.pk}/edit/" in to_editor[0].body
    assert not any("banbientap@" in message.to[0] for message in mail.outbox)

    after = reviewer.get(promote_url(report)).content.decode()
    assert "Đã tạo bản nháp tin bài" in after  # the success message
    assert "Báo cáo này đã được đưa thành tin bài" in after and article.title in after

    # A second promotion creates nothing and says so.
    again = reviewer.post(promote_url(report), {"evidence": [e.pk for e in photos]})
    assert again.status_code == 409
    assert "đã được đưa thành tin bài" in again.content.decode()
    assert counts() == (articles_before + 1, images_before + 2)


@pytest.mark.django_db
@pytest.mark.parametrize("unit_code", ["xa-ia-o", "xa-ia-to", "xa-ia-krai"])
def test_report_not_accepted_is_refused_in_vietnamese(client_for, unit_code):
    report = seed_report(unit_code)  # demo: returned, submitted, draft
    assert report.status != ReportStatus.ACCEPTED
    reviewer = client_for("thamdinh")
    before = counts()
    page = reviewer.get(promote_url(report))
    assert page.status_code == 400
    assert NOT_ACCEPTED in page.content.decode()
    photos = [e.pk for e in report.evidence.all()]
    response = reviewer.post(promote_url(report), {"evidence": photos})
    assert response.status_code == 400
    assert NOT_ACCEPTED in response.content.decode()
    assert counts() == before
    assert not ArticlePage.objects.filter(from_report=report).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username",
    ["tt-ia-kha.canbo", "tt-ia-kha.truong", "bientap", "banbientap", "lanhdao", "vanthu", "congan"],
)
def test_non_reviewers_get_404(client_for, username):
    report = seed_report("tt-ia-kha")  # demo: accepted; the first two are its own officers
    assert report.status == ReportStatus.ACCEPTED
    user = client_for(username)
    before = counts()
    assert user.get(promote_url(report)).status_code == 404
    assert user.post(promote_url(report), {}).status_code == 404
    assert counts() == before


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_the_login(client):
    report = seed_report("tt-ia-kha")
    before = counts()
    response = client.post(promote_url(report), {})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert counts() == before


@pytest.mark.django_db
def test_unknown_report_is_404_for_a_reviewer(client_for):
    assert client_for("thamdinh").get("/admin/bao-cao/999999/dua-tin/").status_code == 404


@pytest.mark.django_db
def test_no_photo_ticked_makes_a_text_only_article_in_the_district_news(client_for):
    report = seed_report("phong-vhtt")  # demo: accepted; an office, no commune section
    images_before = get_image_model().objects.count()
    response = client_for("thamdinh").post(promote_url(report), {})
    assert response.status_code == 302
    article = ArticlePage.objects.get(from_report=report)
    assert article.get_parent().pk == NewsIndexPage.objects.get().pk
    assert article.image is None and article.image_caption == ""
    assert [block.block_type for block in article.body] == ["paragraph", "paragraph"]
    assert get_image_model().objects.count() == images_before


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["another report's photo", "abc"])
def test_a_photo_of_another_report_is_refused_and_nothing_saved(client_for, bad):
    report = seed_report("phong-vhtt")
    other = seed_report("tt-ia-kha").evidence.first()
    value = other.pk if bad == "another report's photo" else bad
    before = counts()
    response = client_for("thamdinh").post(promote_url(report), {"evidence": [value]})
    assert response.status_code == 400
    content = response.content.decode()
    assert "không thuộc báo cáo này" in content or "không phải mã ảnh hợp lệ" in content
    assert counts() == before


@pytest.mark.django_db
def test_a_photo_that_cannot_be_read_is_refused_and_no_file_is_left(client_for):
    report = seed_report("phong-vhtt")  # demo: accepted, two good photos
    good = report.evidence.order_by("pk").first()
    # A stored photo that no longer decodes (damaged storage): the upload check would
    # refuse such a file, so it is written here directly, under a name of its own.
    broken = Evidence(
        report=report,
        original_name="hong.jpg",
        content_type="image/jpeg",
        size=20,
        submitted_at=good.submitted_at,
    )
    broken.file.save("hong.jpg", ContentFile(b"\xff\xd8\xff\xe0 not a jpeg"), save=False)
    broken.save()
    storage = get_image_model()._meta.get_field("file").storage
    files_before = set(storage.listdir("original_images")[1])
    before = counts()
    response = client_for("thamdinh").post(promote_url(report), {"evidence": [good.pk, broken.pk]})
    assert response.status_code == 400
    assert "Không đọc được ảnh “hong.jpg”" in response.content.decode()
    assert counts() == before
    # The good photo was copied before the broken one failed: its file is gone again.
    assert set(storage.listdir("original_images")[1]) == files_before


@pytest.mark.django_db
def test_links_to_the_screen_where_reviewers_see_accepted_reports(client_for):
    accepted, submitted = seed_report("tt-ia-kha"), seed_report("xa-ia-to")
    listing = "/admin/snippets/directives_app/compliancereport/?status=accepted"
    html = client_for("thamdinh").get(listing).content.decode()
    assert promote_url(accepted) in html
    assert promote_url(submitted) not in html
    # The unit's own officers see their accepted report without the link.
    own = client_for("tt-ia-kha.truong").get(listing).content.decode()
    assert str(accepted.unit) in own and promote_url(accepted) not in own
    # The report's editor (header panel), for an administrator.
    assert promote_url(accepted) in client_for("admin").get(edit_url(accepted)).content.decode()
    assert (
        promote_url(submitted) not in client_for("admin").get(edit_url(submitted)).content.decode()
    )


@pytest.mark.django_db
def test_accepting_offers_the_article_in_the_success_message(client_for):
    report = seed_report("xa-ia-to")  # demo: submitted
    reviewer = client_for("thamdinh")
    response = reviewer.post(
        review_url(report), {"action": "approve", "approve-comment": "", **seen(report)}
    )
    assert response.status_code == 302
    dashboard = reviewer.get(response["Location"]).content.decode()
    assert "Đã chấp nhận báo cáo của Xã Ia Tô" in dashboard
    assert promote_url(report) in dashboard


@pytest.mark.django_db
def test_administrator_goes_straight_to_the_draft(client_for):
    report = seed_report("tt-ia-kha")
    response = client_for("admin").post(promote_url(report), {})
    article = ArticlePage.objects.get(from_report=report)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{article.pk}/edit/"


@pytest.mark.django_db
def test_draft_goes_through_the_editorial_workflow_and_is_published_with_its_credit(
    client, client_for
):
    report = seed_report("tt-ia-kha")  # demo: accepted, two photos
    photos = [evidence.pk for evidence in report.evidence.all()]
    assert len(photos) == 2
    response = client_for("thamdinh").post(promote_url(report), {"evidence": photos})
    assert response.status_code == 302
    article = ArticlePage.objects.get(from_report=report)
    credit = "Ảnh: Thị trấn Ia Kha"

    # The editor opens the draft, picks a category and submits it to the board.
    editor = client_for("bientap")
    url = f"/admin/pages/{article.pk}/edit/"
    page = editor.get(url)
    assert page.status_code == 200
    data = querydict_from_html(page.content.decode(), form_id="page-edit-form")
    data.update(body_form_data(article))
    data["category"] = str(ArticleCategory.objects.get(name="Văn hóa – Xã hội").pk)
    data["action-submit"] = "1"
    assert editor.post(url, data).status_code == 302
    article.refresh_from_db()
    assert not article.live
    assert article.current_workflow_state.workflow.name == "Biên tập tin bài"
    # The editor cannot approve it.
    task_state = article.current_workflow_task_state
    approve = f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/"
    editor.post(approve)
    article.refresh_from_db()
    assert not article.live

    response = client_for("banbientap").post(approve, {"comment": "Đạt."})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and article.from_report_id == report.pk

    public = client.get(article.url)
    assert public.status_code == 200
    html = public.content.decode()
    assert article.title in html
    assert credit in html  # featured image caption and the figure's credit
    assert html.count(credit) == 2
    assert "/media/images/" in html  # renditions
    assert "original_images" not in html  # never the original file


@pytest.mark.django_db
def test_the_screen_speaks_vietnamese_and_english_on_request(client_for):
    report = seed_report("tt-ia-kha")
    reviewer = client_for("thamdinh")
    found = findings(visible_texts(reviewer.get(promote_url(report)).content.decode()))
    assert not found, found
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="thamdinh"))
    profile.preferred_language = "en"
    profile.save()
    english = reviewer.get(promote_url(report)).content.decode()
    assert "Create the draft article" in english and "Photos for the article" in english


@pytest.mark.django_db
def test_blank_results_and_a_namesake_article_still_make_a_valid_draft(client_for, make_article):
    report = seed_report("phong-vhtt")  # demo: accepted, an office (district news)
    # Accepted with outcomes only: no text anywhere (the accepted content is the stored one).
    report.results.update(text="")
    ComplianceReport.objects.filter(pk=report.pk).update(summary="")
    namesake = make_article(
        "Phòng Văn hóa và Thông tin thực hiện tăng cường quản lý thông tin trên internet, "
        "mạng xã hội trên địa bàn huyện"
    )
    response = client_for("thamdinh").post(promote_url(report), {})
    assert response.status_code == 302
    article = ArticlePage.objects.get(from_report=report)
    assert article.title == namesake.title and article.slug != namesake.slug
    assert article.summary.startswith("Phòng Văn hóa và Thông tin báo cáo kết quả thực hiện")
    assert [block.block_type for block in article.body] == ["paragraph"]
    assert "972/UBND-VHTT" in article.body.raw_data[0]["value"]
