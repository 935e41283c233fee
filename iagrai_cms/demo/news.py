"""Demo news: categories, the news index with its "Biên tập tin bài" workflow, one section
per commune, and a handful of articles with pictures drawn at run time (Pillow), written by
an editor or a commune officer and approved by the editorial board. Idempotent."""

from __future__ import annotations

import datetime
import hashlib
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from directives_app.models import Unit
from iagrai_cms import roles
from iagrai_cms.models import (
    ArticleCategory,
    ArticleDailyViews,
    ArticlePage,
    CommuneNewsIndexPage,
    NewsIndexPage,
)
from iagrai_cms.models.news import COMMUNE_KINDS

WORKFLOW = "Biên tập tin bài"
TASK = "Ban biên tập duyệt tin"

CATEGORIES = [
    ("Hoạt động chính quyền", "Chỉ đạo, điều hành của UBND huyện và các xã, thị trấn."),
    ("Chuyển đổi số", "Chính quyền số, dịch vụ công trực tuyến, kỹ năng số cho người dân."),
    ("Kinh tế – Nông nghiệp", "Sản xuất, kinh doanh, nông nghiệp, xây dựng nông thôn mới."),
    ("Văn hóa – Xã hội", "Văn hóa, thể thao, giáo dục, y tế, an sinh xã hội."),
    ("An ninh – Trật tự", "Quốc phòng, an ninh, an toàn thông tin, cảnh báo lừa đảo."),
]

# section: the commune's unit code, or None for district news; published False: submitted,
# waiting for the board; views: demo figures for the "most read" box.
ARTICLES = [
    {
        "title": "Ia Grai triển khai Bộ quy tắc ứng xử trên mạng xã hội đến toàn thể cán bộ",
        "category": "Hoạt động chính quyền",
        "section": None,
        "author": "bientap",
        "byline": "Thu Hà",
        "tags": ["Bộ quy tắc ứng xử", "mạng xã hội"],
        "days_ago": 1,
        "palette": ((23, 78, 166), (120, 180, 240)),
        "summary": "Ủy ban nhân dân huyện tổ chức hội nghị quán triệt Bộ quy tắc ứng xử trên mạng "
        "xã hội (Quyết định 874/QĐ-BTTTT) cho cán bộ, công chức, viên chức các cơ quan, đơn vị "
        "và UBND các xã, thị trấn.",
        "paragraphs": [
            "Sáng nay, Ủy ban nhân dân huyện Ia Grai tổ chức hội nghị trực tuyến đến 13 điểm cầu "
            "các xã, thị trấn để quán triệt Bộ quy tắc ứng xử trên mạng xã hội.",
            "Phát biểu chỉ đạo, đồng chí Phó Chủ tịch UBND huyện đề nghị các cơ quan, đơn vị "
            "chủ động xây dựng kênh thông tin chính thức có lượng tương tác cao, lan tỏa thông "
            "tin tích cực và kịp thời báo cáo các thông tin sai sự thật liên quan đến huyện.",
        ],
        "published": True,
        "views": 42,
    },
    {
        "title": "Xã Ia Bă ra mắt kênh Zalo cung cấp thông tin cho người dân",
        "category": "Chuyển đổi số",
        "section": "xa-ia-ba",
        "author": "xa-ia-ba.canbo",
        "byline": "Rơ Mah H'Lan (UBND xã Ia Bă)",
        "tags": ["Zalo", "mạng xã hội", "chuyển đổi số"],
        "days_ago": 2,
        "palette": ((0, 104, 255), (160, 220, 255)),
        "summary": "Kênh Zalo chính thức của UBND xã Ia Bă giúp bà con nhận thông báo, lịch tiêm "
        "chủng, lịch làm việc một cửa và phản ánh trực tiếp với chính quyền.",
        "paragraphs": [
            "Sau hai tuần chạy thử, kênh Zalo của UBND xã Ia Bă đã có hơn 1.200 người quan tâm.",
            "Cán bộ đầu mối của xã trả lời phản ánh trong giờ hành chính và chuyển các thông tin "
            "có dấu hiệu sai sự thật về Phòng Văn hóa và Thông tin huyện.",
        ],
        "published": True,
        "views": 35,
    },
    {
        "title": "Nông dân Ia Grai thu hoạch cà phê được mùa, được giá",
        "category": "Kinh tế – Nông nghiệp",
        "section": None,
        "author": "bientap",
        "byline": "Minh Đức",
        "tags": ["cà phê"],
        "days_ago": 3,
        "palette": ((92, 64, 32), (214, 170, 90)),
        "summary": "Niên vụ năm nay, năng suất cà phê bình quân toàn huyện ước đạt 3,2 tấn nhân "
        "mỗi héc-ta; nhiều hộ đầu tư tưới tiết kiệm nước và sấy đạt chuẩn.",
        "paragraphs": [
            "Giá cà phê nhân xô tại Ia Grai dao động quanh mức cao so với cùng kỳ, giúp nhiều "
            "hộ nông dân có thu nhập ổn định.",
            "Phòng Nông nghiệp và Phát triển nông thôn khuyến cáo bà con thu hái quả chín, phơi "
            "sấy đúng kỹ thuật để nâng cao chất lượng sản phẩm.",
        ],
        "published": True,
        "views": 18,
    },
    {
        "title": "Hội thi tuyên truyền viên giỏi về an toàn thông tin trên mạng",
        "category": "Văn hóa – Xã hội",
        "section": None,
        "author": "bientap",
        "byline": "Thu Hà",
        "tags": ["an toàn thông tin", "mạng xã hội"],
        "days_ago": 5,
        "palette": ((150, 30, 60), (250, 180, 120)),
        "summary": "Mười ba đội thi đến từ các xã, thị trấn tranh tài với các tiểu phẩm, hùng biện "
        "về kỹ năng nhận diện tin giả và ứng xử văn minh trên mạng xã hội.",
        "paragraphs": [
            "Hội thi do Trung tâm Văn hóa, Thông tin và Thể thao huyện phối hợp tổ chức.",
            "Giải nhất thuộc về đội thị trấn Ia Kha với tiểu phẩm “Dừng lại trước khi chia sẻ”.",
        ],
        "published": True,
        "views": 9,
    },
    {
        "title": "Công an huyện cảnh báo thủ đoạn lừa đảo qua mạng xã hội",
        "category": "An ninh – Trật tự",
        "section": None,
        "author": "bientap",
        "byline": "Công an huyện Ia Grai",
        "tags": ["lừa đảo trực tuyến", "an toàn thông tin"],
        "days_ago": 6,
        "palette": ((20, 60, 40), (110, 190, 130)),
        "summary": "Đối tượng giả danh cơ quan nhà nước, gửi đường dẫn lạ yêu cầu cài ứng dụng để "
        "“cập nhật định danh điện tử”; người dân không bấm vào đường dẫn, không chuyển tiền.",
        "paragraphs": [
            "Công an huyện đề nghị người dân chỉ cài ứng dụng từ kho ứng dụng chính thức và "
            "kiểm tra danh sách kênh thông tin chính thức trên cổng thông tin của huyện.",
            "Khi phát hiện trang mạng giả mạo cơ quan, lãnh đạo địa phương, người dân có thể "
            "phản ánh qua mục tiếp nhận phản ánh của cổng.",
        ],
        "published": True,
        "views": 27,
    },
    {
        "title": "Xã Ia Bă tổ chức ngày hội Đại đoàn kết toàn dân tộc",
        "category": "Văn hóa – Xã hội",
        "section": "xa-ia-ba",
        "author": "xa-ia-ba.canbo",
        "byline": "Rơ Mah H'Lan (UBND xã Ia Bă)",
        "tags": ["đại đoàn kết"],
        "days_ago": 0,
        "palette": ((200, 90, 20), (255, 220, 120)),
        "summary": "Bà con các làng trong xã cùng tham gia các trò chơi dân gian, biểu diễn cồng "
        "chiêng và trao quà cho hộ có hoàn cảnh khó khăn.",
        "paragraphs": [
            "Ngày hội là dịp tôn vinh truyền thống đoàn kết của cộng đồng các dân tộc ở xã.",
        ],
        "published": False,  # submitted: waits for the board
        "views": 0,
    },
]


def ensure_news_index(home) -> NewsIndexPage:
    """The news index, its workflow and one section per commune or town."""
    for order, (name, description) in enumerate(CATEGORIES):
        ArticleCategory.objects.update_or_create(
            name=name, defaults={"description": description, "sort_order": order}
        )
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        index = NewsIndexPage(
            title="Tin tức",
            slug="tin-tuc",
            show_in_menus=True,
            intro="Tin hoạt động của chính quyền huyện và các xã, thị trấn; thông tin tích cực, "
            "chính thống về Ia Grai.",
            search_description="Tin tức của huyện Ia Grai và các xã, thị trấn.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW)
    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK)
    task.groups.set([Group.objects.get(name=roles.EDITORIAL_BOARD)])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    existing = set(CommuneNewsIndexPage.objects.values_list("unit_id", flat=True))
    for unit in Unit.objects.filter(kind__in=COMMUNE_KINDS, active=True).order_by("sort_name"):
        if unit.pk in existing:
            continue
        section = CommuneNewsIndexPage(
            title=unit.name,
            unit=unit,
            intro=f"Tin bài do {unit.name} gửi, đã được Ban biên tập duyệt.",
        )
        index.add_child(instance=section)
        section.save_revision().publish()
    return index


def ensure_articles(index: NewsIndexPage) -> list[ArticlePage]:
    User = get_user_model()
    board = User.objects.get(username="banbientap")
    categories = {category.name: category for category in ArticleCategory.objects.all()}
    sections = {
        section.unit.code: section
        for section in CommuneNewsIndexPage.objects.child_of(index).select_related("unit")
    }
    workflow = index.get_workflow()
    today = timezone.localdate()
    pages = []
    for data in ARTICLES:
        parent = sections[data["section"]] if data["section"] else index
        page = ArticlePage.objects.child_of(parent).filter(title=data["title"]).first()
        if page is None:
            author = User.objects.get(username=data["author"])
            page = ArticlePage(
                title=data["title"],
                date=today - datetime.timedelta(days=data["days_ago"]),
                category=categories[data["category"]],
                summary=data["summary"],
                search_description=data["summary"],
                image=_picture(data["title"], data["palette"], author),
                image_caption="Ảnh minh họa.",
                author=data["byline"],
                body=[("paragraph", f"<p>{text}</p>") for text in data["paragraphs"]],
                live=False,
                owner=author,
            )
            page.tags.add(*data["tags"])
            parent.add_child(instance=page)
            page.save_revision(user=author)
            # Through the editorial workflow, as in real life: submit, then the board approves.
            workflow.start(page, author)
            if data["published"]:
                page.refresh_from_db()
                page.current_workflow_task_state.approve(user=board)
            page.refresh_from_db()
            if data["views"]:
                for days_ago in range(3):
                    ArticleDailyViews.objects.update_or_create(
                        article=page,
                        day=today - datetime.timedelta(days=days_ago),
                        defaults={"views": max(data["views"] - 5 * days_ago, 1)},
                    )
        pages.append(page)
    return pages


def _picture(title: str, palette, owner):
    """A landscape drawn at run time: sky gradient, sun, three rows of hills."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    width, height = 1600, 900
    top, bottom = palette
    mask = PILImage.linear_gradient("L").resize((width, height))
    picture = PILImage.composite(
        PILImage.new("RGB", (width, height), bottom),
        PILImage.new("RGB", (width, height), top),
        mask,
    )
    draw = ImageDraw.Draw(picture)
    draw.ellipse((1150, 120, 1350, 320), fill=(255, 236, 170))
    for row, shade in enumerate((0.55, 0.4, 0.25)):
        colour = tuple(int(channel * shade) for channel in bottom)
        base = 520 + row * 120
        points = [(0, height)]
        for step in range(0, width + 200, 200):
            points.append((step, base - ((step // 200 + row) % 3) * 60))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82)
    filename = f"tin-tuc-{hashlib.sha1(title.encode()).hexdigest()[:10]}.jpg"
    image = Image(title=title, description=title, uploaded_by_user=owner)
    image.file = ImageFile(buffer, name=filename)
    image.save()
    return image
