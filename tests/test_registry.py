"""The agency registry: name lookups as people type them, suggestions, and Hanoi's units in 2021.

Codes, commune counts and the department list are those of ../shared/design/DOMAIN.md, copied here
by hand.
"""

from __future__ import annotations

import unicodedata

import pytest

from cchc_cli.agencies import Registry, UnknownAgency
from cchc_cli.dataset import LoadedPlan


@pytest.fixture(scope="module")
def registry(plan: LoadedPlan) -> Registry:
    return plan.registry


# ---------------------------------------------------------------------------------------------
# lookups


@pytest.mark.parametrize(
    ("query", "agency_id"),
    [
        ("Sở Tư pháp", "so-tu-phap"),
        ("so tu phap", "so-tu-phap"),
        ("SỞ TƯ PHÁP", "so-tu-phap"),
        (unicodedata.normalize("NFD", "Sở Tư pháp"), "so-tu-phap"),
        ("so-tu-phap", "so-tu-phap"),
        ("  Sở   Tư pháp ", "so-tu-phap"),
        ("Tư pháp", "so-tu-phap"),
        ("Sử Tư pháp", "so-tu-phap"),  # the misprint of section III.3
        ("UBND quận Hoàn Kiếm", "quan-hoan-kiem"),
        ("Ủy ban nhân dân quận Hoàn Kiếm", "quan-hoan-kiem"),
        ("Quận Hoàn Kiếm", "quan-hoan-kiem"),
        ("Hoàn Kiếm", "quan-hoan-kiem"),
        ("hoan kiem", "quan-hoan-kiem"),
        ("quan-hoan-kiem", "quan-hoan-kiem"),
        ("Huyện Ứng Hòa", "huyen-ung-hoa"),  # tone mark on the o
        ("Huyện Ứng Hoà", "huyen-ung-hoa"),  # tone mark on the a
        ("dong da", "quan-dong-da"),  # "Đ" folds to "d"
        ("Quan Dong Da", "quan-dong-da"),
        ("so gd dt", "so-giao-duc-dao-tao"),  # the abbreviation "Sở GD&ĐT" typed plainly
        ("Thị xã Sơn Tây", "thi-xa-son-tay"),
        ("Sơn Tây", "thi-xa-son-tay"),
        ("Văn phòng UBNDTP", "van-phong-ubnd"),
        ("Văn phòng UBND TP", "van-phong-ubnd"),
        ("Văn phòng UBND thành phố", "van-phong-ubnd"),
        ("Vãn phòng UBND Thành phố", "van-phong-ubnd"),  # the OCR misprint of I.4
        ("Văn phòng Ủy ban nhân dân Thành phố", "van-phong-ubnd"),
        ("Viện Nghiên cứu Phát triển KT-XH", "vien-nghien-cuu-phat-trien-kinh-te-xa-hoi"),
        ("Sở Lao động - Thương binh và Xã hội", "so-lao-dong-thuong-binh-xa-hoi"),
        ("Sở Lao động, Thương binh và xã hội", "so-lao-dong-thuong-binh-xa-hoi"),
        ("Sở Quy hoạch -Kiến trúc", "so-quy-hoach-kien-truc"),
        ("Sở Thông tin và truyền thông", "so-thong-tin-truyen-thong"),
        ("Department of Justice", "so-tu-phap"),
    ],
)
def test_lookup(registry: Registry, query: str, agency_id: str) -> None:
    agency = registry.lookup(query)
    assert agency.id == agency_id


@pytest.mark.parametrize(
    ("query", "party"),
    [
        ("Sở, Ban, Ngành", "all-departments"),
        ("Các Sở, cơ quan tương đương Sở", "all-departments"),
        ("UBND các quận, huyện, thị xã", "all-districts"),
        ("UBND quận, huyện, thị xã", "all-districts"),
        ("all-districts", "all-districts"),
        ("Sở Nội vụ", "so-noi-vu"),
    ],
)
def test_lookup_party_finds_groups_and_agencies(registry: Registry, query: str, party: str) -> None:
    assert registry.lookup_party(query) == party


def test_a_group_is_not_an_agency(registry: Registry) -> None:
    with pytest.raises(UnknownAgency):
        registry.lookup("Sở, Ban, Ngành")


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Sở Tư phap nội", "so-tu-phap"),
        ("So tu phapp", "so-tu-phap"),
        ("Sở Nội vụu", "so-noi-vu"),
        ("Quận Hoàn Kiêm Hà Nội", "quan-hoan-kiem"),
        ("Huyện Ứng Hoa Ha Noi", "huyen-ung-hoa"),
    ],
)
def test_unknown_name_suggests_the_closest_first(registry: Registry, query: str, first: str) -> None:
    with pytest.raises(UnknownAgency) as info:
        registry.lookup(query)
    assert info.value.query == query
    assert info.value.suggestions, f"no suggestion for {query!r}"
    assert info.value.suggestions[0].id == first
    ids = [a.id for a in info.value.suggestions]
    assert len(ids) == len(set(ids)) <= 3


def test_nothing_close_suggests_nothing(registry: Registry) -> None:
    with pytest.raises(UnknownAgency) as info:
        registry.lookup("Bộ Quốc phòng Hoa Kỳ xyz")
    assert info.value.suggestions == []


# ---------------------------------------------------------------------------------------------
# the reporting units of 2021

# code: (name, communes) — DOMAIN.md, "Reporting units of Hanoi in 2021"
DISTRICTS = {
    "001": ("Quận Ba Đình", 14), "002": ("Quận Hoàn Kiếm", 18), "003": ("Quận Tây Hồ", 8),
    "004": ("Quận Long Biên", 14), "005": ("Quận Cầu Giấy", 8), "006": ("Quận Đống Đa", 21),
    "007": ("Quận Hai Bà Trưng", 18), "008": ("Quận Hoàng Mai", 14), "009": ("Quận Thanh Xuân", 11),
    "016": ("Huyện Sóc Sơn", 26), "017": ("Huyện Đông Anh", 24), "018": ("Huyện Gia Lâm", 22),
    "019": ("Quận Nam Từ Liêm", 10), "020": ("Huyện Thanh Trì", 16), "021": ("Quận Bắc Từ Liêm", 13),
    "250": ("Huyện Mê Linh", 18), "268": ("Quận Hà Đông", 17), "269": ("Thị xã Sơn Tây", 15),
    "271": ("Huyện Ba Vì", 31), "272": ("Huyện Phúc Thọ", 21), "273": ("Huyện Đan Phượng", 16),
    "274": ("Huyện Hoài Đức", 20), "275": ("Huyện Quốc Oai", 21), "276": ("Huyện Thạch Thất", 23),
    "277": ("Huyện Chương Mỹ", 32), "278": ("Huyện Thanh Oai", 21), "279": ("Huyện Thường Tín", 29),
    "280": ("Huyện Phú Xuyên", 27), "281": ("Huyện Ứng Hòa", 29), "282": ("Huyện Mỹ Đức", 22),
}  # fmt: skip

# DOMAIN.md: the 21 specialised agencies and the industrial zones board
DEPARTMENTS = [
    "Văn phòng UBND Thành phố",
    "Thanh tra Thành phố",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài nguyên và Môi trường",
    "Sở Giao thông vận tải",
    "Sở Xây dựng",
    "Sở Quy hoạch - Kiến trúc",
    "Sở Thông tin và Truyền thông",
    "Sở Khoa học và Công nghệ",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa và Thể thao",
    "Sở Du lịch",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Ngoại vụ",
    "Ban Dân tộc",
    "Ban Quản lý các khu công nghiệp và chế xuất",
]


def test_counts_by_kind(registry: Registry) -> None:
    assert len(registry.of_kind("department")) == 22
    assert len(registry.of_kind("district")) == 30


def test_departments_are_the_domain_list(registry: Registry) -> None:
    found = [registry.lookup(name) for name in DEPARTMENTS]
    assert all(a.kind == "department" for a in found)
    assert {a.id for a in found} == {a.id for a in registry.of_kind("department")}


@pytest.mark.parametrize(
    ("agency_id", "code"),
    [
        ("quan-ba-dinh", "001"),
        ("quan-hoan-kiem", "002"),
        ("huyen-soc-son", "016"),
        ("quan-bac-tu-liem", "021"),
        ("huyen-me-linh", "250"),
        ("quan-ha-dong", "268"),
        ("thi-xa-son-tay", "269"),
        ("huyen-ung-hoa", "281"),
        ("huyen-my-duc", "282"),
    ],
)
def test_district_codes(registry: Registry, agency_id: str, code: str) -> None:
    assert registry.get(agency_id).code == code


def test_every_district_matches_the_domain_table(registry: Registry) -> None:
    by_code = {a.code: a for a in registry.of_kind("district")}
    assert set(by_code) == set(DISTRICTS)
    for code, (name, communes) in DISTRICTS.items():
        agency = by_code[code]
        assert unicodedata.normalize("NFC", agency.name) == name, code
        assert agency.communes == communes, code
        assert registry.lookup(name).id == agency.id


def test_communes_sum_to_579(registry: Registry) -> None:
    assert sum(a.communes for a in registry.of_kind("district")) == 579


def test_district_types(registry: Registry) -> None:
    types = [a.district_type for a in registry.of_kind("district")]
    assert types.count("quận") == 12
    assert types.count("huyện") == 17
    assert types.count("thị xã") == 1
    for agency in registry.of_kind("district"):
        assert agency.name.lower().startswith(agency.district_type), agency.id


def test_only_districts_have_codes(registry: Registry) -> None:
    for agency in registry.model.agencies:
        assert (agency.code is not None) == (agency.kind == "district"), agency.id


@pytest.mark.parametrize(("group", "kind", "count"), [("all-departments", "department", 22), ("all-districts", "district", 30)])
def test_groups_expand(registry: Registry, group: str, kind: str, count: int) -> None:
    members = registry.members(group)
    assert len(members) == count
    assert {a.kind for a in members} == {kind}
    assert registry.expand([group]) == {a.id for a in registry.of_kind(kind)}


def test_expand_mixes_groups_and_agencies(registry: Registry) -> None:
    expanded = registry.expand(["all-districts", "so-noi-vu"])
    assert len(expanded) == 31
    assert "so-noi-vu" in expanded and "huyen-ung-hoa" in expanded


def test_names(registry: Registry) -> None:
    assert registry.name_of("so-tu-phap") == "Sở Tư pháp"
    assert registry.name_of("all-departments") == "Sở, Ban, Ngành"
    assert "all-districts" in registry
    assert "so-tu-phap" in registry
    assert "so-tu-phapp" not in registry
