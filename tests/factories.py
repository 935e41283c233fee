"""Builders for directive tests (imported by conftest and by tests that need them
outside pytest-django's transaction)."""

from directives_app.models import AddresseeGroup, DirectivePage, Unit


def build_directive(
    register,
    title="Văn bản thử",
    publish=True,
    units=("xa-ia-ba",),
    groups=(),
    tasks=1,
    legal_basis=(),
    **fields,
) -> DirectivePage:
    issuer = Unit.objects.get(code="ubnd-huyen-ia-grai")
    fields.setdefault("doc_type", "cong_van")
    fields.setdefault("drafting_unit", Unit.objects.get(code="phong-vhtt"))
    page = DirectivePage(title=title, issuer=issuer, live=False, body="Nội dung.", **fields)
    for text in legal_basis:
        page.legal_basis.add(page.legal_basis.model(text=text))
    for index in range(tasks):
        task = page.tasks.model(heading=f"Nhiệm vụ {index + 1}", body="- Thực hiện.")
        task.addressee_units = list(Unit.objects.filter(code__in=units))
        task.addressee_groups = list(AddresseeGroup.objects.filter(code__in=groups))
        page.tasks.add(task)
    register.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def directive_form_data(**overrides) -> dict:
    """POST data of the admin's DirectivePage form: one task for Xã Ia Bă."""
    data = {
        "title": "tăng cường tuyên truyền phòng, chống tin giả",
        "slug": "tang-cuong-tuyen-truyen-phong-chong-tin-gia",
        "doc_type": "cong_van",
        "issuer": str(Unit.objects.get(code="ubnd-huyen-ia-grai").pk),
        "drafting_unit": str(Unit.objects.get(code="phong-vhtt").pk),
        "number": "",
        "issued_on": "",
        "place": "",
        "series": "",
        "urgency": "",
        "body": "Nhằm tăng cường công tác tuyên truyền.",
        "requires_reports": "on",
        "closing": "Yêu cầu thực hiện./.",
        "recipients_text": "",
        "signer_authority": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Đỗ Văn Đông",
        "distribution": "- Như trên;\n- Lưu: VT.",
        "signed_pdf": "",
        "legal_basis-TOTAL_FORMS": "0",
        "legal_basis-INITIAL_FORMS": "0",
        "legal_basis-MIN_NUM_FORMS": "0",
        "legal_basis-MAX_NUM_FORMS": "1000",
        "tasks-TOTAL_FORMS": "1",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
        "tasks-0-heading": "UBND xã Ia Bă",
        "tasks-0-body": "- Tuyên truyền trên loa truyền thanh.",
        "tasks-0-addressee_units": [str(Unit.objects.get(code="xa-ia-ba").pk)],
        "tasks-0-deadline": "",
        "tasks-0-deadline_working_days": "",
        "tasks-0-evidence_required": "on",
        "tasks-0-ORDER": "1",
        "tasks-0-id": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
