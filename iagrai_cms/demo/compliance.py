"""Demo compliance: reports of the seed letter in every state (accepted, returned,
submitted, draft; the untouched ones are overdue since 2021) with small generated photos,
so the dashboard tells a story. Xã Ia Bă's report is left untouched for the walkthrough.
Idempotent: only reports never touched are acted on."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from directives_app.compliance.services import decide
from directives_app.compliance.uploads import check_upload
from directives_app.models import ComplianceReport, Evidence, Membership

SEED = "972/UBND-VHTT"
# unit code → what happens to its report of the seed letter
STORY = {
    "tt-ia-kha": "accepted",
    "phong-vhtt": "accepted",
    "xa-ia-o": "returned",
    "xa-ia-to": "submitted",
    "cong-an-huyen": "submitted",
    "xa-ia-krai": "draft",
}
RESULT_TEXT = "Đã tổ chức tuyên truyền trên loa truyền thanh, trang Zalo và tại các buổi họp thôn."


def photo(label: str, color: tuple[int, int, int]) -> SimpleUploadedFile:
    image = Image.new("RGB", (480, 320), color)
    ImageDraw.Draw(image).text((20, 20), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile(f"{label}.jpg", buffer.getvalue(), "image/jpeg")


def _person(unit, role):
    membership = Membership.objects.filter(unit=unit, role=role).select_related("user").first()
    return membership.user if membership else None


def _draft(report: ComplianceReport, user) -> None:
    for result in report.results.all():
        result.outcome, result.text = "done", RESULT_TEXT
        result.save()
    report.summary = "Đơn vị đã quán triệt và triển khai đầy đủ các nội dung của văn bản."
    for index, color in enumerate(((30, 90, 160), (170, 60, 40))):
        checked = check_upload(photo(f"{report.unit.code}-{index + 1}", color), 5 * 1024 * 1024)
        evidence = Evidence(
            report=report,
            caption=f"Ảnh tuyên truyền {index + 1}",
            uploaded_by=user,
            original_name=checked.original_name,
            sha256=checked.sha256,
            size=checked.size,
            content_type=checked.content_type,
        )
        evidence.file.save(checked.safe_name, checked.upload, save=False)
        evidence.preview.save("xem-truoc.jpg", checked.preview, save=False)
        evidence.save()
    report.save_revision(user=user)


def ensure_story() -> dict[str, str]:
    reviewer = get_user_model().objects.get(username="thamdinh")
    done = {}
    for code, outcome in STORY.items():
        report = ComplianceReport.objects.filter(directive__symbol=SEED, unit__code=code).first()
        if report is None or report.latest_revision_id:
            continue
        head = _person(report.unit, Membership.Role.HEAD)
        focal = _person(report.unit, Membership.Role.FOCAL) or head
        _draft(report, focal)
        if outcome != "draft":
            report.get_workflow().start(report, head)
            report.refresh_from_db()
        if outcome in ("accepted", "returned"):
            state = report.current_workflow_task_state.specific
            action = "approve" if outcome == "accepted" else "reject"
            extra = (
                {
                    "comment": "Bổ sung đường dẫn bài đăng trên trang Zalo của xã.",
                    "checklist": ["Thiếu đường dẫn bài đăng trên kênh thông tin"],
                }
                if action == "reject"
                else {"comment": "Đạt yêu cầu."}
            )
            decide(state.task.specific, state, reviewer, action, **extra)
        done[code] = outcome
    return done
