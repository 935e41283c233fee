"""The public report form at /phan-anh/ and the status page, as a citizen uses them."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import hostile_files
import pytest
from conduct_support import LOOKUP_URL, REPORT_URL, form_data, gps_exif, image_bytes, upload
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image
from wagtail.log_actions import registry as log_registry

from conduct_app.incidents import tracking_codes
from conduct_app.models import IncidentReport, ReportedLink, Screenshot

CODE = re.compile(r"^PA\.\d{8}\.[23456789A-HJKMNP-TV-Z]{5}$")


def stored_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "phan-anh"
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def code_from(response) -> str:
    assert response.status_code == 303, response.content.decode()[:2000]
    match = re.search(r"ma=(PA\.\d{8}\.[0-9A-Z]{5})", response["Location"])
    assert match, response["Location"]
    return match.group(1)


# -- a valid report ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_valid_report_gets_a_code_and_a_status_page(client, submit):
    response = submit(screenshots=[upload("chup-man-hinh.png", image_bytes("PNG"))])
    code = code_from(response)
    assert CODE.match(code)

    report = IncidentReport.objects.get(code=code)
    assert report.source == "public"
    assert report.category == "impersonation"
    assert report.impersonated == "Chủ tịch UBND huyện"
    assert report.reporter_phone == "0905 123 456"
    assert report.confidential is True
    assert [link.normalized_url for link in report.links.all()] == [
        "facebook.com/trang.gia.mao.chu.tich"
    ]
    assert report.screenshots.count() == 1
    # Routed at once: impersonation goes to the police.
    assert report.status == "assigned"
    assert report.handler_unit.code == "cong-an-huyen"
    assert report.first_action_at is None  # routing is not a person's action
    logs = log_registry.get_logs_for_instance(report).order_by("pk")
    actions = list(logs.values_list("action", flat=True))
    assert actions == ["conduct_app.incident.receive", "conduct_app.incident.assign"]

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Phản ánh đã được tiếp nhận" in html
    assert code in html
    assert "Đã chuyển đơn vị xử lý" in html


@pytest.mark.django_db
def test_codes_of_a_day_share_the_date_but_not_a_sequence(submit):
    first = code_from(submit())
    second = code_from(submit(urls="https://zalo.me/mot-tai-khoan-khac"))
    assert first[:12] == second[:12]  # same day
    # Random tails with a check character, not a running number (a random tail may happen
    # to be all digits, so the form is what is checked, not the characters).
    assert first != second
    for code in (first, second):
        assert len(code[12:]) == tracking_codes.RANDOM_LENGTH + 1
        assert tracking_codes.is_well_formed(code[12:])


@pytest.mark.django_db
def test_reloading_the_result_does_not_file_again(client, submit):
    response = submit()
    before = IncidentReport.objects.count()
    assert client.get(response["Location"]).status_code == 200
    assert client.get(response["Location"]).status_code == 200
    assert IncidentReport.objects.count() == before


# -- each invalid field: its message, and nothing stored ------------------------------

INVALID = [
    ({"urls": ""}, "Nhập ít nhất một đường dẫn."),
    ({"urls": "không phải đường dẫn"}, "không phải đường dẫn hợp lệ"),
    ({"urls": "\n".join(f"https://example.vn/{n}" for n in range(11))}, "Tối đa 10 đường dẫn"),
    ({"platform": None}, "Chọn nền tảng."),
    ({"platform": "myspace"}, "Nền tảng không hợp lệ."),
    ({"category": None}, "Chọn loại vi phạm."),
    ({"category": "spam"}, "Loại vi phạm không hợp lệ."),
    ({"impersonated": ""}, "Cho biết cá nhân, cơ quan hoặc tổ chức bị giả mạo."),
    ({"impersonated": "x" * 256}, "Tối đa 255 ký tự."),
    ({"description": ""}, "Mô tả ngắn nội dung vi phạm."),
    ({"description": "ngắn"}, "Mô tả quá ngắn"),
    ({"description": "d" * 5001}, "Mô tả quá dài"),
    ({"reporter_name": "n" * 121}, "Tối đa 120 ký tự."),
    ({"reporter_phone": "gọi tôi"}, "Số điện thoại không hợp lệ"),
    ({"reporter_email": "binh@"}, "Địa chỉ thư điện tử không hợp lệ."),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "message"), INVALID)
def test_each_invalid_field_gets_its_message_and_nothing_is_stored(submit, overrides, message):
    reports, links, files = (
        IncidentReport.objects.count(),
        ReportedLink.objects.count(),
        stored_files(),
    )
    # A valid screenshot rides along: it must not be kept either.
    response = submit(screenshots=[upload("anh.png", image_bytes("PNG"))], **overrides)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Phản ánh chưa được gửi" in html
    assert IncidentReport.objects.count() == reports
    assert ReportedLink.objects.count() == links
    assert stored_files() == files


@pytest.mark.django_db
def test_the_form_keeps_what_was_typed_after_an_error(submit):
    html = submit(description="ngắn", reporter_name="Lê Văn Cường").content.decode()
    assert "Lê Văn Cường" in html
    assert "trang.gia.mao.chu.tich" in html


# -- screenshots ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("anh.jpg", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "image/jpeg"),
        ("anh.png", b"<html><script>alert(1)</script></html>", "image/png"),
        ("anh.gif", image_bytes("GIF"), "image/gif"),
        ("anh.png", image_bytes("PNG")[:60], "image/png"),  # truncated
    ],
    ids=["pdf-named-jpg", "html-named-png", "gif", "truncated-png"],
)
def test_a_file_that_is_not_an_accepted_image_is_refused(submit, name, data, content_type):
    before = IncidentReport.objects.count()
    response = submit(screenshots=[upload(name, data, content_type)])
    assert response.status_code == 400
    assert "không phải ảnh JPEG, PNG, WebP hoặc HEIC" in response.content.decode()
    assert IncidentReport.objects.count() == before


@pytest.mark.django_db
def test_more_than_five_screenshots_are_refused(submit):
    files = [upload(f"anh-{n}.png", image_bytes("PNG")) for n in range(6)]
    response = submit(screenshots=files)
    assert response.status_code == 400
    assert "tối đa 5 ảnh" in response.content.decode()


@pytest.mark.django_db
def test_a_screenshot_over_the_size_limit_is_refused(submit, settings):
    data = image_bytes("PNG")
    settings.INCIDENT_SCREENSHOT_MAX_BYTES = len(data) - 1
    response = submit(screenshots=[upload("lon.png", data)])
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()


@pytest.mark.django_db
def test_exif_location_is_removed_and_the_photo_kept_upright(submit):
    original = image_bytes("JPEG", size=(40, 20), exif=gps_exif(orientation=6))
    with Image.open(io.BytesIO(original)) as check:  # the fixture really carries GPS
        assert check.getexif().get_ifd(0x8825)

    code = code_from(submit(screenshots=[upload("IMG_0001.JPG", original, "image/jpeg")]))
    screenshot = Screenshot.objects.get(report__code=code)
    data = Path(screenshot.file.path).read_bytes()

    assert b"Phone X" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG"
        exif = stored.getexif()
        assert not exif.get_ifd(0x8825)  # no GPS
        assert len(exif) == 0  # no EXIF at all
        assert stored.size == (20, 40)  # rotated as the orientation tag said
    assert screenshot.sha256 == hashlib.sha256(data).hexdigest()
    assert screenshot.original_name == "img_0001.jpg"
    # Private storage, never under MEDIA_ROOT.
    assert str(Path(screenshot.file.path)).startswith(str(settings.PRIVATE_MEDIA_ROOT))


@pytest.mark.django_db
def test_an_iphone_heic_photo_is_accepted_and_stored_as_jpeg(submit):
    heic = upload("IMG_0002.HEIC", image_bytes("HEIF"), "image/heic")
    code = code_from(submit(screenshots=[heic]))
    screenshot = Screenshot.objects.get(report__code=code)
    assert screenshot.content_type == "image/jpeg"
    assert screenshot.file.name.endswith(".jpg")


@pytest.mark.django_db
def test_webp_stays_webp(submit):
    code = code_from(submit(screenshots=[upload("a.webp", image_bytes("WEBP"), "image/webp")]))
    assert Screenshot.objects.get(report__code=code).content_type == "image/webp"


# -- abuse protection -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sixth_report_in_an_hour_gets_a_vietnamese_429(submit, settings):
    settings.INCIDENT_REPORTS_PER_HOUR = 5
    before = IncidentReport.objects.count()
    for number in range(5):
        assert submit(urls=f"https://example.vn/bai-{number}").status_code == 303
    response = submit(urls="https://example.vn/bai-6")
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Bạn đã gửi nhiều phản ánh trong một giờ" in response.content.decode()
    assert IncidentReport.objects.count() == before + 5
    # Another address is not affected.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(REPORT_URL, form_data()).status_code == 303


@pytest.mark.django_db
def test_the_limit_is_configurable(submit, settings):
    settings.INCIDENT_REPORTS_PER_HOUR = 2
    assert submit().status_code == 303
    assert submit().status_code == 303
    assert submit().status_code == 429


@pytest.mark.django_db
def test_refused_forms_do_not_use_up_the_allowance(submit, settings):
    settings.INCIDENT_REPORTS_PER_HOUR = 1
    for _attempt in range(3):
        assert submit(description="ngắn").status_code == 400
    assert submit().status_code == 303
    assert submit().status_code == 429


@pytest.mark.django_db
def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(settings):
    settings.INCIDENT_REPORTS_PER_HOUR = 1
    settings.TRUSTED_PROXY_COUNT = 0
    client = Client()
    first = client.post(REPORT_URL, form_data(), HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert first.status_code == 303
    # A client cannot escape the limit by inventing addresses.
    response = client.post(REPORT_URL, form_data(), HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_client_address_counts(settings):
    settings.INCIDENT_REPORTS_PER_HOUR = 1
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    # The proxy appends the address it saw; anything left of it is the client's claim.
    first = proxy.post(REPORT_URL, form_data(), HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")
    assert first.status_code == 303
    spoofed = proxy.post(REPORT_URL, form_data(), HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5")
    assert spoofed.status_code == 429
    other = proxy.post(REPORT_URL, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert other.status_code == 303


@pytest.mark.django_db
def test_a_filled_honeypot_stores_nothing(submit):
    before = IncidentReport.objects.count()
    response = submit(website="http://spam.example", screenshots=[upload("a.png", image_bytes())])
    assert response.status_code == 400
    assert "Không tiếp nhận được phản ánh" in response.content.decode()
    assert IncidentReport.objects.count() == before


@pytest.mark.django_db
def test_the_honeypot_is_hidden_from_people_and_screen_readers(client):
    html = client.get(REPORT_URL).content.decode()
    assert re.search(r'<div class="rf-hp" aria-hidden="true">.*?name="website"', html, re.S)
    assert 'tabindex="-1"' in html


@pytest.mark.django_db
def test_a_post_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    before = IncidentReport.objects.count()
    assert client.post(REPORT_URL, form_data()).status_code == 403
    assert IncidentReport.objects.count() == before
    # With the token of the form page it goes through.
    client.get(REPORT_URL)
    token = client.cookies["csrftoken"].value
    response = client.post(REPORT_URL, {**form_data(), "csrfmiddlewaretoken": token})
    assert response.status_code == 303


@pytest.mark.django_db
def test_the_form_page_is_never_served_from_the_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    first, second = Client(), Client()
    responses = [first.get(REPORT_URL), second.get(REPORT_URL), Client().get(REPORT_URL)]
    for response in responses:
        assert response.status_code == 200
        assert response.get("X-Page-Cache") != "hit"
        assert "csrftoken" in response.cookies  # each visitor gets a token of their own
    tokens = [r.cookies["csrftoken"].value for r in responses]
    assert len(set(tokens)) == 3
    # The cache does work for pages without a form (so the check above means something).
    Client().get("/quy-tac-ung-xu/")
    assert Client().get("/quy-tac-ung-xu/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_other_methods_are_refused(client):
    assert client.put(REPORT_URL).status_code == 405


# -- the status page --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_status_page_shows_status_and_public_outcome_only(client, submit):
    from conduct_app.incidents import triage

    code = code_from(
        submit(
            description="Nội dung mô tả riêng tư 123",
            reporter_name="Phạm Thị Dung",
            reporter_email="dung@example.com",
            reporter_phone="0987 654 321",
        )
    )
    report = IncidentReport.objects.get(code=code)
    triage.apply(report, "start", None, note="Ghi chú nội bộ XYZ")
    triage.apply(
        report,
        "resolve",
        None,
        action_taken="removed",
        public_outcome="Trang giả mạo đã bị gỡ bỏ.",
        note="Đã làm việc với chủ tài khoản ABC",
    )

    response = client.get(LOOKUP_URL, {"ma": code})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đã xử lý" in html
    assert "Đã gỡ bỏ" in html
    assert "Trang giả mạo đã bị gỡ bỏ." in html
    for private in (
        "Phạm Thị Dung",
        "dung@example.com",
        "0987 654 321",
        "Nội dung mô tả riêng tư 123",
        "trang.gia.mao.chu.tich",
        "Ghi chú nội bộ XYZ",
        "chủ tài khoản ABC",
        "Chủ tịch UBND huyện",  # who was impersonated is in the description's territory
    ):
        assert private not in html, private


@pytest.mark.django_db
def test_the_status_page_is_never_cached(client, submit, settings):
    from conduct_app.incidents import triage

    settings.PAGE_CACHE_SECONDS = 300
    code = code_from(submit())
    first = Client().get(LOOKUP_URL, {"ma": code})
    assert "no-store" in first["Cache-Control"] and "private" in first["Cache-Control"]
    triage.apply(IncidentReport.objects.get(code=code), "start", None)
    second = Client().get(LOOKUP_URL, {"ma": code})
    assert second.get("X-Page-Cache") != "hit"
    assert "Đang xử lý" in second.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code", ["PA.19990101.0001", "ABC", "PA.2026'; DROP TABLE", "PA.20261202.K7M3G"]
)
def test_a_wrong_code_gets_a_clear_message(client, code):
    response = client.get(LOOKUP_URL, {"ma": code})
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy phản ánh có mã" in body
    assert "ví dụ PA.20261202.K7M3F" in body


@pytest.mark.django_db
def test_a_code_typed_in_lower_case_is_found(client, submit):
    code = code_from(submit())
    assert client.get(LOOKUP_URL, {"ma": f"  {code.lower()} "}).status_code == 200


@pytest.mark.django_db
def test_the_status_page_runs_a_fixed_number_of_queries(client, submit):
    plain = code_from(submit())
    rich = code_from(
        submit(
            urls="\n".join(f"https://example.vn/{n}" for n in range(5)),
            screenshots=[upload(f"{n}.png", image_bytes()) for n in range(3)],
        )
    )
    client.get(LOOKUP_URL, {"ma": plain})
    counts = []
    for code in (plain, rich):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LOOKUP_URL, {"ma": code}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12, counts


@pytest.mark.django_db
def test_the_form_can_be_prefilled_from_a_link(client):
    html = client.get(
        REPORT_URL, {"url": "https://facebook.com/gia.mao", "loai": "impersonation"}
    ).content.decode()
    assert "https://facebook.com/gia.mao</textarea>" in html
    assert re.search(r'value="impersonation"[^>]*checked', html)


@pytest.mark.django_db
def test_a_failure_after_the_files_are_written_leaves_nothing_behind(monkeypatch):
    from conduct_app.incidents import triage
    from conduct_app.incidents.intake import Submission, file_report
    from conduct_app.incidents.screenshots import clean_screenshot

    def broken_routing(report):
        raise RuntimeError("routing failed")

    monkeypatch.setattr(triage, "route", broken_routing)
    reports, files = IncidentReport.objects.count(), stored_files()
    submission = Submission(
        urls=["https://example.vn/loi"],
        platform="website",
        category="other",
        description="Một phản ánh gặp lỗi giữa chừng.",
        screenshots=[clean_screenshot(upload(f"{n}.png", image_bytes())) for n in range(2)],
    )
    with pytest.raises(RuntimeError):
        file_report(submission)
    assert IncidentReport.objects.count() == reports
    assert stored_files() == files


# -- decompression bombs (issue 12) -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "build", "message"),
    [
        ("anh.png", hostile_files.bomb_png, "khai báo kích thước quá lớn"),
        ("anh.jpg", hostile_files.bomb_jpeg, "khai báo kích thước quá lớn"),
        ("anh.webp", hostile_files.bomb_webp, "khai báo kích thước quá lớn"),
        ("IMG_0001.HEIC", hostile_files.bomb_heic, "khai báo kích thước quá lớn"),
        # Between the screenshot limit (50 million) and Pillow's (89 million).
        ("dai.png", lambda: hostile_files.bomb_png(8000, 8000), "khai báo kích thước quá lớn"),
        # Refused for its size before its format is looked at.
        ("anh.gif", hostile_files.bomb_gif, "khai báo kích thước quá lớn"),
    ],
    ids=["png", "jpeg", "webp", "heic", "over-screenshot-limit", "gif"],
)
def test_a_decompression_bomb_screenshot_is_refused_and_nothing_saved(submit, name, build, message):
    before_reports, before_files = IncidentReport.objects.count(), stored_files()
    good = upload("tot.png", image_bytes("PNG"))
    response = submit(screenshots=[good, upload(name, build(), "image/png")])
    assert response.status_code == 400
    assert message in response.content.decode()
    assert IncidentReport.objects.count() == before_reports
    assert stored_files() == before_files
