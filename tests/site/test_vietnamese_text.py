"""DESIGN §7: NFC, slugs, document dates, Vietnamese ordering."""

import datetime
import unicodedata

import pytest
from django.template import Context, Template

from directives_app.core.vietnamese import collation_key, slugify_vi, sorted_vi
from directives_app.models import Unit, UnitKind
from iagrai_cms.models import StandardPage

EMPTY_DRAFTAIL = '{"blocks": [], "entityMap": {}}'
NFD_TITLE = unicodedata.normalize("NFD", "Tăng cường quản lý thông tin")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đẩy mạnh tuyên truyền", "day-manh-tuyen-truyen"),
        ("Ia Bă", "ia-ba"),
        ("ĐẢNG BỘ HUYỆN", "dang-bo-huyen"),
        (unicodedata.normalize("NFD", "Đẩy mạnh"), "day-manh"),
    ],
)
def test_slugify_vi(text, slug):
    assert slugify_vi(text) == slug


@pytest.mark.django_db
def test_page_created_without_slug_gets_vietnamese_slug(home):
    page = StandardPage(title="Đẩy mạnh tuyên truyền")
    home.add_child(instance=page)
    assert page.slug == "day-manh-tuyen-truyen"
    second = StandardPage(title="Đẩy mạnh tuyên truyền")
    home.add_child(instance=second)
    assert second.slug == "day-manh-tuyen-truyen-2"


@pytest.mark.django_db
def test_nfd_title_is_stored_nfc_by_the_model_layer(home):
    page = StandardPage(title=NFD_TITLE, summary=NFD_TITLE)
    home.add_child(instance=page)
    page.refresh_from_db()
    assert page.title == unicodedata.normalize("NFC", NFD_TITLE)
    assert page.summary == unicodedata.normalize("NFC", NFD_TITLE)
    assert page.title != NFD_TITLE


@pytest.mark.django_db
def test_nfd_input_through_the_admin_is_stored_nfc(client_for, home):
    client = client_for("admin")
    response = client.post(
        f"/admin/pages/add/iagrai_cms/standardpage/{home.pk}/",
        {
            "title": NFD_TITLE,
            "slug": "nfd-test",
            "summary": NFD_TITLE,
            "body": EMPTY_DRAFTAIL,
            "action-publish": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(slug="nfd-test")
    assert page.title == unicodedata.normalize("NFC", NFD_TITLE)
    assert page.get_latest_revision().content["title"] == page.title


@pytest.mark.django_db
def test_nfd_unit_name_stored_nfc():
    unit = Unit.objects.create(
        code="xa-thu", name=unicodedata.normalize("NFD", "Xã Ia Bă Mới"), kind=UnitKind.COMMUNE
    )
    unit.refresh_from_db()
    assert unit.name == "Xã Ia Bă Mới"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2021, 11, 9), "ngày 09 tháng 11 năm 2021"),
        (datetime.date(2022, 1, 5), "ngày 05 tháng 01 năm 2022"),
        (datetime.date(2022, 2, 28), "ngày 28 tháng 02 năm 2022"),
        (datetime.date(2021, 3, 15), "ngày 15 tháng 3 năm 2021"),
        (datetime.date(2021, 9, 30), "ngày 30 tháng 9 năm 2021"),
        (datetime.date(2021, 12, 1), "ngày 01 tháng 12 năm 2021"),
    ],
)
def test_document_date_filter(day, expected):
    template = Template("{% load vietnamese %}{{ d|ngay_van_ban }}|{{ d|ngay_van_ban:'Ia Grai' }}")
    assert template.render(Context({"d": day})) == f"{expected}|Ia Grai, {expected}"


def test_document_date_filter_blank_for_unsigned_draft():
    template = Template("{% load vietnamese %}{{ d|ngay_van_ban }}")
    assert template.render(Context({"d": None})).startswith("ngày ")
    assert "năm" in template.render(Context({"d": None}))


def test_vietnamese_order_not_code_points():
    names = [
        "Xã Ia Tô",
        "Đội",
        "Dân",
        "Ăn",
        "Anh",
        "Ân",
        "Ba",
        "Bà",
        "Bá",
        "Bạ",
        "Xã Ia Bă",
        "Xã Ia Ba",
    ]
    expected = [
        "Anh",
        "Ăn",
        "Ân",
        "Ba",
        "Bà",
        "Bá",
        "Bạ",
        "Dân",
        "Đội",
        "Xã Ia Ba",
        "Xã Ia Bă",
        "Xã Ia Tô",
    ]
    assert sorted_vi(names) == expected
    assert sorted(names) != expected  # code-point order is wrong ("Đ" after "X")


def test_collation_key_is_case_and_normalisation_insensitive():
    assert collation_key("ĐẢNG") == collation_key("đảng")
    assert collation_key(unicodedata.normalize("NFD", "đảng")) == collation_key("đảng")


@pytest.mark.django_db
def test_unit_lists_sorted_vietnamese_by_the_database():
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE).values_list("name", flat=True))
    assert communes == sorted_vi(communes)
    assert communes.index("Xã Ia Bă") < communes.index("Xã Ia Chía") < communes.index("Xã Ia Dêr")
