"""The public register /van-ban/: filters, search, links, feed, API, bad input, and a
constant number of queries."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directives_app.models import DirectivePage

SEED_URL = "/van-ban/tang-cuong-quan-ly-thong-tin-tren-internet-mang-xa-hoi-tren-dia-ban-huyen/"


def symbols(response) -> list[str]:
    return [d.symbol for d in response.context["directives"]]


@pytest.mark.django_db
def test_register_lists_newest_first_with_required_columns(client):
    response = client.get("/van-ban/")
    assert response.status_code == 200
    assert symbols(response) == ["2/TB-UBND", "1/KH-UBND", "972/UBND-VHTT", "971/UBND-VHTT"]
    html = response.content.decode()
    for header in ("Số, ký hiệu", "Ngày ban hành", "Loại", "Trích yếu", "Tệp"):
        assert header in html
    assert f'href="{SEED_URL}pdf/"' in html
    assert "15/11/2021" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"nam": "2021"}, ["972/UBND-VHTT", "971/UBND-VHTT"]),
        ({"loai": "ke_hoach"}, ["1/KH-UBND"]),
        ({"co_quan": "ubnd-huyen-ia-grai", "nam": "2022"}, ["2/TB-UBND", "1/KH-UBND"]),
        ({"don_vi": "cong-an-huyen"}, ["972/UBND-VHTT"]),
        ({"don_vi": "ttvh-tt-tt", "nam": "2022"}, ["1/KH-UBND"]),
        ({"don_vi": "phong-vhtt", "loai": "cong_van"}, ["972/UBND-VHTT", "971/UBND-VHTT"]),
        ({"q": "mang xa hoi", "nam": "2021"}, ["972/UBND-VHTT", "971/UBND-VHTT"]),
        ({"q": "mạng xã hội", "loai": "ke_hoach"}, ["1/KH-UBND"]),
        ({"q": "xuyen tac sai su that"}, ["972/UBND-VHTT"]),
    ],
)
def test_filters_combine(client, params, expected):
    assert symbols(client.get("/van-ban/", params)) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["mang xa hoi", "Mạng xã hội", "MANG XA HOI", "quan ly thong tin"]
)
def test_search_accented_and_unaccented_finds_seed(client, query):
    assert "972/UBND-VHTT" in symbols(client.get("/van-ban/", {"q": query}))


@pytest.mark.django_db
def test_search_by_symbol_puts_that_letter_first(client):
    found = symbols(client.get("/van-ban/", {"q": "971/UBND-VHTT"}))
    assert found[0] == "971/UBND-VHTT"
    assert symbols(client.get("/van-ban/", {"q": "972/UBND-VHTT"}))[0] == "972/UBND-VHTT"


@pytest.mark.django_db
def test_filters_stay_in_pagination_links(client, make_directive):
    for i in range(21):
        make_directive(title=f"văn bản phân trang {i}", issued_on=datetime.date(2035, 1, 1))
    response = client.get("/van-ban/", {"nam": "2035", "loai": "cong_van"})
    html = response.content.decode()
    assert response.context["paginator"].num_pages == 2
    assert 'href="?nam=2035&amp;loai=cong_van&amp;trang=2"' in html
    second = client.get("/van-ban/", {"nam": "2035", "loai": "cong_van", "trang": "2"})
    assert len(second.context["directives"]) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"nam": "abc"},
        {"loai": "<script>"},
        {"trang": "-3"},
        {"trang": "x"},
        {"don_vi": "khong-co"},
        {"q": "a" * 3000},
        {"q": "/"},
    ],
)
def test_bad_filter_values_never_500(client, params):
    response = client.get("/van-ban/", params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.django_db
def test_directive_page_shows_fields_tasks_and_links(client):
    response = client.get(SEED_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "972/UBND-VHTT",
        "V/v tăng cường quản lý thông tin",
        "Ia Grai, ngày 15 tháng 11 năm 2021",
        "Kính gửi:",
        "Các cơ quan, đơn vị thuộc huyện",
        "1. Các cơ quan, đơn vị thuộc huyện",
        "2. Phòng Văn hóa và Thông tin",
        "3. Công an huyện",
        "Đỗ Văn Đông",
        "Nơi nhận:",
        "Công an huyện Ia Grai",  # the addressee unit's name under task 3
        'property="og:title"',
        'property="og:locale" content="vi_VN"',
    ):
        assert text in html, text
    legal = response.context["legal_links"]
    linked = {page.symbol for page in legal.values()}
    assert linked == {"971/UBND-VHTT"}  # 412-CV/HU and 874/QĐ-BTTTT are not in the register
    assert 'href="/van-ban/thong-tin-tuyen-truyen-va-thuc-hien-bo-quy-tac-ung-xu' in html
    assert [p.symbol for p in response.context["related"]] == ["1/KH-UBND"]


@pytest.mark.django_db
def test_rss_feed_is_valid_and_lists_directives(client):
    response = client.get("/van-ban/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert len(titles) == 4
    assert titles[0].startswith("Thông báo 2/TB-UBND")
    assert any("972/UBND-VHTT" in title for title in titles)


@pytest.mark.django_db
def test_api_lists_directives_with_all_fields(client):
    response = client.get("/api/v2/pages/", {"type": "directives_app.DirectivePage", "fields": "*"})
    assert response.status_code == 200
    items = {item["symbol"]: item for item in response.json()["items"]}
    seed = items["972/UBND-VHTT"]
    assert seed["doc_type"] == "cong_van"
    assert seed["issued_on"] == "2021-11-15"
    assert seed["signer_name"] == "Đỗ Văn Đông"
    assert seed["recipients"] == [
        "Các cơ quan, đơn vị thuộc huyện",
        "Ủy ban nhân dân các xã, thị trấn",
    ]
    assert len(seed["tasks"]) == 4
    assert seed["tasks"][2]["units"] == ["cong-an-huyen"]
    assert "xa-ia-ba" in seed["tasks"][0]["units"]
    assert len(seed["legal_basis_texts"]) == 3


@pytest.mark.django_db
def test_draft_not_in_register_feed_or_api(client, make_directive):
    draft = make_directive(title="bản nháp bí mật", publish=False)
    assert "bản nháp bí mật" not in client.get("/van-ban/").content.decode()
    assert "bản nháp bí mật" not in client.get("/van-ban/rss/").content.decode()
    api = client.get("/api/v2/pages/", {"type": "directives_app.DirectivePage"}).json()
    assert draft.pk not in [item["id"] for item in api["items"]]


# -- bad input through the admin form ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"tasks-0-deadline": "01/01/2020", "issued_on": "15/11/2021"},
            "Hạn hoàn thành của nhiệm vụ 1 (01/01/2020) trước ngày ban hành (15/11/2021)",
        ),
        ({"tasks-TOTAL_FORMS": "0"}, "phải có ít nhất một nhiệm vụ"),
        ({"tasks-0-addressee_units": []}, "Nhiệm vụ 1 chưa có đơn vị thực hiện"),
        ({"tasks-0-addressee_units": ["999999"]}, "999999"),
        ({"issued_on": "31/02/2021"}, "Nhập một ngày hợp lệ"),
        ({"issuer": ""}, "bắt buộc"),
    ],
)
def test_bad_input_refused_with_message_and_nothing_saved(
    client_for, register, form_data, overrides, message
):
    before = DirectivePage.objects.count()
    response = client_for("vanthu").post(
        f"/admin/pages/add/directives_app/directivepage/{register.pk}/", form_data(**overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert DirectivePage.objects.count() == before


@pytest.mark.django_db
def test_directive_without_reports_may_have_no_tasks(client_for, register, form_data):
    response = client_for("vanthu").post(
        f"/admin/pages/add/directives_app/directivepage/{register.pk}/",
        form_data(**{"tasks-TOTAL_FORMS": "0", "requires_reports": None}),
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_date_input_is_day_month_year(client_for, register, form_data):
    client_for("vanthu").post(
        f"/admin/pages/add/directives_app/directivepage/{register.pk}/",
        form_data(issued_on="05/03/2026"),
    )
    page = DirectivePage.objects.get(slug="tang-cuong-tuyen-truyen-phong-chong-tin-gia")
    assert page.issued_on == datetime.date(2026, 3, 5)


# -- constant queries -------------------------------------------------------------------


def count_queries(client, url) -> int:
    client.get(url)  # warm caches (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_register_and_directive_page_queries_constant(client, make_directive, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for i in range(5):
        make_directive(
            title=f"năm {i}",
            tasks=3,
            units=("xa-ia-ba", "xa-ia-o"),
            groups=("ubnd-cac-xa-thi-tran",),
            legal_basis=["Công văn số 971/UBND-VHTT"],
            issued_on=datetime.date(2036, 1, 1),
        )
    small_list = count_queries(client, "/van-ban/?nam=2036")
    small_page = count_queries(
        client, "/van-ban/" + DirectivePage.objects.get(title="năm 0").slug + "/"
    )
    for i in range(45):
        make_directive(
            title=f"năm mươi {i}",
            tasks=6,
            units=("xa-ia-ba", "xa-ia-o", "xa-ia-to"),
            groups=("ubnd-cac-xa-thi-tran", "co-quan-don-vi-thuoc-huyen"),
            legal_basis=["Công văn số 971/UBND-VHTT", "Công văn số 972/UBND-VHTT"],
            issued_on=datetime.date(2036, 1, 1),
        )
    big_list = count_queries(client, "/van-ban/?nam=2036")
    big_page = count_queries(
        client, "/van-ban/" + DirectivePage.objects.get(title="năm mươi 0").slug + "/"
    )
    assert big_list == small_list
    assert big_page == small_page
    assert small_list <= 15 and small_page <= 20
