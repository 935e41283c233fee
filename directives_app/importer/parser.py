"""The layout parser: the text of a Vietnamese administrative letter (Nghị định 30/2020,
Phụ lục I) → its fields. A pure function of the text: no database, no request.

A letter has three zones and the parser reads them in turn:

- the header, two columns that copies flatten into one line or interleave: issuing body,
  "Số: …", "V/v …" on the left; national title, motto, "place, ngày … tháng … năm …" on
  the right; for other types than công văn, the type title ("KẾ HOẠCH") and the subject
  below. The header is cut into segments at those anchors, wherever they are in a line;
- the body: "Kính gửi", the legal basis ("Căn cứ", "Thực hiện", "Xét"), paragraphs, the
  numbered tasks (I., 1., 1.1., a)) with their "-" bullets, or, without numbers,
  paragraphs that address a unit inside a sentence ("… giao Phòng Tư pháp chủ trì …"),
  and the closing paragraph ("… triển khai thực hiện./.");
- the footer, two columns again: "Nơi nhận:" with its "- …;" lines, and the signer block
  (TM./KT./Q./TL./TUQ. lines, title, name), in either order or interleaved.

Every heuristic here answers a layout seen in real copies; `tests/directives/letters/`
holds one letter per case with its expected result.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..symbols import TYPE_CODES, DocType
from ..vietnamese import fold, nfc
from .header_layout import split_issuer, unwrap_header
from .text import clean_lines

# -- data ---------------------------------------------------------------------------------


@dataclass
class ParsedTask:
    heading: str
    addressees: list[str]
    paragraphs: list[str] = field(default_factory=list)
    deadline: datetime.date | None = None
    working_days: int | None = None
    bullets: int = 0
    units: list[str] = field(default_factory=list)
    level: int = 0
    # "định kỳ ngày 07 hàng tháng": a recurring date, kept as printed, not a deadline.
    recurring: str = ""
    # How each addressee was resolved (resolve.py): evidence, confidence, status.
    resolution: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "heading": self.heading,
            "addressees": list(self.addressees),
            "units": list(self.units),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "recurring": self.recurring or None,
            "bullets": self.bullets,
            "resolution": [dict(item) for item in self.resolution],
        }


@dataclass
class Signer:
    form_lines: list[str] = field(default_factory=list)
    title: str = ""
    name: str = ""

    @property
    def form(self) -> str:
        return " ".join(self.form_lines)

    def to_json(self) -> dict:
        return {"form": self.form, "title": self.title, "name": self.name}


@dataclass
class ParsedLetter:
    doc_type: str = DocType.CONG_VAN.value
    number: int | None = None
    symbol: str = ""
    issuer: str = ""
    issuer_lines: list[str] = field(default_factory=list)
    # The body printed above the issuer (tên cơ quan chủ quản): "UBND TỈNH X" over "SỞ Y".
    parent_issuer: str = ""
    # Field name → (the line it was read from, confidence 0..1), for the clerk's review.
    sources: dict[str, tuple[str, float]] = field(default_factory=dict)
    place: str = ""
    date: datetime.date | None = None
    year: int | None = None  # printed even when day and month are left blank
    subject: str = ""
    recipients: list[str] = field(default_factory=list)
    legal_basis: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    distribution: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Not a letter at all (no header): the command exits with status 2, nothing is created.
    errors: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)  # body paragraphs before the tasks
    closing: list[str] = field(default_factory=list)
    # Filled by resolve.resolve_letter (codes of Unit rows).
    issuer_unit: str = ""
    drafting_unit: str = ""

    @property
    def doc_type_label(self) -> str:
        return str(DocType(self.doc_type).label)

    @property
    def drafting_abbreviation(self) -> str:
        """ "VHTT" in "971/UBND-VHTT": the drafting unit of a công văn."""
        tail = self.symbol.rsplit("/", 1)[-1]
        parts = [part for part in tail.split("-") if part]
        if self.doc_type == DocType.CONG_VAN and len(parts) >= 2:
            return parts[-1]
        return ""

    @property
    def issuer_abbreviation(self) -> str:
        tail = self.symbol.rsplit("/", 1)[-1]
        parts = [part for part in tail.split("-") if part]
        if not parts:
            return ""
        if self.doc_type == DocType.CONG_VAN or len(parts) == 1:
            return parts[0]
        return parts[1]

    @property
    def complete(self) -> bool:
        """Nothing to check by hand: numbered, dated, every name resolved, no warning."""
        return (
            not self.errors
            and not self.warnings
            and self.number is not None
            and self.date is not None
            and bool(self.issuer_unit)
        )

    def to_json(self) -> dict:
        """The importer's public schema (issue 4), in its order."""
        return {
            "doc_type": self.doc_type,
            "number": self.number,
            "symbol": self.symbol,
            "issuer": self.issuer,
            "parent_issuer": self.parent_issuer,
            "place": self.place,
            "date": self.date.isoformat() if self.date else None,
            "subject": self.subject,
            "recipients": list(self.recipients),
            "legal_basis": list(self.legal_basis),
            "citations": list(self.citations),
            "tasks": [task.to_json() for task in self.tasks],
            "signer": self.signer.to_json(),
            "distribution": list(self.distribution),
            "warnings": list(self.warnings),
            "sources": {
                name: {"line": line, "confidence": round(confidence, 2)}
                for name, (line, confidence) in self.sources.items()
            },
        }


# -- patterns -----------------------------------------------------------------------------

UPPER = "A-ZĐÀ-Ỹ"  # includes every capital Vietnamese letter (precomposed, NFC)
# In capitals only: "Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam" is a subject.
_NATIONAL = re.compile(
    r"C[ỘO]NG\s*H(?:ÒA|OÀ|OA)\s*X[ÃAà]\s*H[ỘO]I\s*CH[ỦU]\s*NGH[ĨI]A\s*VI[ỆE]T\s*NAM"
    r"|Đ[ẢA]NG\s+C[ỘO]NG\s+S[ẢA]N\s+VI[ỆE]T\s+NAM"
)
_MOTTO = re.compile(r"Độc\s*lập\s*[-–—‐−]*\s*Tự\s*do\s*[-–—‐−]*\s*Hạnh\s*phúc\.?", re.IGNORECASE)
_SO = re.compile(
    r"(?<![\w/])(?:Số|SỐ|số)\s*[:.]?\s*(?P<symbol>(?P<num>\d+)?[\s._…]*"
    r"(?:-\s*[A-Za-zĐđ]{1,6}\s*)?(?:/\s*\d{4}\s*)?/\s*[A-ZĐ][\w&.]*"
    r"(?:\s*[-–—/]\s*[A-ZĐ][\w&.]*)*)"
)
_DATE_CORE = (
    r"ngày\s*(?P<d>\d{1,2})?[\s.…_]*tháng\s*(?P<m>\d{1,2})?[\s.…_]*năm\s*(?P<y>\d{4})?"
    r"|ngày\s*(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4})"
)
# "Ia Grai, ngày 09 tháng 11 năm 2021": up to six words of place, a comma, the date.
_HEADER_DATE = re.compile(
    r"(?:(?<![\w/-])(?P<place>(?:[^\W\d_][\w.'-]*\s+){0,5}[^\W\d_][\w.'-]*)\s*,\s*|^\s*)"
    rf"(?:{_DATE_CORE})",
    re.IGNORECASE,
)
_VV = re.compile(r"(?<!\w)(?:V/v|V\.v|v/v|V/V|V[ềe]\s+vi[ệêe]c|V[ỀE]\s+VI[ỆÊE]C)\b\s*:?\s*")
_AUTHORITY_LINE = re.compile(
    r"(?:y|uy) ban nhan dan|ubnd|chu tich|bo truong|giam doc|thu truong|ban thuong vu|"
    r"ban chap hanh|hoi dong nhan dan|truong ban|chanh van phong|dang uy|huyen uy|tinh uy|"
    r"du thao|khan|hoa toc|mat"
)
_KINH_GUI = re.compile(r"(?<!\w)Kính\s+g[ửở]i\b\s*:?\s*", re.IGNORECASE)
_TYPE_TITLES = {
    "KẾ HOẠCH": DocType.KE_HOACH,
    "QUYẾT ĐỊNH": DocType.QUYET_DINH,
    "CHỈ THỊ": DocType.CHI_THI,
    "THÔNG BÁO": DocType.THONG_BAO,
    "BÁO CÁO": DocType.BAO_CAO,
    "HƯỚNG DẪN": DocType.HUONG_DAN,
    "CHƯƠNG TRÌNH": DocType.CHUONG_TRINH,
    "TỜ TRÌNH": DocType.TO_TRINH,
    "GIẤY MỜI": DocType.GIAY_MOI,
    "NGHỊ QUYẾT": DocType.NGHI_QUYET,
    "CÔNG ĐIỆN": DocType.CONG_DIEN,
}
_TYPE_TITLE = re.compile(
    r"^(?P<title>" + "|".join(re.escape(title) for title in _TYPE_TITLES) + r")(?![\w])\s*:?\s*"
)
_TYPE_CODES = {code: doc_type for doc_type, code in TYPE_CODES.items() if code}
_TYPE_CODES.update({"QD": DocType.QUYET_DINH, "CD": DocType.CONG_DIEN, "CV": DocType.CONG_VAN})

_OPENER = re.compile(
    r"^(?:Kính\s+g[ửở]i|Căn\s+cứ|Thực\s+hiện|Xét|Theo|Nhằm|Để|Trên\s+cơ\s+sở|Vừa\s+qua|"
    r"Hiện\s+nay|Trong|Ngày|Sau|Qua|Nhận\s+được|Tiếp\s+theo|Triển\s+khai|Năm|Thời\s+gian|"
    r"Hôm\s+nay|Phúc\s+đáp|Ủy\s+ban|UBND|Chủ\s+tịch|Văn\s+phòng|Thường\s+trực)\b"
)
_BASIS = re.compile(r"^(?P<verb>Căn\s+cứ|Thực\s+hiện|Xét)\b\s*:?\s*")
# Every opener of a legal-basis paragraph (issue 16): "Theo đề nghị của … tại Tờ trình số
# …", "Tiếp theo Công văn số …", "Phúc đáp Công văn số …", "Trên cơ sở …".
_BASIS_OPENER = re.compile(
    r"^(?P<verb>Căn\s+cứ|Thực\s+hiện|Xét|Theo|Tiếp\s+theo|Phúc\s+đáp|Trên\s+cơ\s+sở)\b\s*:?\s*"
)
# A basis inside a sentence: "Ủy ban nhân dân tỉnh nhận được Công văn số …".
_INLINE_BASIS = re.compile(
    r"(?:nhận\s+được|(?:^|[,;.]\s*)(?:[Tt]hực\s+hiện|[Cc]ăn\s+cứ|[Tt]heo|[Tt]iếp\s+theo|"
    r"[Pp]húc\s+đáp|[Xx]ét|[Tt]rên\s+cơ\s+sở))(?:\s+(?:chỉ\s+đạo|ý\s+kiến|đề\s+nghị)\s+của\s+[^,;]{1,80}?\s+tại)?"
    r"\s*:?\s*$"
)
_ITEM = re.compile(
    r"^(?:(?P<roman>(?:X{0,3})(?:IX|IV|V?I{0,3}))\s*[.)]"
    r"|(?P<dotted>\d{1,2}\.\d{1,2})\.?"
    r"|(?P<arabic>\d{1,2})\s*[.)](?!\d)"
    r"|(?P<letter>[a-zđ])\s*\)"
    r"|(?P<letter2>[a-zđ])\.(?=\s+[" + UPPER + r"]))"
    r"\s*(?P<text>\S.*)$"
)
_BULLET = re.compile(r"^[-–—•+]\s*")
_URGENCY = re.compile(r"^(?:KHẨN|HỎA\s+TỐC|HOẢ\s+TỐC|THƯỢNG\s+KHẨN|MẬT|TỐI\s+MẬT|TUYỆT\s+MẬT)\.?$")
# "Điều 2." of a quyết định: an item of the first level.
_ARTICLE = re.compile(r"^Điều\s+(?P<n>\d{1,2})\s*[.:]\s*(?P<text>.*)$")
# An article that only says the decision applies ("… chịu trách nhiệm thi hành Quyết định
# này", "Quyết định này có hiệu lực …"): the closing, not a task.
_EXECUTION = re.compile(
    r"thi\s+hành\s+(?:Quyết\s+định|Chỉ\s+thị|Nghị\s+quyết)\s+này|có\s+hiệu\s+lực|"
    r"Ban\s+hành\s+kèm\s+theo",
    re.IGNORECASE,
)
_COUNTED_BULLET = re.compile(r"^[-–—•]")
_NOI_NHAN = re.compile(r"^Nơi\s+nhận\b\s*:?\s*", re.IGNORECASE)
# "TM.", "KT.", "Q.", "TL.", "TUQ." (state bodies), "T/M", "K/T" (Party): always with their
# dot or slash, so that "KTHT" in "- Phòng KTHT;" is not taken for one.
_MARKER = r"(?:(?:TM|KT|TL|TUQ|Q)\.|T/M|K/T|T\.M\.?|K\.T\.?)"
_AUTHORITY = re.compile(rf"^{_MARKER}\s*(?=[{UPPER}])")
_AUTHORITY_INSIDE = re.compile(rf"(?<=\S)\s+(?={_MARKER}\s*[{UPPER}]{{2}})")
_PLACEHOLDER = re.compile(
    r"^(?:[(\[].*[)\]]|(?:đã\s+ký|ký\s+tên|ký,|chữ\s+ký|ký\s+bởi|signed|thời\s+gian\s+ký|"
    r"email\s*:|cơ\s+quan\s*:)\b.*|ký)$",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^(?:Trên\s+đây|Trong\s+quá\s+trình|Quá\s+trình\s+thực\s+hiện|Nhận\s+được|Đề\s+nghị|"
    r"Yêu\s+cầu|Căn\s+cứ\s+nội\s+dung|"
    r"(?:Ủy\s+ban\s+nhân\s+dân|UBND|Chủ\s+tịch|Văn\s+phòng|Ban\s+Thường\s+vụ|Thường\s+trực|"
    r"Đảng\s+ủy|Ban\s+Chỉ\s+đạo)\b[^.;]{0,60}?\b(?:yêu\s+cầu|đề\s+nghị|thông\s+báo)\b)"
)
_GIAO = re.compile(r"(?:^|(?<=[\s,;:]))[Gg]iao\s+(?:cho\s+)?(?=[" + UPPER + r"])")
_REQUEST = re.compile(r"(?:^|(?<=\s))(?:[Yy]êu\s+cầu|[Đđ]ề\s+nghị)\s+(?=[" + UPPER + r"])")
_PREFIX_WORDS = re.compile(r"^(?:Đối\s+với|Giao\s+cho|Giao|Đề\s+nghị|Yêu\s+cầu)\s+")

# Lower-case words that end the name of an addressee inside a sentence
# ("giao Phòng Tư pháp | chủ trì, phối hợp …").
_STOP_VERBS = (
    "chủ trì|phối hợp|thực hiện|triển khai|tham mưu|theo dõi|tổ chức|hướng dẫn|kiểm tra|"
    "rà soát|báo cáo|khẩn trương|nghiêm túc|tiếp tục|xây dựng|có trách nhiệm|"
    "chịu trách nhiệm|chỉ đạo|tăng cường|phổ biến|tuyên truyền|quán triệt|nghiên cứu|"
    "đôn đốc|thường xuyên|chủ động|phụ trách|cung cấp|tổng hợp|giám sát|bố trí|đảm bảo|"
    "bảo đảm|tập trung|thẩm định|ban hành|soạn thảo|xử lý|cập nhật|gửi|đăng tải|thống kê|"
    "chuẩn bị|lập|cử|phải|cần|làm|nắm|trình|đề xuất|xem xét|căn cứ|kịp thời|hoàn thành|"
    "thông báo|phát hiện|ngăn chặn|quản lý|vận động|duy trì|đẩy mạnh|kiện toàn|lựa chọn|"
    "tiếp nhận|giải quyết|là|được|để|nhằm"
)
_STOP_VERB = re.compile(r"(?<![\w])(?:" + _STOP_VERBS + r")(?![\w])")

# Folded beginnings of an addressee phrase: a unit, a group of units or a unit's head.
_ADDRESSEE_STARTS = (
    "phong ", "ubnd", "uy ban ", "cong an", "cong doan", "trung tam ", "ban ", "van phong",
    "thanh tra", "hoi ", "hdnd", "dai ", "chi cuc", "chi nhanh", "chi bo", "chi doan",
    "kho bac", "bao hiem", "doan ", "huyen uy", "huyen doan", "lien doan", "mat tran",
    "ngan hang", "benh vien", "truong ", "thu truong", "chu tich", "pho chu tich",
    "giam doc", "pho giam doc", "chanh ", "lanh dao", "bi thu", "dang uy", "co quan",
    "hat ", "doi ", "vien ", "so ", "toa an", "xa ", "thi tran", "to ", "cac co quan",
    "cac don vi", "cac xa", "cac phong", "cac chi bo", "cac truong", "cac doan the",
    "cac ban", "cac nganh", "cac hoi", "cac dia phuong", "cac to chuc", "cac thon",
    "cac co so", "cac doanh nghiep", "cac cap", "tat ca cac", "cong chuc", "can bo",
    "thuong truc", "bo chi huy", "ban chi huy",
)  # fmt: skip
_NOT_ADDRESSEE_STARTS = (
    "to chuc", "ban hanh", "hoi nghi", "hoi thi", "hoi thao", "xa hoi", "truong hop",
    "so luong", "chu truong", "thu tuc", "doi voi", "co quan tam", "thi tran nay",
)  # fmt: skip
_TITLE_HEADS = {"PHÓ", "CHÁNH", "TRƯỞNG", "GIÁM", "CHỦ", "BÍ", "THỦ", "CHỈ", "P."}

# -- citations ----------------------------------------------------------------------------

_KINDS = (
    "Thông tư liên tịch|Công văn|Kế hoạch|Quyết định|Chỉ thị|Thông báo|Báo cáo|Hướng dẫn|"
    "Chương trình|Nghị quyết|Nghị định|Thông tư|Công điện|Tờ trình|Kết luận|Quy định|"
    "Quy chế|Văn bản|Giấy mời"
)
_KIND_ALTERNATION = "|".join(
    f"[{kind[0]}{kind[0].lower()}]{kind[1:]}" for kind in _KINDS.split("|")
)
_SYMBOL_PATTERN = (
    r"\d{1,5}[a-z]?\s*(?:-\s*[A-ZĐ][A-Za-zĐđ]{0,5}\s*)?(?:/\s*\d{4}\s*)?/\s*[A-ZĐ][\w&.]*"
    r"(?:\s*-\s*[A-ZĐ][\w&.]*)*"
)
_DATE_NUMERIC = r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}[.-]\d{1,2}[.-]\d{4}"
_DATE_WORDS = r"\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
_CITATION = re.compile(
    rf"(?<!\w)(?P<kind>{_KIND_ALTERNATION})"
    # "Chương trình hành động số 09-CTr/TU": a few words may come between kind and number.
    rf"(?:(?:\s+[a-zà-ỹđ]+){{1,3}}\s+s[ốô]\s*:?\s*|\s+(?:s[ốô]\s*:?\s*)?)"
    rf"(?P<symbol>{_SYMBOL_PATTERN})"
    rf"(?P<date>\s+ngày\s+(?:{_DATE_NUMERIC}|{_DATE_WORDS}))?"
)
_LAW = re.compile(
    r"(?<!\w)(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Hiến\s+pháp)\s+"
    r"(?=[" + UPPER + r"]|năm\s+\d{4}|(?P<amending>sửa\s+đổi))"
)
_LAW_DATE = re.compile(rf"(?:ngày\s+(?:{_DATE_NUMERIC}|{_DATE_WORDS})|năm\s+\d{{4}})|;")
_CITATION_STOP = {
    "về", "v/v", "V/v", "đã", "tại", "nhằm", "để", "với", "đến", "theo", "trên", "việc",
    "đối", "là", "được", "gửi", "kèm", "thì", "khi", "nay", "này", "giao", "yêu", "đề",
    "có", "cho", "trong", "sau", "vào", "nên", "mà",
}  # fmt: skip
# Verbs of two syllables whose first one also occurs inside names ("quy phạm").
_CITATION_STOP_PAIRS = {
    ("quy", "định"), ("ban", "hành"), ("phê", "duyệt"), ("hướng", "dẫn"), ("triển", "khai"),
    ("thực", "hiện"), ("sửa", "đổi"), ("bổ", "sung"), ("hợp", "nhất"), ("công", "bố"),
    ("quy", "chế"), ("về", "việc"), ("kết", "luận"), ("thông", "báo"),
}  # fmt: skip
_KIND_FIRST_WORDS = {kind.split()[0] for kind in _KINDS.split("|")} | {"Luật", "Bộ"}

# -- deadlines ----------------------------------------------------------------------------

_DEADLINE = re.compile(
    r"(?<!\w)(?:trước|chậm\s+nhất|muộn\s+nhất|hạn\s+chót|hạn\s+cuối|không\s+quá|thời\s+hạn|"
    r"hạn)(?:\s+là)?\s*:?\s*"
    r"(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2})?(?:\s*phút)?\s*,?\s*)?(?:(?:vào\s+)?ngày\s+)?"
    r"(?P<date>(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?(?![\d/])"
    r"|(?P<d2>\d{1,2})[.-](?P<m2>\d{1,2})[.-](?P<y2>\d{4})"
    r"|(?P<d3>\d{1,2})\s+tháng\s+(?P<m3>\d{1,2})(?:\s*,?\s*năm\s+(?P<y3>\d{4}))?)",
    re.IGNORECASE,
)
_DEADLINE_PERIOD = re.compile(
    r"(?<!\w)(?:(?:hoàn\s+thành|hoàn\s+tất|xong|kết\s+thúc)\s+"
    r"(?P<prep>trong|trước|vào\s+cuối|vào|cuối)?"
    r"|(?P<prep2>trong|trước|vào\s+cuối|cuối|chậm\s+nhất\s+(?:trong|vào))\s+)\s*"
    r"(?P<period>tháng\s+(?P<m>\d{1,2})(?:\s*[/-]\s*|\s+năm\s+)(?P<y>\d{4})"
    r"|quý\s+(?P<q>IV|I{1,3}|[1-4])(?:\s*[/-]\s*|\s+năm\s+)(?P<qy>\d{4}))",
    re.IGNORECASE,
)
# "định kỳ ngày 07 hàng tháng", "trước ngày 20 hằng tháng", "hằng quý": recurring.
_RECURRING = re.compile(
    r"(?:định\s+kỳ\s+)?(?:(?:trước|vào|chậm\s+nhất)\s+)?(?:ngày\s+\d{1,2}\s+)?"
    r"(?:hằng|hàng)\s+(?:tháng|quý|năm|tuần)(?:\s*\([^)]{0,40}\))?"
    r"|định\s+kỳ\s+(?:hằng\s+|hàng\s+)?(?:tháng|quý|năm|tuần|\d+\s+tháng)",
    re.IGNORECASE,
)
_WORKING_DAYS = re.compile(
    r"trong\s+(?:thời\s+hạn\s+|vòng\s+)?(?P<n>\d{1,3})\s+ngày\s+làm\s+việc", re.IGNORECASE
)


# -- small helpers ------------------------------------------------------------------------


_BODY_NAME_STARTS = (
    "uy ban", "y ban nhan dan", "ubnd", "bo ", "so ", "phong ", "van phong", "ban ", "dang ",
    "hoi dong", "hdnd", "truong ", "cong an", "thanh tra", "toa an", "vien ", "cuc ",
    "tong cuc", "chi cuc", "trung tam", "dai ", "benh vien", "hoi ", "mat tran", "doan ",
    "lien doan", "kho bac", "ngan hang", "bao hiem", "chinh phu", "thu tuong", "quoc hoi",
    "huyen uy", "tinh uy", "thanh uy", "quan uy", "chi bo", "bo chi huy", "hoc vien",
    "dai hoc", "chu tich", "tong lien doan", "hat ", "doi ",
)  # fmt: skip


def _starts_body_name(text: str) -> bool:
    """A line in capitals that starts the name of a body ("ỦY BAN NHÂN DÂN", "SỞ …")."""
    return _is_upper(text) and fold(text[:40]).startswith(_BODY_NAME_STARTS)


def _is_upper(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and not any(char.islower() for char in letters)


def _strip_item(text: str) -> str:
    return text.strip().strip(";,.:").strip()


def _date_or_none(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _words_key(text: str) -> str:
    key = re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()
    return re.sub(r"\buy ban nhan dan\b", "ubnd", key)


# -- header -------------------------------------------------------------------------------


@dataclass
class _Segment:
    kind: str  # national, motto, so, date, vv, kinh_gui, type, plain
    text: str
    match: re.Match | None = None
    raw: str = ""  # as printed, for the body when the header ends inside this line

    def __post_init__(self) -> None:
        self.raw = self.raw or self.text


def _find_anchor(text: str, start: int, after_vv: bool) -> tuple[int, int, str, re.Match] | None:
    """The earliest header anchor in text[start:] as (start, end, kind, match)."""
    found: list[tuple[int, int, str, re.Match]] = []
    candidates = [("national", _NATIONAL), ("motto", _MOTTO), ("date", _HEADER_DATE)]
    if not after_vv:
        candidates += [("so", _SO), ("vv", _VV), ("kinh_gui", _KINH_GUI)]
    for kind, pattern in candidates:
        match = pattern.search(text, start)
        if match is None:
            continue
        begin = match.start()
        if kind == "date":
            # The place is title case: capitals in front of it belong to the issuer.
            place = match.group("place") or ""
            words = place.split()
            leading = 0
            while leading < len(words) - 1 and _is_upper(words[leading]):
                leading += 1
            if leading:
                begin = text.index(words[leading], match.start("place"))
            if match.group("place") is None and match.start() != 0:
                continue
        found.append((begin, match.end(), kind, match))
    if not found:
        return None
    return min(found, key=lambda item: (item[0], -item[1]))


def _segments(line: str) -> list[_Segment]:
    """A header line cut at every anchor, each cell of the line separately."""
    segments: list[_Segment] = []
    for cell in line.split("\t"):
        position, after_vv = 0, False
        while position < len(cell):
            anchor = _find_anchor(cell, position, after_vv)
            if anchor is None:
                rest = cell[position:].strip()
                if rest:
                    segments.append(_classify_plain(rest))
                break
            begin, end, kind, match = anchor
            before = cell[position:begin].strip()
            if before:
                segments.append(_classify_plain(before))
            if kind == "vv":
                # The rest of the cell is the subject, up to a right-column anchor.
                following = _find_anchor(cell, end, after_vv=True)
                stop = following[0] if following else len(cell)
                segments.append(
                    _Segment("vv", cell[end:stop].strip(), match, cell[begin:stop].strip())
                )
                position, after_vv = stop, True
                continue
            if kind == "kinh_gui":
                segments.append(_Segment("kinh_gui", cell[begin:].strip(), match))
                break
            segments.append(_Segment(kind, cell[begin:end].strip(), match))
            position = end
    return segments


def _classify_plain(text: str) -> _Segment:
    match = _TYPE_TITLE.match(text)
    if match and not text[match.end() :].isupper():
        return _Segment("type", text, match)
    return _Segment("plain", text)


def _continues_subject(previous: str, text: str) -> bool:
    if not text or _is_upper(text) or _OPENER.match(text) or _ITEM.match(text):
        return False
    if _BULLET.match(text):
        return False
    if text[0].islower():
        return True
    return len(text) < 80 and not previous.rstrip().endswith((".", ";", ":"))


@dataclass
class _Header:
    found: bool = False
    issuer_lines: list[str] = field(default_factory=list)
    symbol: str = ""
    number: int | None = None
    symbol_seen: bool = False
    place: str = ""
    date: datetime.date | None = None
    year: int | None = None
    date_seen: bool = False
    date_text: str = ""
    symbol_text: str = ""
    national: bool = False
    subject_parts: list[str] = field(default_factory=list)
    type_title: str = ""


def _parse_header(lines: list[str]) -> tuple[_Header, list[str]]:
    """The header fields and the lines after the header."""
    header = _Header()
    state = ""  # "vv" or "type": the subject may continue on the next line
    started = False
    skipped = 0
    above: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            if state and header.subject_parts:
                state = ""
            continue
        if (
            state
            and header.symbol_seen
            and header.date_seen
            and _is_upper(line)
            and not _TYPE_TITLE.match(line)
        ):
            # "… NGHỊ QUYẾT SỐ 41/2022/NQ-HĐND NGÀY 09/12/2022 …" inside a title in
            # capitals: not a second symbol or date.
            segments = [_Segment("plain", line.replace("\t", " "))]
        else:
            segments = _segments(line)
        for position, segment in enumerate(segments):
            kind, text = segment.kind, segment.text
            if kind == "plain" and not re.search(r"\w", text):
                continue  # "." after the date, "|" of a table, a rule
            if not started and kind == "plain":
                # "1. UBND TỈNH …": the number of a list the page put the copy in.
                text = re.sub(r"^\d{1,2}\.\s+(?=\S)", "", text)
            if not started:
                if kind == "plain" and not _starts_body_name(text):
                    # Lines above the letter copied from a web page ("Trang chủ › …",
                    # the page's title in capitals, "Số hiệu: …" metadata).
                    skipped += 1
                    above = above + [text] if _is_upper(text) else []
                    if skipped > 12:
                        return header, lines
                    break
                if kind != "plain" and above:
                    # An issuer whose name the list of bodies does not know, right above
                    # the first anchor.
                    header.issuer_lines = above[-2:]
                started = True
            if kind == "national":
                header.national = True
                state = ""
            elif kind == "motto":
                state = ""
            elif kind == "so":
                _read_symbol(header, segment.match)
                state = ""
            elif kind == "date" and header.date_seen and state and header.subject_parts:
                header.subject_parts.append(text)  # "Về cho học sinh nghỉ học" / "Ngày 26/11"
            elif kind == "date":
                _read_date(header, segment.match, text)
                state = ""
            elif kind == "vv":
                header.subject_parts = [text] if text else []
                state = "vv"
            elif kind == "type":
                header.type_title = segment.match.group("title")
                rest = text[segment.match.end() :].strip()
                rest = _VV.sub("", rest, count=1) if _VV.match(rest) else rest
                header.subject_parts = [rest] if rest else []
                state = "type"
            elif kind == "kinh_gui":
                return _finish_header(header, segments[position:], lines[index + 1 :])
            elif (
                not state
                and not header.subject_parts
                and not header.type_title
                and header.symbol_seen
                and re.match(r"Về\s+[a-zà-ỹđ]", text)
            ):
                header.subject_parts = [text]
                state = "vv"
            elif state and _subject_continues(header, state, text):
                if _VV.match(text) and not header.subject_parts:
                    text = _VV.sub("", text, count=1)
                header.subject_parts.append(text)
            elif _is_upper(text) and not (
                header.symbol_seen or header.type_title or header.subject_parts
            ):
                header.issuer_lines.append(text)
            else:
                return _finish_header(header, segments[position:], lines[index + 1 :])
    return _finish_header(header, [], [])


def _subject_continues(header: _Header, state: str, text: str) -> bool:
    if not header.subject_parts:
        # "V/v:" or "KẾ HOẠCH" alone on its line: the subject is the next line.
        if _OPENER.match(text) or _ITEM.match(text) or _KINH_GUI.match(text):
            return False
        return state == "type" or not _is_upper(text)
    previous = header.subject_parts[-1] if header.subject_parts else ""
    if _is_upper(text) and _is_upper(previous):
        # A title in capitals wraps over several lines; the authority line of a quyết
        # định ("ỦY BAN NHÂN DÂN TỈNH X", "CHỦ TỊCH …") follows it.
        return not _AUTHORITY_LINE.match(fold(text[:30])) and not _TYPE_TITLE.match(text)
    if (
        len(text) <= 30
        and not _is_upper(text)
        and not _KINH_GUI.match(text)
        and not _ITEM.match(text)
        and not _BASIS.match(text)
        and not text.endswith(":")
    ):
        return True  # "Ngày 26/11/2018" under "Về cho học sinh nghỉ học"
    return _continues_subject(previous, text)


def _finish_header(
    header: _Header, segments: list[_Segment], rest: list[str]
) -> tuple[_Header, list[str]]:
    header.found = header.symbol_seen or header.national or header.date_seen
    first = "\t".join(segment.raw for segment in segments)
    return header, ([first] if first else []) + rest


def _read_symbol(header: _Header, match: re.Match) -> None:
    if header.symbol_seen:
        return
    header.symbol_seen = True
    header.symbol_text = match.group(0).strip()
    symbol = re.sub(r"\s+", "", match.group("symbol"))
    symbol = re.sub(r"[–—]", "-", symbol)
    symbol = re.sub(r"^[._…]+", "", symbol).rstrip(".")
    header.symbol = symbol
    digits = re.match(r"\d+", symbol)
    header.number = int(digits.group()) if digits else None


def _read_date(header: _Header, match: re.Match, text: str) -> None:
    if header.date_seen:
        return
    header.date_seen = True
    header.date_text = text
    place = (match.group("place") or "").strip()
    words = place.split()
    while len(words) > 1 and _is_upper(words[0]):
        words.pop(0)
    header.place = " ".join(words)
    day, month, year = (
        match.group("d") or match.group("d2"),
        match.group("m") or match.group("m2"),
        match.group("y") or match.group("y2"),
    )
    header.year = int(year) if year else None
    if day and month and year:
        header.date = _date_or_none(int(year), int(month), int(day))


# -- body ---------------------------------------------------------------------------------


def _parse_recipients(lines: list[str]) -> tuple[list[str], list[str]]:
    """ "Kính gửi:" with the recipients on its line and/or as a "- X;" list below."""
    index = 0
    while index < len(lines) and (not lines[index] or _URGENCY.match(lines[index])):
        index += 1
    if index >= len(lines):
        return [], lines
    cells = lines[index].split("\t")
    first = cells[0]
    match = _KINH_GUI.match(first)
    if not match:
        return [], lines
    if len(cells) > 1:
        # A flattened copy: the body goes on in the next cells of the same line.
        if _split_recipients(first[match.end() :]):
            lines = [*lines[: index + 1], "\t".join(cells[1:]), *lines[index + 1 :]]
        else:
            first = " ".join(cells)
    items = _split_recipients(first[match.end() :])
    previous = first
    index += 1
    while index < len(lines):
        line = lines[index].replace("\t", " ")
        if not line:
            index += 1
            continue
        short = len(line) < 120 and not _OPENER.match(line)
        # After "X;" the list goes on even without a dash; a first recipient may stand
        # alone on the line below "Kính gửi:".
        if items and previous.rstrip().endswith(",") and not _BULLET.match(line) and short:
            # "Hiệu trưởng các trường Mầm non, Tiểu học," / "THCS trên địa bàn …"
            parts = _split_recipients(line)
            if parts:
                items[-1] = f"{items[-1]}, {parts[0]}"
                items.extend(parts[1:])
        elif _BULLET.match(line) or (short and (previous.rstrip().endswith(";") or not items)):
            items.extend(_split_recipients(line))
        else:
            break
        previous = line
        index += 1
    return items, lines[index:]


def _split_recipients(text: str) -> list[str]:
    parts = (_BULLET.sub("", part.strip()) for part in text.split(";"))
    return [_strip_item(part) for part in parts if _strip_item(part)]


def _find_footer(lines: list[str]) -> int:
    """Index of the first line of the Nơi nhận / signer footer."""
    marks = []
    for index, line in enumerate(lines):
        first = line.split("\t")[0]
        if _NOI_NHAN.match(first) or any(_NOI_NHAN.match(cell) for cell in line.split("\t")):
            marks.append(index)
            break
        if _AUTHORITY.match(first) and _is_upper(first):
            marks.append(index)
            break
    limit = marks[0] if marks else len(lines)
    terminal = [index for index, line in enumerate(lines[:limit]) if line.rstrip().endswith("/.")]
    if terminal:
        marks.append(terminal[-1] + 1)
    return min(marks) if marks else len(lines)


def _reflow(lines: list[str]) -> list[str]:
    """Paragraphs: hard-wrapped lines of a retyped or copied letter are joined back."""
    paragraphs: list[str] = []
    last_physical = ""
    after_blank = True
    for raw in lines:
        line = raw.replace("\t", " ").strip()
        if not line:
            after_blank = True
            continue
        if paragraphs and _joins(last_physical, line, after_blank):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        last_physical = line
        after_blank = False
    return paragraphs


def _structural(line: str) -> bool:
    return bool(
        _ARTICLE.match(line)
        or _BULLET.match(line)
        or _ITEM.match(line)
        or _BASIS.match(line)
        or _KINH_GUI.match(line)
        or _NOI_NHAN.match(line)
    )


# Words a printed line can end with only when the sentence goes on below it.
_OPEN_WORDS = {
    "của", "và", "số", "ngày", "các", "về", "tại", "theo", "với", "cho", "trong", "thuộc",
    "năm", "tháng", "để", "là", "đến", "từ", "bằng", "hoặc", "những", "được", "có",
}  # fmt: skip


def _joins(previous: str, line: str, after_blank: bool) -> bool:
    if _ARTICLE.match(previous) and not _ARTICLE.match(previous).group("text"):
        return not _structural(line)  # "Điều 2." / "Giám đốc Sở … phối hợp …"
    if (
        re.match(r"-\s+[" + UPPER + r"]", line)
        and previous[-1:].isalpha()
        and not _BULLET.match(previous)
        and not _is_upper(previous)
        and not after_blank
    ):
        return True  # "… của Sở Lao động" / "- Thương binh và Xã hội tại Tờ trình …"
    if _structural(line) or previous.endswith((".", ":", ";", "!", "?", "/.")):
        return False
    if _is_upper(previous) or _is_upper(line):
        return False
    if line[0].islower():
        return True
    last_word = previous.rsplit(None, 1)[-1] if previous.strip() else ""
    if not after_blank and (last_word in _OPEN_WORDS or line[0].isdigit()):
        return True  # "Căn cứ Quyết định số" / "112/QĐ-TTg ngày …"
    return not after_blank and len(previous) >= 55


@dataclass
class _Paragraph:
    text: str
    kind: str  # item, bullet, text
    level: int = 0
    body: str = ""  # text after the item's number


def _classify(text: str) -> _Paragraph:
    article = _ARTICLE.match(text)
    if article:
        body = article.group("text")
        if _EXECUTION.search(body):
            return _Paragraph(text, "text")
        return _Paragraph(text, "item", 1, body)
    match = _ITEM.match(text)
    if match and any(
        match.group(name) for name in ("roman", "dotted", "arabic", "letter", "letter2")
    ):
        if match.group("roman"):
            level = 1
        elif match.group("arabic"):
            level = 2
        elif match.group("dotted"):
            level = 3
        else:
            level = 4
        return _Paragraph(text, "item", level, match.group("text"))
    if _BULLET.match(text):
        return _Paragraph(text, "bullet")
    return _Paragraph(text, "text")


def is_addressee_phrase(phrase: str) -> bool:
    """Does `phrase` name units or their heads ("Phòng Tư pháp", "Thủ trưởng các cơ quan,
    đơn vị"), rather than a topic ("Mục đích", "TỔ CHỨC THỰC HIỆN")?"""
    phrase = _PREFIX_WORDS.sub("", phrase.strip())
    if not phrase or not phrase[0].isupper() or len(phrase) > 300:
        return False
    key = _words_key(phrase[:60]) + " "  # the beginning decides; folding all of it is slow
    if key.startswith(_NOT_ADDRESSEE_STARTS):
        return False
    return key.startswith(_ADDRESSEE_STARTS)


def _addressee_prefix(text: str) -> str:
    """ "Công an huyện chủ trì, phối hợp …" → "Công an huyện"; the whole text when it
    holds no verb ("Trung tâm Văn hóa, Thông tin và Thể thao; UBND các xã, thị trấn")."""
    head = re.match(r"^(?:Giám\s+đốc|Thủ\s+trưởng|Chủ\s+tịch|Trưởng)\s*:\s*", text)
    if head:
        text = text[head.end() :]  # "Giao Giám đốc: Sở A, Sở B …" → the units
    match = _STOP_VERB.search(text)
    phrase = text[: match.start()] if match else text
    cut = re.search(r"[.:(]|\s[-–]\s+(?=[a-zà-ỹđ])", phrase)
    if cut:
        phrase = phrase[: cut.start()]
    return phrase.strip().rstrip(",;").strip()


def split_addressees(heading: str) -> list[str]:
    """ "Các cơ quan, đơn vị thuộc huyện; UBND các xã, thị trấn" → two addressees. A comma
    or "và" separates two only when a unit's name follows it ("Phòng Nội vụ và Phòng Tư
    pháp"), not inside a name ("Phòng Văn hóa và Thông tin", "UBND các xã, thị trấn")."""
    heading = _PREFIX_WORDS.sub("", heading.strip())
    addressees = []
    for part in heading.split(";"):
        pieces = re.split(r"(,\s*|\s+và\s+)", part)
        current = pieces[0]
        for separator, piece in zip(pieces[1::2], pieces[2::2], strict=False):
            if is_addressee_phrase(piece) and piece[:1].isupper():
                addressees.append(current)
                current = piece
            else:
                current = f"{current}{separator}{piece}"
        addressees.append(current)
    return [_strip_item(name) for name in addressees if _strip_item(name)]


_INSTRUCTION = re.compile(
    r"(?<!\w)(?:đề\s+nghị|yêu\s+cầu|giao|chỉ\s+đạo|triển\s+khai|báo\s+cáo|gửi\s+về|"
    r"khẩn\s+trương|thực\s+hiện)(?!\w)",
    re.IGNORECASE,
)


def _names_issuer(heading: str, issuer: str) -> bool:
    """ "UBND xã chỉ xem xét …" in a letter of the UBND xã: the issuer speaking of itself."""
    key = re.sub(r"\b(?:chi|se|da|van|cung)$", "", _words_key(heading)).strip()
    issuer_key = _words_key(issuer)
    bare_levels = ("ubnd", "ubnd xa", "ubnd huyen", "ubnd tinh", "ubnd phuong", "ubnd quan")
    return bool(issuer_key) and key in bare_levels and issuer_key.startswith(key)


def _recipient_key(text: str) -> str:
    return re.sub(r"\b(?:cac|tat ca)\b", " ", _words_key(text)).split().__str__()


def _as_recipients(
    tasks: list[tuple[ParsedTask, list[_Paragraph]]], recipients: list[str]
) -> list[tuple[ParsedTask, list[_Paragraph]]]:
    """A sentence's addressee that is a recipient takes the recipient's printed name
    ("đề nghị Chủ tịch UBND quận, huyện" = "Kính gửi: Chủ tịch Ủy ban nhân dân các quận,
    huyện"); two sentences for the same unit are one task."""
    by_key = {_recipient_key(name): name for name in recipients}
    merged: dict[str, tuple[ParsedTask, list[_Paragraph]]] = {}
    for task, paragraphs in tasks:
        name = by_key.get(_recipient_key(task.heading))
        if name:
            task.heading, task.addressees = name, [name]
        if task.heading in merged:
            merged[task.heading][1].extend(paragraphs)
        else:
            merged[task.heading] = (task, paragraphs)
    return list(merged.values())


def _sentence_addressees(phrase: str) -> list[str]:
    """The unit phrases of a sentence's addressee: split as a heading is, and also before a
    group in lower case ("Đài truyền thanh xã, các đồng chí Trưởng thôn")."""
    names: list[str] = []
    for name in split_addressees(phrase):
        pieces = re.split(r",\s*(?=(?:các|tất\s+cả)\s+(?!xã\b|phường\b|thị\b|huyện\b))", name)
        names.extend(piece.strip() for piece in pieces if piece.strip())
    return names or [phrase]


def _item_task(body: str) -> tuple[str, str] | None:
    """(heading, text after it) when a numbered item is addressed to units."""
    if re.search(r"\bsau\s+đây\b", body[:120]):
        return None  # "Các cơ quan, đơn vị sau đây chịu trách nhiệm …:" leads the items
    head, colon, rest = body.partition(":")
    if colon and is_addressee_phrase(head):
        return head.strip(), rest.strip()
    phrase = _addressee_prefix(body)
    if phrase and is_addressee_phrase(phrase):
        remainder = body[len(phrase) :].strip()
        if not remainder.strip(" .;,"):
            return phrase, ""
        return phrase, body.strip()
    return None


def _addressed_in_sentence(text: str) -> str | None:
    """ "Chủ tịch UBND huyện giao Phòng Tư pháp chủ trì …" → "Phòng Tư pháp"."""
    for pattern in (_GIAO, _REQUEST):
        for match in pattern.finditer(text):
            phrase = _addressee_prefix(text[match.end() :])
            if phrase and len(phrase) <= 200 and is_addressee_phrase(phrase):
                return phrase
    return None


def _is_giao(text: str) -> bool:
    return any(
        is_addressee_phrase(_addressee_prefix(text[match.end() :]))
        for match in _GIAO.finditer(text)
    )


def _split_closing(paragraphs: list[_Paragraph]) -> int:
    """Index in the last task's paragraphs where the closing starts (len = none)."""
    count = len(paragraphs)
    # Only the trailing run of plain paragraphs can be the closing.
    first_plain = count
    while first_plain > 1 and paragraphs[first_plain - 1].kind == "text":
        first_plain -= 1
    for index in range(max(first_plain, 1), count):
        text = paragraphs[index].text
        if _CLOSING.match(text):
            return index
        if index == count - 1 and text.endswith("/.") and paragraphs[index - 1].kind != "text":
            return index
    return count


def _parse_body(paragraphs: list[str], letter: ParsedLetter) -> None:
    index = 0
    # Legal basis: the leading "Căn cứ / Thực hiện / Xét" paragraphs (after the
    # "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN" line of a quyết định).
    while index < len(paragraphs):
        text = paragraphs[index]
        if _is_upper(text) and index < 3:
            index += 1
            continue
        match = _BASIS_OPENER.match(text)
        if not match:
            break
        letter.legal_basis.extend(_basis_documents(text, match))
        index += 1
    if not letter.legal_basis:
        # The basis inside the first paragraphs ("… nhận được Công văn số …, Chủ tịch UBND
        # tỉnh có ý kiến như sau", "Vừa qua, … Thực hiện Công văn số …").
        for text in paragraphs[index : index + 2]:
            if _ITEM.match(text) or _BULLET.match(text):
                break
            found = _inline_bases(text)
            if found:
                letter.legal_basis.extend(found)
                break
    classified = [_classify(text) for text in paragraphs]
    tasks: list[tuple[ParsedTask, list[_Paragraph]]] = []
    intro: list[str] = []
    # Paragraphs after a task that a same-level, non-task item closed ("IV. KINH PHÍ").
    trailing: list[_Paragraph] = []
    current: tuple[ParsedTask, list[_Paragraph]] | None = None
    for paragraph in classified:
        found = _item_task(paragraph.body) if paragraph.kind == "item" else None
        if found is not None:
            if trailing:
                tasks[-1][1].extend(trailing)  # text between two tasks stays with the first
                trailing = []
            heading, rest = found
            heading = re.sub(r"^Giao\s+(?:cho\s+)?", "", heading)  # "Điều 2. Giao Sở …"
            task = ParsedTask(heading=heading, addressees=split_addressees(heading))
            task.level = paragraph.level
            current = (task, [_classify(rest)] if rest else [])
            tasks.append(current)
            continue
        if not tasks:
            intro.append(paragraph.text)
            continue
        if current is not None and paragraph.kind == "item":
            if paragraph.level <= current[0].level:
                current = None
        if current is None:
            trailing.append(paragraph)
        else:
            current[1].append(paragraph)
    tasks = [
        (task, task_paragraphs)
        for task, task_paragraphs in tasks
        if not _names_issuer(task.heading, letter.issuer)
    ]
    if not tasks:
        tasks, intro, trailing = _sentence_tasks(classified)
        tasks = _as_recipients(tasks, letter.recipients)
        if not tasks and letter.recipients:
            # No numbered section and no unit named in a sentence: the instruction is for
            # the recipients (issue 16, class 3).
            body = [p for p in classified if p.kind != "text" or not _BASIS_OPENER.match(p.text)]
            if any(_INSTRUCTION.search(p.text) for p in body):
                task = ParsedTask(
                    heading="; ".join(letter.recipients), addressees=list(letter.recipients)
                )
                tasks = [(task, body)]
                intro = []
    closing = [paragraph.text for paragraph in trailing]
    if tasks and not trailing:
        last_paragraphs = tasks[-1][1]
        start = _split_closing(last_paragraphs)
        closing = [paragraph.text for paragraph in last_paragraphs[start:]]
        del last_paragraphs[start:]
    elif not tasks and intro and intro[-1].endswith("/.") and len(intro) > 1:
        closing = [intro.pop()]
    for task, task_paragraphs in tasks:
        task.paragraphs = [paragraph.text for paragraph in task_paragraphs]
        task.bullets = sum(
            1
            for paragraph in task_paragraphs
            if paragraph.kind == "bullet" and _COUNTED_BULLET.match(paragraph.text)
        )
    letter.tasks = [task for task, _paragraphs in tasks]
    letter.intro = intro
    letter.closing = closing


def _sentence_tasks(
    classified: list[_Paragraph],
) -> tuple[list[tuple[ParsedTask, list[_Paragraph]]], list[str], list[_Paragraph]]:
    """Without numbered tasks: each paragraph that addresses a unit inside a sentence is
    one task ("Giao Trưởng phòng Nội vụ phối hợp …"); its heading is the phrase as
    printed; the paragraphs after it (bullets, "Thời gian hoàn thành …") belong to it."""
    tasks: list[tuple[ParsedTask, list[_Paragraph]]] = []
    intro: list[str] = []
    last = len(classified) - 1
    for position, paragraph in enumerate(classified):
        phrase = None
        if paragraph.kind == "text" and not _BASIS.match(paragraph.text):
            phrase = _addressed_in_sentence(paragraph.text)
            closing_like = _CLOSING.match(paragraph.text) or paragraph.text.endswith("/.")
            if (
                phrase
                and position == last
                and tasks
                and closing_like
                and not _is_giao(paragraph.text)
            ):
                phrase = None
        if phrase:
            # "Giao A …; B …", "đề nghị A, B …": one task per unit phrase (issue 16).
            for name in _sentence_addressees(phrase):
                task = ParsedTask(heading=name, addressees=[name])
                tasks.append((task, [paragraph]))
        elif tasks:
            tasks[-1][1].append(paragraph)
        else:
            intro.append(paragraph.text)
    if tasks:
        # The last paragraph, when it reads as a closing and is not itself a task.
        paragraphs = tasks[-1][1]
        if len(paragraphs) > 1:
            final = paragraphs[-1]
            if final.kind == "text" and (_CLOSING.match(final.text) or final.text.endswith("/.")):
                return tasks[:-1] + [(tasks[-1][0], paragraphs[:-1])], intro, [final]
    return tasks, intro, []


# -- citations ----------------------------------------------------------------------------


def _name_stops(tokens: list[re.Match], position: int) -> bool:
    """Does the word at `position` end the name of a cited document's issuer or law?"""
    word = tokens[position].group()
    bare = word.rstrip(',;.:)”"')
    following = tokens[position + 1].group() if position + 1 < len(tokens) else ""
    if not bare or word.startswith(("(", "“", '"')) or bare in _CITATION_STOP:
        return True
    lower = bare.lower()
    if (lower, following.rstrip(",;.:").lower()) in _CITATION_STOP_PAIRS:
        return True  # "… của Bộ Tài chính Hướng dẫn quản lý …"
    if lower.startswith("về") and len(lower) > 2 and fold(lower).startswith("veviec"):
        return True  # "vềviệc": words a PDF copy glued
    # "… của UBND tỉnh và Quyết định số …": "và" before another document.
    return word == "và" and following in _KIND_FIRST_WORDS


def _issuer_end(text: str, start: int) -> int:
    """End of the "của <issuer>" words after a citation (an issuer's name is capitalised
    words and a few lower-case ones; a verb or punctuation ends it)."""
    tokens = list(re.finditer(r"\S+", text[start:]))
    end = start
    # After a comma inside the name ("Bộ Văn hóa, Thể thao và Du lịch") the name must go
    # on for two words more, or the comma ended it ("…Truyền thông, Phòng …").
    before_comma, after_comma = None, 0
    for position, token in enumerate(tokens):
        if position > 12 or _name_stops(tokens, position):
            break
        word = token.group()
        bare = word.rstrip(',;.:)”"')
        end = start + token.start() + len(bare)
        if before_comma is not None:
            after_comma += 1
        if bare != word:
            following = tokens[position + 1].group() if position + 1 < len(tokens) else ""
            if (
                word.endswith(",")
                and before_comma is None
                and following[:1].isupper()
                and following not in _KIND_FIRST_WORDS
                # ", Ủy ban nhân dân huyện đề nghị": the subject of the main clause.
                and not is_addressee_phrase(text[start + token.end() :].strip()[:80])
            ):
                before_comma = end
                continue
            break
    if before_comma is not None and after_comma < 2:
        return before_comma
    return end


def find_citations(text: str) -> list[tuple[int, str]]:
    """Documents cited in `text` as printed, with their positions: "Công văn số 412-CV/HU
    ngày 09/11/2021 của Huyện ủy Ia Grai", "Luật An ninh mạng năm 2018"."""
    found: list[tuple[int, str]] = []
    for match in _CITATION.finditer(text):
        end = match.end()
        if match.group("date") is None:
            end -= len(match.group("symbol")) - len(match.group("symbol").rstrip("."))
        following = re.match(r"\s+của\s+", text[end:])
        if following:
            issuer_end = _issuer_end(text, end + following.end())
            if issuer_end > end + following.end():
                end = issuer_end
        found.append((match.start(), text[match.start() : end].strip()))
    for match in _LAW.finditer(text):
        if match.group("amending"):
            # "Luật sửa đổi, bổ sung một số điều của Luật …, Luật … ngày 22/11/2019":
            # the name runs to its date.
            dated = _LAW_DATE.search(text, match.end(), match.end() + 300)
            if dated:
                end = dated.start() if dated.group() == ";" else dated.end()
                found.append((match.start(), text[match.start() : end].strip()))
            continue
        end = _law_end(text, match.end())
        if end > match.end():
            found.append((match.start(), text[match.start() : end].strip()))
    return sorted(found)


def _law_end(text: str, start: int) -> int:
    end = start
    tokens = list(re.finditer(r"\S+", text[start:]))
    for position, token in enumerate(tokens):
        word = token.group()
        if position > 15 or _name_stops(tokens, position) or word.rstrip(",;.:)") == "của":
            break
        bare = word.rstrip(",;.:)")
        end = start + token.start() + len(bare)
        if bare != word:
            # "Luật Phổ biến, giáo dục pháp luật năm 2012": a comma followed by a lower-case
            # word is inside the name, until the year or date is reached.
            following = tokens[position + 1].group() if position + 1 < len(tokens) else ""
            dated = re.search(r"\d{4}", text[start:end])
            if word.endswith(",") and following[:1].islower() and not dated:
                continue
            break
    return end


def _basis_documents(text: str, match: re.Match) -> list[str]:
    """The documents a basis paragraph rests on. A second citation counts only when it is
    joined to the first ("… và Quyết định số …", "…; Luật …"), not when it is inside the
    first one's title ("… quy định chi tiết … Luật Ban hành văn bản …") or name ("Luật sửa
    đổi … của Luật Tổ chức Chính phủ …")."""
    documents: list[str] = []
    covered = 0
    verb = match.group("verb")
    for position, citation in find_citations(text):
        if position < covered:
            continue
        before = text[:position].rstrip()
        joined = before.endswith((" và", ",", ";", " tại"))
        if (
            (documents and joined)
            or position <= match.end()
            or (not documents and _INLINE_BASIS.search(before[-120:]))
        ):
            documents.append(citation)
            covered = position + len(citation)
        elif not documents and verb.startswith(("Căn", "Thực")):
            break
    if documents:
        return documents
    remainder = text[match.end() :].strip().rstrip(";.,").strip()
    if verb.startswith("Căn") and remainder[:1].isupper() and "của" not in remainder[:12]:
        return [remainder]
    return []


def _inline_bases(text: str) -> list[str]:
    """Documents a sentence rests on when a basis verb stands right before the first one."""
    documents: list[str] = []
    covered = 0
    for position, citation in find_citations(text):
        if position < covered:
            continue
        before = text[:position].rstrip()
        if documents and before.endswith((" và", ",", ";")):
            documents.append(citation)
        elif not documents and _INLINE_BASIS.search(before[-160:]):
            documents.append(citation)
        elif documents:
            break
        else:
            continue
        covered = position + len(citation)
    return documents


# -- deadlines ----------------------------------------------------------------------------


def _task_deadlines(task: ParsedTask, number: int, letter: ParsedLetter) -> None:
    text = " ".join([task.heading, *task.paragraphs])
    found: list[datetime.date] = []
    recurring = [match for match in _RECURRING.finditer(text) if len(match.group(0)) > 9]
    if recurring:
        task.recurring = "; ".join(match.group(0).strip() for match in recurring)
        letter.warnings.append(
            _(
                "Nhiệm vụ %(n)d: hạn định kỳ “%(text)s” không phải một hạn duy nhất; giữ nguyên "
                "như trong văn bản để người nhập kiểm tra."
            )
            % {"n": number, "text": task.recurring}
        )
        # The dates of a recurring report are not the task's deadline.
        for match in reversed(recurring):
            text = text[: match.start()] + " " * len(match.group(0)) + text[match.end() :]
        text = re.sub(r"(?:trước|vào)\s+ngày\s+\d{1,2}\s+(?=\s{10})", " ", text)
    for match in _DEADLINE.finditer(text):
        day = match.group("d") or match.group("d2") or match.group("d3")
        month = match.group("m") or match.group("m2") or match.group("m3")
        year = match.group("y") or match.group("y2") or match.group("y3")
        printed = match.group(0).strip()
        if year is None:
            if letter.year is None:
                letter.warnings.append(
                    _(
                        "Nhiệm vụ %(n)d: hạn “%(text)s” không ghi năm và văn bản chưa có năm; "
                        "bỏ qua hạn này."
                    )
                    % {"n": number, "text": printed}
                )
                continue
            year = letter.year
            candidate = _date_or_none(int(year), int(month), int(day))
            if candidate and letter.date and candidate < letter.date:
                candidate = _date_or_none(int(year) + 1, int(month), int(day))
            if candidate:
                letter.warnings.append(
                    _("Nhiệm vụ %(n)d: hạn “%(text)s” không ghi năm; lấy năm %(year)d.")
                    % {"n": number, "text": printed, "year": candidate.year}
                )
        else:
            candidate = _date_or_none(int(year), int(month), int(day))
        if candidate is None:
            letter.warnings.append(
                _("Nhiệm vụ %(n)d: hạn “%(text)s” không phải ngày hợp lệ.")
                % {"n": number, "text": printed}
            )
            continue
        found.append(candidate)
    for match in _DEADLINE_PERIOD.finditer(text):
        candidate = _period_end(match)
        if candidate is None:
            letter.warnings.append(
                _("Nhiệm vụ %(n)d: hạn “%(text)s” không phải ngày hợp lệ.")
                % {"n": number, "text": match.group(0).strip()}
            )
        else:
            found.append(candidate)
    if found:
        # Several dates (an interim report, then the final one): the task ends with the last.
        task.deadline = max(found)
    days = _WORKING_DAYS.search(text)
    if days and not found:
        task.working_days = int(days.group("n")) or None


def _period_end(match: re.Match) -> datetime.date | None:
    prep = fold(match.group("prep") or match.group("prep2") or "")
    if match.group("m"):
        year, month = int(match.group("y")), int(match.group("m"))
    else:
        quarter = match.group("q").upper()
        index = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(quarter) or int(quarter)
        year, month = int(match.group("qy")), index * 3
    if not 1 <= month <= 12 or year < 1900:
        return None
    if prep == "truoc":
        # "hoàn thành trước tháng 12/2021": by the end of November.
        first = datetime.date(year, month, 1)
        return first - datetime.timedelta(days=1)
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


# -- footer -------------------------------------------------------------------------------


def _footer_pieces(lines: list[str]) -> list[str]:
    pieces: list[str] = []
    for line in lines:
        for cell in line.split("\t"):
            cell = cell.strip()
            noi = re.search(r"(?<=\S)\s+(?=Nơi\s+nhận\b)", cell, re.IGNORECASE)
            parts = [cell[: noi.start()], cell[noi.end() :]] if noi else [cell]
            for part in parts:
                match = _NOI_NHAN.match(part)
                if match and part[match.end() :].strip():
                    pieces.append(part[: match.end()].strip())
                    part = part[match.end() :].strip()
                for piece in _AUTHORITY_INSIDE.split(part):
                    pieces.extend(_split_glued_title(piece.strip()))
    return [piece for piece in pieces if piece]


def _split_glued_title(piece: str) -> list[str]:
    """ "- Lưu: VT, VH TT. PHÓ CHỦ TỊCH" → the distribution line and the title."""
    if not _BULLET.match(piece):
        return [piece]
    match = re.match(r"^(.*?[;.])\s+(\S.*)$", piece)
    if match and _is_upper(match.group(2)) and len(match.group(2).split()) >= 2:
        return [match.group(1), match.group(2)]
    return [piece]


def _parse_footer(lines: list[str], letter: ParsedLetter) -> None:
    distribution: list[str] = []
    signer_pieces: list[str] = []
    in_list = False
    filed = False  # "- Lưu: VT, …" ends the list (Nghị định 30, Phụ lục I)
    for piece in _footer_pieces(lines):
        match = _NOI_NHAN.match(piece)
        if match:
            in_list = True
            continue
        if _PLACEHOLDER.match(piece) or _JUNK.search(piece):
            continue  # "d:\2011\CV\…", the file the typist saved, a lone ";"
        if _BULLET.match(piece):
            distribution.append(piece)
            filed = filed or bool(re.match(r"^[-–—•+]?\s*Lưu\b", piece))
        elif (
            in_list
            and not filed
            and not _is_upper(piece)
            and not _looks_like_name(piece)
            and not _AUTHORITY.match(piece)
        ):
            distribution.append(piece)
        else:
            signer_pieces.append(piece)
    letter.distribution = distribution
    letter.signer = _parse_signer(signer_pieces)


_JUNK = re.compile(
    r"^[A-Za-z]:[\\/]|\\[^\s\\]+\\|\.(?:docx?|pdf|odt)\s*$|^[;,.\s]+$", re.IGNORECASE
)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 6
        and all(word[:1].isupper() for word in words)
        and not any(char.isdigit() or char in ";:,." for char in text)
    )


def _upper_prefix(text: str) -> tuple[str, str]:
    """ "KT. CHỦ TỊCH Đỗ Văn Đông" → ("KT. CHỦ TỊCH", "Đỗ Văn Đông")."""
    words = text.split()
    count = 0
    while count < len(words) and not any(char.islower() for char in words[count]):
        count += 1
    upper = " ".join(words[:count])
    if upper and not _is_upper(upper):
        return "", text
    return upper, " ".join(words[count:])


def _join_wrapped_authority(pieces: list[str]) -> list[str]:
    """ "TM." / "ỦY BAN NHÂN DÂN TỈNH" / "KT. CHỦ TỊCH": a marker alone on its line, or the
    body's name printed under "TL. CHỦ TỊCH", belongs to the authority line (issue 16)."""
    joined: list[str] = []
    for piece in pieces:
        if joined and re.fullmatch(_MARKER, joined[-1].strip()):
            joined[-1] = f"{joined[-1].strip()} {piece}"
        elif (
            joined
            and _AUTHORITY.match(joined[-1])
            and _is_upper(piece)
            and _starts_body_name(piece)
            and not _AUTHORITY.match(piece)
        ):
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    return joined


def _parse_signer(pieces: list[str]) -> Signer:
    parts: list[tuple[str, str]] = []  # (kind, text): auth, upper, text
    for piece in _join_wrapped_authority(pieces):
        for chunk in _AUTHORITY_INSIDE.split(piece):
            upper, rest = _upper_prefix(chunk.strip())
            if upper:
                kind = "auth" if _AUTHORITY.match(upper) else "upper"
                parts.append((kind, upper))
            if rest:
                parts.append(("text", rest))
    signer = Signer()
    last_auth = max((i for i, (kind, _text) in enumerate(parts) if kind == "auth"), default=-1)
    titles = [text for kind, text in parts[last_auth + 1 :] if kind == "upper"]
    names = [text for kind, text in parts[last_auth + 1 :] if kind == "text"]
    for position, (kind, text) in enumerate(parts):
        if kind != "auth":
            continue
        text = re.sub(r"^(TM|KT|TL|TUQ|Q)\.(?=[^\s.])", r"\1. ", text)
        if position == last_auth and not titles:
            if text.startswith("Q."):
                # "Q. CHỦ TỊCH" (acting chairman) is the signer's title, printed under "TM."
                titles = [text]
                continue
            text, title = _split_authority_title(text)
            if title:
                titles = [title]
        signer.form_lines.append(text)
    if not names and len(titles) > 1:
        names = [titles.pop()]  # a name printed in capitals
    signer.title = " ".join(titles)
    signer.name = names[-1] if names else ""
    return signer


def _split_authority_title(text: str) -> tuple[str, str]:
    """ "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" → ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")."""
    words = text.split()
    for index in range(2, len(words)):
        word = words[index]
        if word in _TITLE_HEADS or word.startswith("P."):
            return " ".join(words[:index]), " ".join(words[index:])
    return text, ""


# -- the parser ---------------------------------------------------------------------------


def parse_letter(text: str) -> ParsedLetter:
    """The fields of a letter. Never raises: what cannot be read is left empty and said
    in `warnings`; a text without any header also gets `errors` (not a letter)."""
    letter = ParsedLetter()
    lines = unwrap_header(clean_lines(nfc(text or "")))
    header, rest = _parse_header(lines)
    if not header.found:
        letter.errors.append(
            _(
                "Không tìm thấy phần đầu văn bản (số, ký hiệu; quốc hiệu; địa danh, ngày "
                "tháng): đây không phải một văn bản theo thể thức Nghị định 30/2020."
            )
        )
    _apply_header(header, letter)
    letter.recipients, rest = _parse_recipients(rest)
    footer_start = _find_footer(rest)
    paragraphs = _reflow(rest[:footer_start])
    _parse_body(paragraphs, letter)
    _parse_footer(rest[footer_start:], letter)
    for number, task in enumerate(letter.tasks, start=1):
        _task_deadlines(task, number, letter)
    texts = [letter.subject, *paragraphs]
    citations: dict[str, None] = {}
    for paragraph in texts:
        for _position, citation in find_citations(paragraph):
            citations.setdefault(citation, None)
    letter.citations = list(citations)
    _structure_warnings(header, letter)
    return letter


def _apply_header(header: _Header, letter: ParsedLetter) -> None:
    parent, issuer = split_issuer(header.issuer_lines)
    letter.issuer_lines = issuer
    letter.issuer = " ".join(issuer)
    letter.parent_issuer = " ".join(parent)
    sources = letter.sources
    if issuer:
        sources["issuer"] = (" / ".join(header.issuer_lines), 0.9 if parent else 1.0)
    if parent:
        sources["parent_issuer"] = (" / ".join(header.issuer_lines), 0.9)
    if header.symbol_seen:
        sources["symbol"] = (header.symbol_text, 1.0 if header.number else 0.6)
    if header.date_seen:
        sources["date"] = (header.date_text, 1.0 if header.date else 0.5)
        sources["place"] = (header.date_text, 1.0 if header.place else 0.5)
    if header.subject_parts:
        sources["subject"] = (" ".join(header.subject_parts), 1.0)
    letter.symbol = header.symbol
    letter.number = header.number
    letter.place = header.place
    letter.date = header.date
    letter.year = header.year
    subject = " ".join(part for part in header.subject_parts if part).strip().rstrip(".")
    letter.subject = _VV.sub("", subject, count=1) if _VV.match(subject) else subject
    if header.type_title:
        letter.doc_type = _TYPE_TITLES[header.type_title].value
    else:
        letter.doc_type = _type_from_symbol(header.symbol).value


def _type_from_symbol(symbol: str) -> DocType:
    party = re.match(r"^[^/]*?-([A-Za-zĐđ]+)/", symbol)
    if party:
        code = party.group(1)
    else:
        tail = symbol.rsplit("/", 1)[-1]
        code = tail.split("-")[0]
    return DocType(_TYPE_CODES.get(code, DocType.CONG_VAN))


def _structure_warnings(header: _Header, letter: ParsedLetter) -> None:
    warnings: list[str] = []
    if header.found:
        if not letter.issuer:
            warnings.append(_("Không tìm thấy tên cơ quan ban hành ở đầu văn bản."))
        if not header.symbol_seen:
            warnings.append(_("Không tìm thấy số, ký hiệu văn bản (dòng “Số: …”)."))
        elif letter.number is None:
            warnings.append(_("Văn bản chưa có số (bản dự thảo): số được cấp khi ban hành."))
        if not header.date_seen:
            warnings.append(_("Không tìm thấy địa danh, ngày tháng ban hành."))
        elif letter.date is None:
            if header.year and not re.search(r"\d{1,2}\s*(?:tháng|/)", header.date_text):
                warnings.append(
                    _("Văn bản chưa ghi ngày tháng (bản dự thảo): ngày được ghi khi ban hành.")
                )
            else:
                warnings.append(
                    _("Ngày ban hành “%(text)s” không hợp lệ.") % {"text": header.date_text}
                )
        if not letter.subject:
            warnings.append(_("Không tìm thấy trích yếu nội dung (dòng “V/v …”)."))
    if not letter.tasks:
        warnings.append(
            _(
                "Không tìm thấy nhiệm vụ nào (mục đánh số hoặc câu “giao …”): hãy thêm nhiệm vụ "
                "trong bản nháp."
            )
        )
    for number, task in enumerate(letter.tasks, start=1):
        if not task.paragraphs:
            warnings.append(
                _("Nhiệm vụ %(n)d (“%(heading)s”) không có nội dung.")
                % {"n": number, "heading": task.heading}
            )
    if not letter.signer.name or not letter.signer.title:
        warnings.append(_("Không tìm thấy người ký (chức vụ, họ tên)."))
    if not letter.distribution:
        warnings.append(_("Không tìm thấy phần “Nơi nhận”."))
    # Not a letter first, then the structure, then the deadlines found task by task.
    letter.warnings[:0] = letter.errors + warnings
