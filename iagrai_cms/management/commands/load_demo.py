"""python manage.py load_demo: the demo district, idempotent; refuses production settings."""

import json
import os
from pathlib import Path

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Site

from directives_app.models import Membership, Unit, UnitKind
from directives_app.units.loader import load_units
from iagrai_cms import roles
from iagrai_cms.demo import compliance as demo_compliance
from iagrai_cms.demo import conduct as demo_conduct
from iagrai_cms.demo import directives as demo_directives
from iagrai_cms.demo import news as demo_news
from iagrai_cms.models import HomePage, SiteSettings, StandardPage

UNITS_FILE = Path(__file__).resolve().parents[3] / "directives_app" / "data" / "ia-grai-units.json"
ROOT_UNIT = "ubnd-huyen-ia-grai"

# username, first name, last name, group, (unit code, membership role) or None, superuser
STAFF = [
    ("admin", "Quản trị", "", roles.ADMINISTRATORS, None, True),
    ("bientap", "Biên tập", "viên", roles.EDITORS, None, False),
    ("banbientap", "Ban", "biên tập", roles.EDITORIAL_BOARD, None, False),
    ("vanthu", "Văn", "thư", roles.CLERKS, ("vp-hdnd-ubnd", Membership.Role.STAFF), False),
    ("lanhdao", "Lãnh", "đạo", roles.LEADERS, ("ubnd-huyen-ia-grai", Membership.Role.STAFF), False),
    ("thamdinh", "Thẩm", "định", roles.REVIEWERS, ("phong-vhtt", Membership.Role.STAFF), False),
    (
        "congan",
        "Công",
        "an",
        roles.INCIDENT_HANDLERS,
        ("cong-an-huyen", Membership.Role.STAFF),
        False,
    ),
]

PAGES = [
    {
        "title": "Giới thiệu huyện Ia Grai",
        "summary": "Huyện Ia Grai (tỉnh Gia Lai) gồm thị trấn Ia Kha và 12 xã, thành lập theo "
        "Nghị định 70/CP ngày 11/11/1996.",
        "body": "<p>Cổng thông tin điện tử là kênh thông tin chính thức của Ủy ban nhân dân "
        "huyện: công bố văn bản chỉ đạo, điều hành; tin tức tích cực; tiếp nhận phản ánh "
        "thông tin sai sự thật và trang mạng giả mạo.</p>",
    },
    {
        "title": "Quản lý thông tin trên Internet, mạng xã hội",
        "summary": "Tăng cường quản lý thông tin trên Internet, mạng xã hội trên địa bàn huyện "
        "và thực hiện Bộ quy tắc ứng xử trên mạng xã hội.",
        "body": "<p>Cán bộ, đảng viên, công chức, viên chức thực hiện nghiêm chủ trương của "
        "Đảng, pháp luật của Nhà nước về quản lý thông tin trên mạng xã hội.</p>",
    },
]


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (đơn vị, nhóm quyền, tài khoản, trang); chạy lại không tạo trùng."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Không được nạp dữ liệu mẫu với cấu hình production (DEMO_DATA_ALLOWED=False)."
            )
        password = os.environ.get("DEMO_PASSWORD", "iagrai-demo")
        # Workflow notifications of the demo's own submissions would flood the console.
        with (
            transaction.atomic(),
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        ):
            result = load_units(json.loads(UNITS_FILE.read_text(encoding="utf-8")))
            roles.sync_roles(django_apps)
            home = self._site()
            self._pages(home)
            logins = self._users(password)
            register = demo_directives.ensure_register(home)
            news = demo_news.ensure_news_index(home)
            # again: page permissions on the new register and news index
            roles.sync_roles(django_apps)
            directives = demo_directives.ensure_directives(register)
            demo_compliance.ensure_story()
            articles = demo_news.ensure_articles(news)
            demo_conduct.ensure(home, make_password(password))
            demo_accounts = [username for username, _role in logins]
            _sync_passwords(password, [*demo_accounts, demo_conduct.CULTURE_HANDLER[0]])
        self.stdout.write(
            f"Đơn vị: {len(result.created)} mới, {len(result.updated)} cập nhật, "
            f"{len(result.unchanged)} không đổi."
        )
        self.stdout.write("Văn bản: " + ", ".join(directive.symbol for directive in directives))
        self.stdout.write(f"Tin bài: {len(articles)} (một tin đang chờ Ban biên tập duyệt).")
        self.stdout.write(self.style.SUCCESS(f"Tài khoản demo (mật khẩu: {password}):"))
        for username, description in logins[: len(STAFF)]:
            self.stdout.write(f"  {username:<28} {description}")
        self.stdout.write(
            f"  …và {len(logins) - len(STAFF)} tài khoản đơn vị: "
            "<mã đơn vị>.truong (thủ trưởng), <mã đơn vị>.canbo (cán bộ đầu mối), "
            "ví dụ xa-ia-ba.truong, xa-ia-ba.canbo"
        )

    def _site(self) -> HomePage:
        root_unit = Unit.objects.get(code=ROOT_UNIT)
        home = HomePage.objects.first()
        site = Site.objects.get(is_default_site=True)
        site.site_name = f"Cổng thông tin điện tử {root_unit.name}"
        # The Site's root URL is where every absolute address (share cards, canonical
        # links, feeds, sitemap) comes from: the address `make run` serves.
        site.hostname = os.environ.get("DEMO_HOSTNAME", "127.0.0.1")
        site.port = int(os.environ.get("PORT", "8000"))
        site.save()
        site_settings = SiteSettings.for_site(site)
        site_settings.parent_body = "Ủy ban nhân dân tỉnh Gia Lai"
        site_settings.body_name = root_unit.name
        site_settings.place_name = root_unit.place_name
        site_settings.tagline = "Cổng thông tin điện tử"
        site_settings.address = "Thị trấn Ia Kha, huyện Ia Grai, tỉnh Gia Lai"
        site_settings.phone = "0269 3845 000"
        site_settings.hotline = "0269 3845 001"
        site_settings.email = "ubnd.iagrai@example.gov.vn"
        site_settings.responsible_person = "Chánh Văn phòng HĐND và UBND huyện"
        site_settings.save()
        intro = (
            "Kênh thông tin chính thức của Ủy ban nhân dân huyện: văn bản chỉ đạo, điều hành, "
            "tin tức và tiếp nhận phản ánh của người dân."
        )
        _publish_if_changed(
            home, intro=intro, search_description="Cổng thông tin điện tử " + root_unit.name
        )
        return home

    def _pages(self, home: HomePage) -> None:
        for data in PAGES:
            page = StandardPage.objects.child_of(home).filter(title=data["title"]).first()
            if page is None:
                page = StandardPage(title=data["title"], show_in_menus=True)
                home.add_child(instance=page)
            _publish_if_changed(
                page,
                summary=data["summary"],
                body=data["body"],
                search_description=data["summary"],
            )

    def _users(self, password: str) -> list[tuple[str, str]]:
        User = get_user_model()
        # One hash for every new demo account: hashing ~80 passwords would take a minute.
        encoded = make_password(password)
        groups = {group.name: group for group in Group.objects.all()}
        role_groups = [groups[name] for name in roles.ROLES if name in groups]
        logins = []

        def ensure(username, first, last, group, membership, superuser=False):
            values = {
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.gov.vn",
                "is_staff": superuser,
                "is_superuser": superuser,
                "is_active": True,
            }
            user, _created = User.objects.update_or_create(
                username=username, defaults=values, create_defaults={**values, "password": encoded}
            )
            # Only the role groups are the demo's to set: the commune news groups follow
            # memberships (iagrai_cms.news.permissions) and must survive a second run.
            user.groups.remove(*(g for g in role_groups if g.name != group))
            user.groups.add(groups[group])
            if membership:
                unit_code, role = membership
                Membership.objects.get_or_create(
                    user=user, unit=Unit.objects.get(code=unit_code), role=role
                )
            return user

        for username, first, last, group, membership, superuser in STAFF:
            ensure(username, first, last, group, membership, superuser)
            logins.append((username, group))
        for unit in Unit.objects.reporting().exclude(kind=UnitKind.PEOPLES_COMMITTEE):
            for suffix, role, label in (
                ("truong", Membership.Role.HEAD, "Thủ trưởng"),
                ("canbo", Membership.Role.FOCAL, "Cán bộ đầu mối"),
            ):
                ensure(
                    f"{unit.code}.{suffix}", label, unit.name, roles.UNIT_STAFF, (unit.code, role)
                )
                logins.append((f"{unit.code}.{suffix}", f"{label} – {unit.name}"))
        return logins


def _publish_if_changed(page, **values) -> None:
    """Set `values` on the page and publish a revision, only if something differs from the
    live page (a second `load_demo` adds no revision)."""
    if page.live and not page.has_unpublished_changes:
        if all(getattr(page, name) == value for name, value in values.items()):
            return
    for name, value in values.items():
        setattr(page, name, value)
    page.save_revision().publish()


def _sync_passwords(password: str, usernames: list[str]) -> None:
    """Give the demo password to each demo account whose stored hash does not match it.

    A matching hash is kept: a new salt on every run would change every account for
    nothing. The demo accounts share a hash, so each distinct hash is checked once."""
    User = get_user_model()
    encoded = make_password(password)
    accounts = User.objects.filter(username__in=usernames)
    for stored in accounts.values_list("password", flat=True).distinct():
        if not check_password(password, stored):
            accounts.filter(password=stored).update(password=encoded)
