"""The patterns and small helpers the parts of the parser share: anchors of the header,
openers of the body, items, bullets, signer markers, citations, deadlines."""

from __future__ import annotations

import datetime
import re

from directives_app.core.symbols import TYPE_CODES, DocType
from directives_app.core.vietnamese import fold

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
    r"[Pp]húc\s+đáp|[Xx]ét|[Tt]rên\s+cơ\s+sở))"
    # "… đề nghị của Sở Y tế tại Tờ trình số …", "… của Bộ Y tế (văn bản số …)".
    r"(?:\s+(?:chỉ\s+đạo|ý\s+kiến|đề\s+nghị)\s+của\s+[^,;]{1,80}?(?:\s+tại|\s*\())?"
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


# Lower-case words that start an addressee after the verb: a group ("giao các sở, ngành"),
# a unit's head ("đề nghị hiệu trưởng các trường"), "trạm Y tế", "ông (bà) …".
_LOWER_ADDRESSEE = (
    r"(?:các|tất\s+cả|hiệu\s+trưởng|thủ\s+trưởng|chủ\s+tịch|giám\s+đốc|trưởng|trạm|"
    r"ông\s*[(/]\s*bà)(?!\w)"
)


# "bàn giao", "chuyển giao", "được giao": not the verb that assigns a task.
_GIAO = re.compile(
    r"(?:^|(?<=[\s,;:]))(?<!bàn\s)(?<!chuyển\s)(?<!được\s)[Gg]iao\s+(?:cho\s+)?"
    r"(?=[" + UPPER + r"]|" + _LOWER_ADDRESSEE + r")"
)


_REQUEST = re.compile(
    r"(?:^|(?<=\s))(?:[Yy]êu\s+cầu|[Đđ]ề\s+nghị)\s+(?=[" + UPPER + r"]|" + _LOWER_ADDRESSEE + r")"
)


# "Ông (Bà) Hiệu trưởng …": a courtesy before the addressee, not part of its name.
_HONORIFIC = re.compile(r"^[ÔôOo]ng\s*[(/]\s*[Bb]à\s*\)?\s+")


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
    "tiếp nhận|giải quyết|là|được|để|nhằm|treo|giải trình|trên cơ sở|theo chức năng|nộp"
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
    "thuong truc", "bo chi huy", "ban chi huy", "hieu truong",
)  # fmt: skip


_NOT_ADDRESSEE_STARTS = (
    "to chuc", "ban hanh", "hoi nghi", "hoi thi", "hoi thao", "xa hoi", "truong hop",
    "so luong", "chu truong", "thu tuc", "doi voi", "co quan tam", "thi tran nay",
    # "Đối tượng dự thi:", "Thời gian …:": the topics of a notice's items, not units.
    "doi tuong", "thoi gian", "the le", "cach thuc", "dia diem", "noi dung",
)  # fmt: skip


_TITLE_HEADS = {"PHÓ", "CHÁNH", "TRƯỞNG", "GIÁM", "CHỦ", "BÍ", "THỦ", "CHỈ", "P."}


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
