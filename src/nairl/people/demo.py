"""Demo data for the directory: real partner institutions, invented people.

The partner institutions are real and public, with their real ROR ids where we are certain of
them (each one passes the ROR checksum; where we were not sure, the id is left empty). Every other
institution and every person is invented:

* generated institutions have no ROR id (a made-up id that passes the checksum could still be a
  real organisation's) and a website under https://demo.nairl.example/, which marks them;
* generated people have e-mail addresses under @demo.nairl.example (a reserved domain: nothing is
  ever delivered) and ORCID iDs 0000-0000-xxxx-xxxx — valid check digits, but in a block ORCID
  never issues, so they cannot be anyone's real iD.

Person number n is generated from a random generator seeded with n alone, so loading is
repeatable, and `--scale national` after `--scale small` adds people n = 300... on top. Everything
is written with bulk_create (no per-row signals or audit entries), then sort names are set here
and search text is built by `reindex` in batches.
"""

import datetime
import random
import unicodedata

from django.db import transaction

from nairl.common.identifiers import normalize_ror, orcid_check_digit
from nairl.common.planner import refresh_statistics

from .domain.indexing import reindex
from .models import Affiliation, ExpertiseArea, Institution, Person
from .models.directory import sort_key

# institutions, people
SIZES = {"small": (40, 300), "national": (2000, 20000), "large": (4000, 200000)}
ANALYZED = (Institution, Person, Person.expertise.through, Affiliation)
DEMO_DOMAIN = "demo.nairl.example"
DEMO_SITE = f"https://{DEMO_DOMAIN}/institutions/"
BATCH = 2000
UNI, INS, COM = Institution.Kind.UNIVERSITY, Institution.Kind.INSTITUTE, Institution.Kind.COMPANY

# name_ko, name_en, ROR id ("" where not certain), country, kind, website
PARTNERS = [
    ("한국과학기술원", "KAIST", "05apxxy63", "KR", UNI, "https://www.kaist.ac.kr"),
    ("서울대학교", "Seoul National University", "04h9pn542", "KR", UNI, "https://www.snu.ac.kr"),
    ("연세대학교", "Yonsei University", "01wjejq96", "KR", UNI, "https://www.yonsei.ac.kr"),
    ("고려대학교", "Korea University", "047dqcg40", "KR", UNI, "https://www.korea.ac.kr"),
    ("포항공과대학교", "POSTECH", "04xysgw12", "KR", UNI, "https://www.postech.ac.kr"),
    ("한국전자통신연구원", "ETRI", "", "KR", INS, "https://www.etri.re.kr"),
    ("네이버클라우드", "Naver Cloud", "", "KR", COM, "https://www.navercloudcorp.com"),
    ("LG전자", "LG Electronics", "", "KR", COM, "https://www.lg.com"),
    ("포스코홀딩스", "POSCO Holdings", "", "KR", COM, "https://www.posco-inc.com"),
    ("HD현대", "HD Hyundai", "", "KR", COM, "https://www.hd.com"),
    ("이화학연구소", "RIKEN", "01sjwvz98", "JP", INS, "https://www.riken.jp"),
    ("밀라 퀘벡 인공지능 연구소", "Mila", "05c22rx21", "CA", INS, "https://mila.quebec"),
    ("벡터 연구소", "Vector Institute", "03kqdja62", "CA", INS, "https://vectorinstitute.ai"),
    ("이바도", "IVADO", "", "CA", INS, "https://ivado.ca"),
    ("토론토 대학교", "University of Toronto", "03dbr7087", "CA", UNI, "https://www.utoronto.ca"),
    ("워털루 대학교", "University of Waterloo", "01aff2v68", "CA", UNI, "https://uwaterloo.ca"),
    ("스탠퍼드 대학교", "Stanford University", "00f54p054", "US", UNI, "https://www.stanford.edu"),
    ("프랑스 국립디지털과학기술연구소", "Inria", "02kvxyf05", "FR", INS, "https://www.inria.fr"),
    (
        "모하메드 빈 자이드 인공지능대학교",
        "Mohamed bin Zayed University of Artificial Intelligence",
        "",
        "AE",
        UNI,
        "https://mbzuai.ac.ae",
    ),
]
# Children of a partner: (name_ko, name_en, country, kind, website, parent's name_en)
PARTNER_UNITS = [
    (
        "이화학연구소 혁신지능통합연구센터",
        "RIKEN Center for Advanced Intelligence Project (AIP)",
        "JP",
        INS,
        "https://aip.riken.jp",
        "RIKEN",
    ),
]

KOREAN_PLACES = [
    ("서울", "Seoul"),
    ("부산", "Busan"),
    ("대구", "Daegu"),
    ("인천", "Incheon"),
    ("광주", "Gwangju"),
    ("대전", "Daejeon"),
    ("울산", "Ulsan"),
    ("세종", "Sejong"),
    ("수원", "Suwon"),
    ("창원", "Changwon"),
    ("청주", "Cheongju"),
    ("전주", "Jeonju"),
    ("천안", "Cheonan"),
    ("포항", "Pohang"),
    ("제주", "Jeju"),
    ("춘천", "Chuncheon"),
    ("원주", "Wonju"),
    ("강릉", "Gangneung"),
    ("판교", "Pangyo"),
    ("송도", "Songdo"),
]
KOREAN_STEMS = [
    ("한빛", "Hanbit"),
    ("새봄", "Saebom"),
    ("다온", "Daon"),
    ("누리", "Nuri"),
    ("가람", "Garam"),
    ("미르", "Mir"),
    ("한결", "Hangyeol"),
    ("아라", "Ara"),
    ("온빛", "Onbit"),
    ("해솔", "Haesol"),
    ("별하", "Byeolha"),
    ("초롱", "Chorong"),
    ("마루", "Maru"),
    ("여울", "Yeoul"),
    ("이음", "Ieum"),
    ("나래", "Narae"),
    ("슬기", "Seulgi"),
    ("도담", "Dodam"),
    ("라온", "Raon"),
    ("바름", "Bareum"),
]
KOREAN_KINDS = [
    ("대학교", "University", UNI),
    ("과학기술원", "Institute of Science and Technology", UNI),
    ("AI 연구소", "AI Research Institute", INS),
    ("지능정보연구원", "Intelligent Information Institute", INS),
    ("로보틱스", "Robotics", COM),
    ("AI", "AI", COM),
    ("데이터랩", "Data Lab", COM),
    ("전자", "Electronics", COM),
    ("모빌리티", "Mobility", COM),
    ("바이오AI", "Bio AI", COM),
]
FOREIGN_PLACES = [
    ("US", ["Northgate", "Lakeside", "Riverton", "Pinecrest", "Bayview", "Cedar Hill"]),
    ("CA", ["Maplewood", "Laurentian Bay", "Northshore", "Kingsbridge"]),
    ("FR", ["Val-de-Loire", "Côte d'Argent", "Montclair", "Saint-Aubin"]),
    ("JP", ["Kamogawa", "Minatomirai", "Shiraishi", "Aobadai"]),
    ("AE", ["Al Noor", "Al Waha", "Saadiyat"]),
    ("GB", ["Ashford", "Whitby", "Kingsmere"]),
    ("DE", ["Rheintal", "Lindenau", "Elbufer"]),
    ("SG", ["Marina", "Kent Ridge"]),
]
FOREIGN_KINDS = [
    ("University", UNI),
    ("Institute of Technology", UNI),
    ("Institute for Machine Intelligence", INS),
    ("Robotics Laboratory", INS),
    ("AI Labs", COM),
    ("Systems", COM),
    ("Computing Centre", INS),
]

KOREAN_SURNAMES = [
    ("김", "Kim", 21),
    ("이", "Lee", 15),
    ("박", "Park", 8),
    ("최", "Choi", 5),
    ("정", "Jung", 5),
    ("강", "Kang", 2),
    ("조", "Cho", 2),
    ("윤", "Yoon", 2),
    ("장", "Jang", 2),
    ("임", "Lim", 2),
    ("한", "Han", 1),
    ("오", "Oh", 1),
    ("서", "Seo", 1),
    ("신", "Shin", 1),
    ("권", "Kwon", 1),
    ("황", "Hwang", 1),
    ("안", "Ahn", 1),
    ("송", "Song", 1),
    ("류", "Ryu", 1),
    ("전", "Jeon", 1),
    ("홍", "Hong", 1),
    ("고", "Ko", 1),
    ("문", "Moon", 1),
    ("양", "Yang", 1),
    ("손", "Son", 1),
    ("배", "Bae", 1),
    ("백", "Baek", 1),
    ("허", "Heo", 1),
    ("남", "Nam", 1),
    ("노", "Noh", 1),
]
KOREAN_SYLLABLES = [
    ("민", "min"),
    ("서", "seo"),
    ("지", "ji"),
    ("현", "hyun"),
    ("준", "jun"),
    ("우", "woo"),
    ("수", "su"),
    ("영", "young"),
    ("하", "ha"),
    ("은", "eun"),
    ("연", "yeon"),
    ("도", "do"),
    ("윤", "yoon"),
    ("재", "jae"),
    ("성", "sung"),
    ("진", "jin"),
    ("호", "ho"),
    ("예", "ye"),
    ("주", "ju"),
    ("희", "hee"),
    ("혜", "hye"),
    ("원", "won"),
    ("태", "tae"),
    ("상", "sang"),
    ("동", "dong"),
    ("경", "kyung"),
    ("승", "seung"),
    ("유", "yu"),
    ("나", "na"),
    ("소", "so"),
    ("건", "geon"),
    ("린", "rin"),
    ("채", "chae"),
    ("다", "da"),
    ("규", "kyu"),
    ("석", "seok"),
    ("훈", "hoon"),
    ("빈", "bin"),
    ("아", "a"),
    ("온", "on"),
]
ENGLISH_FIRST = [
    "James",
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Ava",
    "Ethan",
    "Sophia",
    "Lucas",
    "Mia",
    "Benjamin",
    "Charlotte",
    "Henry",
    "Amelia",
    "Samuel",
    "Harper",
    "Daniel",
    "Evelyn",
    "Owen",
    "Abigail",
    "Jack",
    "Emily",
    "Nathan",
    "Grace",
    "Ryan",
    "Chloe",
    "Andrew",
    "Hannah",
    "David",
    "Zoe",
    "Michael",
    "Leah",
    "Thomas",
    "Nora",
]
ENGLISH_LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Campbell",
    "Mitchell",
    "Roberts",
    "Turner",
]
FRENCH_FIRST = [
    "Camille",
    "Louis",
    "Léa",
    "Hugo",
    "Chloé",
    "Jules",
    "Manon",
    "Gabriel",
    "Inès",
    "Raphaël",
    "Juliette",
    "Arthur",
    "Élodie",
    "Mathis",
    "Clémence",
    "Théo",
    "Margaux",
    "Antoine",
    "Océane",
    "Étienne",
    "Amélie",
    "Baptiste",
    "Noémie",
    "Rémi",
]
FRENCH_LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Tremblay",
    "Gagnon",
]
ARABIC_FIRST = [
    "Ahmed",
    "Fatima",
    "Omar",
    "Layla",
    "Youssef",
    "Mariam",
    "Khalid",
    "Noura",
    "Hassan",
    "Aisha",
    "Tariq",
    "Salma",
    "Karim",
    "Huda",
    "Rami",
    "Yasmin",
    "Faisal",
    "Rania",
    "Hamza",
    "Leila",
    "Ziad",
    "Amira",
    "Sami",
    "Dina",
]
ARABIC_LAST = [
    "Al Mansoori",
    "Al Hashimi",
    "Haddad",
    "Khalil",
    "Nasser",
    "Saleh",
    "Al Zaabi",
    "Mahmoud",
    "Farouk",
    "Hamdan",
    "Al Suwaidi",
    "Abdallah",
    "Karam",
    "Aziz",
    "Rahman",
    "El Amrani",
    "Bakr",
    "Qasim",
    "Al Marzouqi",
    "Darwish",
]
JAPANESE_FIRST = [
    "Haruto",
    "Yui",
    "Sota",
    "Hina",
    "Ren",
    "Aoi",
    "Yuto",
    "Sakura",
    "Kaito",
    "Mio",
    "Riku",
    "Hana",
    "Takumi",
    "Yuna",
    "Daiki",
    "Emi",
]
JAPANESE_LAST = [
    "Sato",
    "Suzuki",
    "Takahashi",
    "Tanaka",
    "Watanabe",
    "Ito",
    "Yamamoto",
    "Nakamura",
    "Kobayashi",
    "Kato",
    "Yoshida",
    "Yamada",
    "Sasaki",
    "Matsumoto",
]
# origin of the name, countries of residence (weighted), share of people
ORIGINS = [
    ("ko", [("KR", 95), ("US", 3), ("CA", 2)], 62),
    ("en", [("US", 60), ("CA", 20), ("GB", 15), ("AU", 5)], 16),
    ("fr", [("FR", 70), ("CA", 30)], 9),
    ("ar", [("AE", 60), ("SA", 10), ("EG", 10), ("FR", 10), ("CA", 10)], 7),
    ("ja", [("JP", 95), ("US", 5)], 6),
]
FOREIGN_NAMES = {
    "en": (ENGLISH_FIRST, ENGLISH_LAST),
    "fr": (FRENCH_FIRST, FRENCH_LAST),
    "ar": (ARABIC_FIRST, ARABIC_LAST),
    "ja": (JAPANESE_FIRST, JAPANESE_LAST),
}
FAVOURED_AREAS = {
    "cs.LG": 12,
    "cs.AI": 9,
    "cs.CV": 7,
    "cs.CL": 7,
    "cs.RO": 6,
    "cs.NE": 3,
    "cs.IR": 2,
    "cs.HC": 2,
    "cs.SY": 2,
    "cs.DC": 2,
    "cs.CR": 2,
    "cs.MA": 2,
}
ROLES_AT = {
    UNI: [
        (Affiliation.Role.PROFESSOR, 25),
        (Affiliation.Role.POSTDOC, 20),
        (Affiliation.Role.STUDENT, 40),
        (Affiliation.Role.RESEARCHER, 15),
    ],
    INS: [
        (Affiliation.Role.RESEARCHER, 60),
        (Affiliation.Role.POSTDOC, 20),
        (Affiliation.Role.ENGINEER, 15),
        (Affiliation.Role.STAFF, 5),
    ],
    COM: [(Affiliation.Role.ENGINEER, 55), (Affiliation.Role.RESEARCHER, 45)],
}


def pick(rng: random.Random, weighted):
    """One item of [(value..., weight)], by weight (the weight is the last element)."""
    return rng.choices(weighted, weights=[item[-1] for item in weighted])[0]


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return ".".join("".join(c for c in word if c.isalnum()).lower() for word in plain.split())


def demo_orcid(number: int) -> str:
    digits = f"00000000{number:07d}"  # the 0000-0000 block is never issued by ORCID
    digits += orcid_check_digit(digits)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def load(scale: str, stdout) -> None:
    institution_target, person_target = SIZES[scale]
    with transaction.atomic():
        partners = load_partners()
        made = load_institutions(institution_target - len(PARTNERS) - len(PARTNER_UNITS))
        stdout.write(
            f"people: {partners} partner and {made} generated institution(s) added; "
            f"{Institution.objects.count()} institutions in the hub"
        )
        added = load_people(person_target)
        link_researcher()
        stdout.write(
            f"people: {added} demo person(s) added; {Person.objects.count()} people "
            f"in the hub, {Affiliation.objects.count()} affiliations"
        )
    if added:
        # Without figures the planner reads the new rows with plans made for an empty directory.
        refresh_statistics(ANALYZED)


# What people also call the partners: searching "카이스트" or "MBZUAI" finds them.
ALIASES = {
    "KAIST": "카이스트, Korea Advanced Institute of Science and Technology",
    "Seoul National University": "SNU, 서울대",
    "Yonsei University": "연세대",
    "Korea University": "고려대",
    "POSTECH": "포스텍, Pohang University of Science and Technology",
    "ETRI": "Electronics and Telecommunications Research Institute, 전자통신연구원",
    "Mohamed bin Zayed University of Artificial Intelligence": "MBZUAI",
}


def load_partners() -> int:
    existing = {
        (i.ror_id or i.name_en): i
        for i in Institution.objects.filter(name_en__in=[p[1] for p in PARTNERS + PARTNER_UNITS])
        | Institution.objects.filter(ror_id__in=[p[2] for p in PARTNERS if p[2]])
    }
    new = []
    for name_ko, name_en, ror_id, country, kind, website in PARTNERS:
        if ror_id:
            ror_id = normalize_ror(ror_id)  # a typo here fails loudly rather than being stored
        if (ror_id or name_en) in existing:
            continue
        new.append(
            Institution(
                name_ko=name_ko,
                name_en=name_en,
                ror_id=ror_id or None,
                country=country,
                kind=kind,
                website=website,
                aliases=ALIASES.get(name_en, ""),
                sort_name=sort_key(name_en, name_ko),
            )
        )
    by_name = {i.name_en: i for i in [*existing.values(), *new]}
    Institution.objects.bulk_create(new)
    units = []
    for name_ko, name_en, country, kind, website, parent in PARTNER_UNITS:
        if name_en not in existing:
            units.append(
                Institution(
                    name_ko=name_ko,
                    name_en=name_en,
                    country=country,
                    kind=kind,
                    website=website,
                    parent=by_name.get(parent),
                    sort_name=sort_key(name_en, name_ko),
                )
            )
    Institution.objects.bulk_create(units)
    return len(new) + len(units)


def generated_institution(number: int) -> Institution:
    rng = random.Random(f"institution-{number}")
    if rng.random() < 0.6:
        stem_ko, stem_en = KOREAN_STEMS[number % len(KOREAN_STEMS)]
        kind_ko, kind_en, kind = KOREAN_KINDS[(number // len(KOREAN_STEMS)) % len(KOREAN_KINDS)]
        # stem, kind and place together are unique for the first 4,000 numbers
        place_ko, place_en = KOREAN_PLACES[(number // 200) % len(KOREAN_PLACES)]
        name_ko, name_en = f"{stem_ko} {kind_ko} ({place_ko})", f"{stem_en} {kind_en}, {place_en}"
        country = "KR"
    else:
        country, places = rng.choice(FOREIGN_PLACES)
        kind_en, kind = rng.choice(FOREIGN_KINDS)
        name_ko, name_en = "", f"{rng.choice(places)} {kind_en} {number}"
    return Institution(
        name_ko=name_ko,
        name_en=name_en,
        country=country,
        kind=kind,
        website=f"{DEMO_SITE}{number}",
        sort_name=sort_key(name_en, name_ko),
    )


def load_institutions(target: int) -> int:
    have = Institution.objects.filter(website__startswith=DEMO_SITE).count()
    new = [generated_institution(number) for number in range(have, max(have, target))]
    Institution.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


def load_people(target: int) -> int:
    have = Person.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").count()
    if have >= target:
        return 0
    partner_names = [p[1] for p in PARTNERS + PARTNER_UNITS]
    fields = ("id", "country", "kind")
    pools = Pools(
        list(Institution.objects.filter(name_en__in=partner_names).values_list(*fields)),
        list(
            Institution.objects.filter(website__startswith=DEMO_SITE)
            .order_by("id")
            .values_list(*fields)
        ),
    )
    areas = list(ExpertiseArea.objects.values_list("id", "code"))
    area_weights = [FAVOURED_AREAS.get(code, 1) for _id, code in areas]
    today = datetime.date.today()
    added = 0
    for start in range(have, target, BATCH):
        rows = [
            generated_person(n, pools, areas, area_weights, today)
            for n in range(start, min(start + BATCH, target))
        ]
        people = Person.objects.bulk_create([person for person, _a, _f in rows])
        links, affiliations = [], []
        for person, expertise, person_affiliations in rows:
            links += [
                Person.expertise.through(person_id=person.pk, expertisearea_id=area)
                for area in expertise
            ]
            for affiliation in person_affiliations:
                affiliation.person_id = person.pk
                affiliations.append(affiliation)
        Person.expertise.through.objects.bulk_create(links, batch_size=BATCH * 2)
        Affiliation.objects.bulk_create(affiliations, batch_size=BATCH * 2)
        reindex([person.pk for person in people])
        added += len(people)
    return added


class Pools:
    """Institutions to draw affiliations from: partners often, others by country where possible."""

    def __init__(self, partners, others):
        self.partners = partners
        self.others = others or partners
        self.by_country = {}
        for row in others:
            self.by_country.setdefault(row[1], []).append(row)

    def draw(self, rng: random.Random, country: str):
        if rng.random() < 0.3:
            return rng.choice(self.partners)
        local = self.by_country.get(country)
        if local and rng.random() < 0.75:
            return rng.choice(local)
        return rng.choice(self.others)


def person_name(rng: random.Random, origin: str) -> tuple[str, str]:
    if origin == "ko":
        surname_ko, surname_en, _w = pick(rng, KOREAN_SURNAMES)
        (first_ko, first_en), (second_ko, second_en) = rng.sample(KOREAN_SYLLABLES, 2)
        given = (
            f"{first_en.capitalize()}-{second_en}"
            if rng.random() < 0.3
            else f"{first_en.capitalize()}{second_en}"
        )
        return f"{surname_ko}{first_ko}{second_ko}", f"{given} {surname_en}"
    first, last = FOREIGN_NAMES[origin]
    return "", f"{rng.choice(first)} {rng.choice(last)}"


def generated_person(number, pools, areas, area_weights, today):
    rng = random.Random(f"person-{number}")
    origin, countries, _share = pick(rng, ORIGINS)
    country = pick(rng, countries)[0]
    name_ko, name_en = person_name(rng, origin)
    expertise = {
        area_id
        for area_id, _code in rng.choices(
            areas, weights=area_weights, k=rng.choice((1, 1, 2, 2, 3, 4))
        )
    }
    affiliations = career(rng, pools, country, today)
    bio_ko = bio_en = ""
    if rng.random() < 0.35:
        codes = dict(areas)
        topic = ", ".join(codes[area] for area in sorted(expertise))
        if origin == "ko" or rng.random() < 0.2:
            bio_ko = f"{topic} 분야를 연구합니다. 기계학습의 효율과 신뢰성에 관심이 있습니다."
        if origin != "ko" or rng.random() < 0.7:
            bio_en = (
                f"Works on {topic}, with an interest in efficient and reliable machine "
                f"learning and international collaboration."
            )
    person = Person(
        name_ko=name_ko,
        name_en=name_en,
        orcid=demo_orcid(number) if rng.random() < 0.8 else None,
        email=f"{ascii_slug(name_en)}.{number}@{DEMO_DOMAIN}",
        email_visibility=pick(rng, [("public", 20), ("members", 65), ("private", 15)])[0],
        country="" if rng.random() < 0.05 else country,
        bio_ko=bio_ko,
        bio_en=bio_en,
        is_public=rng.random() >= 0.08,
        sort_name=sort_key(name_en, name_ko),
    )
    return person, expertise, affiliations


def career(rng: random.Random, pools: Pools, country: str, today: datetime.date) -> list:
    """0-2 past affiliations that have ended, then (usually) a current one."""
    year = today.year - rng.randint(1, 14)
    affiliations = []
    for _past in range(pick(rng, [(0, 45), (1, 40), (2, 15)])[0]):
        start = datetime.date(year, rng.choice((3, 9)), 1)
        end = min(
            start + datetime.timedelta(days=365 * rng.randint(1, 4)),
            today - datetime.timedelta(days=30),
        )
        if end <= start:
            break
        affiliations.append(affiliation(rng, pools, country, start, end))
        year = end.year
    if rng.random() < 0.97:
        start = datetime.date(min(year, today.year), rng.choice((1, 3, 9)), 1)
        start = min(start, today)
        end = None
        visiting = rng.random() < 0.08
        if visiting:  # a stay of a few weeks or months that is still going on
            start = today - datetime.timedelta(days=rng.randint(0, 60))
            end = today + datetime.timedelta(days=rng.randint(14, 180))
        current = affiliation(rng, pools, country, start, end)
        if visiting:
            current.role = Affiliation.Role.VISITING
        affiliations.append(current)
    return affiliations


def affiliation(rng, pools, country, start, end) -> Affiliation:
    institution_id, _country, kind = pools.draw(rng, country)
    role = pick(rng, ROLES_AT.get(kind, ROLES_AT[INS]))[0]
    return Affiliation(institution_id=institution_id, role=role, start=start, end=end)


def link_researcher() -> None:
    """The `researcher` demo login owns a profile, so "my profile" and editing can be tried."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="researcher").first()
    if user is None or Person.objects.filter(user=user).exists():
        return
    kaist = Institution.objects.filter(ror_id="05apxxy63").first()
    person = Person.objects.create(
        user=user,
        name_ko="한하늘",
        name_en="Haneul Han",
        email="researcher@nairl.example",
        country="KR",
        orcid=demo_orcid(9_999_999),
        email_visibility=Person.Visibility.MEMBERS,
        bio_ko="로봇 파운데이션 모델의 인지와 제어를 연구합니다.",
        bio_en="Works on perception and control in robot foundation models.",
    )
    person.expertise.set(ExpertiseArea.objects.filter(code__in=["cs.RO", "cs.LG"]))
    if kaist is not None:
        Affiliation.objects.create(
            person=person,
            institution=kaist,
            role=Affiliation.Role.POSTDOC,
            start=datetime.date(datetime.date.today().year - 1, 3, 1),
        )
