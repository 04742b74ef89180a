"""The demo office: the zone's real history (../shared/seeds) plus about 300
plausible Chinese, German and Finnish companies with people, years of contacts
and open follow-ups.

Pure Python: `build_demo` returns unsaved model objects made from one seeded
random generator, so the same seed on the same day gives the same office."""
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from crm.models import (
    Affiliation,
    Agreement,
    AgreementKind,
    AgreementStatus,
    AlternativeName,
    Channel,
    Company,
    CompanyRelation,
    CompanyKind,
    CompanySize,
    ContactSource,
    Delegation,
    DelegationMember,
    DelegationStatus,
    Direction,
    Event,
    EventKind,
    FollowUp,
    Interaction,
    NameKind,
    Office,
    Person,
    PipelineStatus,
    RelationKind,
    Role,
    Sector,
    Tag,
    User,
)
from crm.services.demo_fair import add_fair_2015

PASSWORD = "jadebridge-demo"
COMPANY_COUNT = 300

# (name, city, country, time zone, [(e-mail, name, role)])
OFFICES = [
    ("Jinan headquarters", "Jinan", "CN", "Asia/Shanghai", [
        ("admin@jadebridge.eu", "Zhao Hong", Role.ADMIN),
        ("manager.jinan@jadebridge.eu", "Zhang Min", Role.MANAGER),
        ("staff.jinan@jadebridge.eu", "Liu Yang", Role.STAFF),
    ]),
    ("Dresden", "Dresden", "DE", "Europe/Berlin", [
        ("manager.dresden@jadebridge.eu", "Rita Meißner", Role.MANAGER),
        ("staff.dresden@jadebridge.eu", "Jonas Becker", Role.STAFF),
        ("viewer@jadebridge.eu", "Partner Institution (read-only)", Role.VIEWER),
    ]),
    ("Stuttgart", "Stuttgart", "DE", "Europe/Berlin", [
        ("manager.stuttgart@jadebridge.eu", "Wang Lei", Role.MANAGER),
        ("staff.stuttgart@jadebridge.eu", "Katharina Vogel", Role.STAFF),
    ]),
    ("Vantaa", "Vantaa", "FI", "Europe/Helsinki", [
        ("manager.vantaa@jadebridge.eu", "Aino Virtanen", Role.MANAGER),
        ("staff.vantaa@jadebridge.eu", "Chen Jing", Role.STAFF),
    ]),
]

SECTORS = [
    "Intelligent manufacturing", "Information technology", "Microelectronics", "Life sciences",
    "Medical devices", "New materials", "Energy and environment", "Automotive", "Lasers and optics",
    "Logistics", "Robotics and automation", "Education and research", "Public administration",
]

# The zone's partner institutions and the people named in its history.
INSTITUTIONS = [
    # key, name, local name, kind, city, country, office, website, people [(name, title)]
    ("jinan_zone", "Jinan Hi-tech Zone Administrative Committee", "济南高新技术产业开发区管委会",
     CompanyKind.INSTITUTION, "Jinan", "CN", "Jinan headquarters", "http://www.jinanhitech.gov.cn",
     [("Xu Qun", "Director of the Party Working Committee"), ("Lv Jiantao", "Head of delegation 2013")]),
    ("life_science_city", "Jinan High-tech Zone Life Science City", "济南高新区生命科学城",
     CompanyKind.INSTITUTION, "Jinan", "CN", "Jinan headquarters", None, [("Wang Siguo", "Director")]),
    ("jinan_city", "Jinan Municipal Party Committee", "中共济南市委", CompanyKind.INSTITUTION, "Jinan", "CN",
     "Jinan headquarters", None, [("Wang Wentao", "Party Secretary of Jinan")]),
    ("dresden_city", "City of Dresden – Economic Development Office",
     "Landeshauptstadt Dresden, Amt für Wirtschaftsförderung", CompanyKind.INSTITUTION, "Dresden", "DE", "Dresden",
     "https://www.dresden.de", [("Dirk Hilbert", "First Mayor")]),
    ("tzd", "Dresden Technology Center", "Technologiezentrum Dresden GmbH", CompanyKind.INSTITUTION, "Dresden", "DE",
     "Dresden", "https://www.tzdresden.de", []),
    ("jinan_park", "Jinan Science and Technology Economic Park Europe", "济南科技经济园（欧洲）",
     CompanyKind.INSTITUTION, "Dresden", "DE", "Dresden", None, []),
    ("hbh", "Helsinki Business Hub", None, CompanyKind.INSTITUTION, "Helsinki", "FI", "Vantaa",
     "https://www.helsinkibusinesshub.fi", []),
    ("finpro", "Finpro", None, CompanyKind.INSTITUTION, "Helsinki", "FI", "Vantaa", "https://www.finpro.fi", []),
    ("vantaa_city", "City of Vantaa – Business Development", "Vantaan kaupunki, elinkeinopalvelut",
     CompanyKind.INSTITUTION, "Vantaa", "FI", "Vantaa", "https://www.vantaa.fi",
     [("Jose Valanta", "Director of Business Development")]),
    ("sme_center", "Chinese-German SME Innovation Center", "中德中小企业创新中心", CompanyKind.INSTITUTION,
     "Stuttgart", "DE", "Stuttgart", None, []),
]

# Names the institutions also go by, and how they stand to each other.
ALSO_KNOWN_AS = {
    "jinan_zone": [("Jinan Hi-tech Zone", NameKind.ENGLISH), ("济南高新区", NameKind.ABBREVIATION)],
    "tzd": [("TZD", NameKind.ABBREVIATION), ("Technologiezentrum Dresden", NameKind.GERMAN)],
}
SUBSIDIARIES = [("life_science_city", "jinan_zone"), ("jinan_park", "jinan_zone"), ("sme_center", "jinan_zone")]


@dataclass
class Milestone:
    when: date
    institution: str
    channel: Channel
    summary: str
    people: tuple[str, ...] = ()


MILESTONES = [
    Milestone(date(2012, 5, 15), "dresden_city", Channel.MEETING,
              "Letter of intent signed by the First Mayor of Dresden, Mr. Hilbert, to build an economic "
              "development platform with the Jinan Hi-tech Zone.", ("Dirk Hilbert",)),
    Milestone(date(2012, 10, 18), "tzd", Channel.MEETING,
              "Memorandum of understanding with the Dresden Technology Center on business cooperation and "
              "mutual support between the two regions."),
    Milestone(date(2013, 8, 27), "dresden_city", Channel.VISIT,
              "Opening of the Dresden office, witnessed by First Mayor Hilbert, Mr. Lv Jiantao and his delegation "
              "and more than 30 representatives of Dresden enterprises.", ("Dirk Hilbert", "Lv Jiantao")),
    Milestone(date(2013, 11, 1), "jinan_park", Channel.VISIT,
              "Jinan Science and Technology Economic Park opened in Europe; the Mayor of Dresden, members of the "
              "municipal council and a business delegation attended."),
    Milestone(date(2014, 5, 20), "jinan_zone", Channel.MEETING,
              "Dozens of German business friends met partners in Jinan to exchange opportunities."),
    Milestone(date(2014, 8, 26), "vantaa_city", Channel.MEETING,
              "Uusimaa – Shandong Business Forum 2014 held in Vantaa, Finland."),
    Milestone(date(2015, 9, 10), "tzd", Channel.MEETING,
              "New memorandum of cooperation signed with the Dresden Technology Development Center."),
    Milestone(date(2015, 9, 22), "dresden_city", Channel.FAIR_MEETING,
              "Jinan European Industry Cooperation Fair, 'Made in China 2025' meets 'Industrie 4.0': more than 20 "
              "Jinan enterprises met more than 60 Dresden enterprises in pre-arranged meetings."),
    Milestone(date(2015, 9, 28), "finpro", Channel.VISIT,
              "Jinan High-tech Zone visited the Ministry of Economic Development of Vantaa and Finpro."),
    Milestone(date(2015, 11, 12), "hbh", Channel.VISIT,
              "Helsinki Business Hub, Finpro and Vantaa Economic Development visited Jinan; consensus on future "
              "cooperation."),
    Milestone(date(2016, 1, 20), "vantaa_city", Channel.MEETING,
              "MoU signed with Vantaa economic development and Helsinki Business Hub to set up a mutual industrial "
              "cooperation office."),
    Milestone(date(2016, 7, 12), "vantaa_city", Channel.VISIT,
              "Mr. Xu Qun visited Vantaa: agreement on the office operating strategy and its staff.", ("Xu Qun",)),
    Milestone(date(2016, 9, 8), "vantaa_city", Channel.VISIT,
              "Jinan – Vantaa Office established; Mr. Wang Siguo attended the opening for the Jinan High-tech Zone.",
              ("Wang Siguo",)),
    Milestone(date(2016, 9, 20), "sme_center", Channel.VISIT,
              "Jinan Chinese-German SME Innovation Center established in Stuttgart; Mr. Wang Wentao unveiled it and "
              "gave a speech.", ("Wang Wentao",)),
    Milestone(date(2016, 12, 6), "vantaa_city", Channel.VISIT,
              "Jose Valanta, Director of the Business Development Bureau of Vantaa, visited the Jinan Hi-tech Zone.",
              ("Jose Valanta",)),
]

# topic: (sector, offers/seeks in English, German, Chinese)
TOPICS = {
    "laser": ("Lasers and optics",
              ("Fibre lasers and laser cutting machines", "Distribution partners in Europe"),
              ("Laserschneidanlagen und Faserlaser", "Vertriebspartner in China"),
              ("光纤激光器和激光切割设备", "欧洲经销商和技术合作伙伴")),
    "robot": ("Robotics and automation",
              ("Industrial robots and automation cells", "Joint development of robot grippers"),
              ("Automatisierungslösungen und Robotik", "Produktionspartner in Asien"),
              ("工业机器人和自动化生产线", "德国自动化技术和合资伙伴")),
    "medical": ("Medical devices",
                ("Patient monitoring and diagnostic devices", "Clinical partners and CE certification help"),
                ("Medizintechnik und Diagnostikgeräte", "Vertrieb im chinesischen Gesundheitsmarkt"),
                ("医疗器械和诊断设备", "欧洲认证和医疗设备经销商")),
    "semiconductor": ("Microelectronics",
                      ("Chip design services and sensors", "Foundry partners and investors"),
                      ("Halbleitertechnik und Sensorik", "Kunden für Sensoren in der Automobilindustrie"),
                      ("半导体封装和传感器", "欧洲芯片设计合作和技术许可")),
    "battery": ("Energy and environment",
                ("Battery storage systems for new energy", "Recycling technology partners"),
                ("Batteriespeicher und Energietechnik", "Zellhersteller und Investoren"),
                ("新能源电池储能系统", "德国电池技术和研发合作")),
    "software": ("Information technology",
                 ("Industrial software and IoT platforms", "System integrators"),
                 ("Softwaresysteme für Industrie 4.0", "Softwareentwickler und Pilotkunden in China"),
                 ("工业软件和物联网平台", "工业4.0解决方案和软件合作伙伴")),
    "materials": ("New materials",
                  ("Lightweight composites and coatings", "Automotive customers"),
                  ("Werkstofftechnik und Beschichtungen", "Rohstofflieferanten und Forschungspartner"),
                  ("新材料和复合材料", "汽车零部件客户和研发合作")),
    "machinery": ("Intelligent manufacturing",
                  ("Precision machining and CNC machine tools", "Smart manufacturing know-how"),
                  ("Präzisionsmaschinenbau und CNC-Fertigung", "Fertigungspartner und Joint Venture in China"),
                  ("精密机械和数控机床", "智能制造技术和德国合作伙伴")),
    "biotech": ("Life sciences",
                ("Biotech research services", "Licensing partners for drug candidates"),
                ("Biotechnologie und Pharmaforschung", "Lizenznehmer und klinische Partner"),
                ("生物医药研发", "欧洲药品许可和临床合作")),
    "logistics": ("Logistics",
                  ("Rail freight and warehousing between China and Europe", "Shippers and e-commerce customers"),
                  ("Logistik und Lagerhaltung", "Bahnfracht nach China"),
                  ("中欧班列物流和仓储", "欧洲电商客户和物流伙伴")),
}

CHINESE_TOPIC_WORDS = {"laser": ("激光", "Laser"), "robot": ("机器人", "Robotics"), "medical": ("医疗器械", "Medical"),
                       "semiconductor": ("半导体", "Semiconductor"), "battery": ("新能源", "New Energy"),
                       "software": ("软件", "Software"), "materials": ("新材料", "New Materials"),
                       "machinery": ("智能装备", "Intelligent Equipment"), "biotech": ("生物医药", "Biopharma"),
                       "logistics": ("物流", "Logistics")}
CHINESE_BRANDS = [("华光", "Huaguang"), ("中晟", "Zhongsheng"), ("鲁信", "Luxin"), ("金泰", "Jintai"),
                  ("明德", "Mingde"), ("瑞通", "Ruitong"), ("泉城", "Quancheng"), ("齐鲁", "Qilu"),
                  ("海纳", "Haina"), ("博远", "Boyuan"), ("天成", "Tiancheng"), ("恒信", "Hengxin"),
                  ("东岳", "Dongyue"), ("汇智", "Huizhi")]
CHINESE_SUFFIXES = [("科技有限公司", "Technology Co., Ltd."), ("股份有限公司", "Co., Ltd."),
                    ("集团有限公司", "Group Co., Ltd.")]
GERMAN_TOPIC_WORDS = {"laser": "Lasertechnik", "robot": "Robotik", "medical": "Medizintechnik",
                      "semiconductor": "Halbleitertechnik", "battery": "Energietechnik", "software": "Softwaresysteme",
                      "materials": "Werkstofftechnik", "machinery": "Präzisionsmaschinenbau",
                      "biotech": "Biotechnologie", "logistics": "Logistik"}
GERMAN_PREFIXES = ["Sächsische", "Elbtal", "Dresdner", "Schwäbische", "Neckar", "Erzgebirge", "Lausitzer",
                   "Stuttgarter", "Leipziger", "Mitteldeutsche", "Weißeritz", "Filder"]
GERMAN_CITIES = {"Dresden": 0.45, "Stuttgart": 0.3, "Chemnitz": 0.1, "Leipzig": 0.1, "Munich": 0.05}
GERMAN_LEGAL = ["GmbH", "GmbH", "AG", "GmbH & Co. KG"]
FINNISH_TOPIC_WORDS = {"laser": "Optiikka", "robot": "Robotiikka", "medical": "Terveysteknologia",
                       "semiconductor": "Anturit", "battery": "Energia", "software": "Ohjelmistot",
                       "materials": "Materiaalit", "machinery": "Automaatio", "biotech": "Biotekniikka",
                       "logistics": "Logistiikka"}
FINNISH_PREFIXES = ["Myyrmäen", "Vantaan", "Espoon", "Tikkurilan", "Uudenmaan", "Pohjolan", "Kivistön", "Airport"]
FINNISH_CITIES = {"Vantaa": 0.5, "Espoo": 0.2, "Helsinki": 0.25, "Tampere": 0.05}

CHINESE_SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
                    ("赵", "Zhao"), ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"), ("孙", "Sun"), ("马", "Ma")]
CHINESE_GIVEN = [("伟", "Wei"), ("芳", "Fang"), ("敏", "Min"), ("静", "Jing"), ("磊", "Lei"), ("洋", "Yang"),
                 ("军", "Jun"), ("慧", "Hui"), ("强", "Qiang"), ("艳", "Yan"), ("涛", "Tao"), ("娜", "Na")]
GERMAN_FIRST = ["Anna", "Katrin", "Jonas", "Lukas", "Stefan", "Sabine", "Thomas", "Julia", "Markus", "Claudia",
                "Jürgen", "Ute"]
GERMAN_LAST = ["Müller", "Schmidt", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Schäfer", "Koch",
               "Richter", "Krüger", "Weiß"]
FINNISH_FIRST = ["Aino", "Mikko", "Laura", "Juha", "Sanna", "Antti", "Eeva", "Timo", "Päivi", "Jukka"]
FINNISH_LAST = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen"]
TITLES = {
    "CN": ["General Manager", "Vice General Manager", "Head of International Business", "R&D Director"],
    "DE": ["Geschäftsführer", "Head of Sales Asia", "Leiter Forschung und Entwicklung", "Business Development"],
    "FI": ["Toimitusjohtaja", "Sales Director", "Head of R&D", "Export Manager"],
}
LANGUAGE = {"CN": "zh", "DE": "de", "FI": "fi"}

NOTES = {
    Channel.CALL: ["Phone call with {person}: interested in {seeks}.",
                   "Called {person}; will send material on {offers}."],
    Channel.EMAIL: ["E-mail from {person} asking about partners for {seeks}.", "Sent the fair invitation to {person}."],
    Channel.WECHAT: ["WeChat with {person}: wants to meet European partners for {seeks}.",
                     "微信沟通：{person} 对欧洲合作伙伴感兴趣。"],
    Channel.MEETING: ["Meeting with {person} at the office about {offers}.", "Besprechung mit {person}: {seeks}."],
    Channel.VISIT: ["Visited {company}; {person} showed the production of {offers}.",
                    "Site visit, discussed a pilot project with {person}."],
    Channel.FAIR_MEETING: ["Met {person} at the matchmaking fair; good fit for {seeks}."],
    Channel.OTHER: ["Forwarded {company}'s profile to partner institutions."],
}
OUTCOMES = [None, None, "Will send a proposal.", "Interested, follow up after the holidays.",
            "No budget this year.", "Agreed to join the next delegation.", "Asked for references in Germany."]
NEXT_STEPS = ["Send the fair brochure", "Call back about the delegation", "Introduce to a Dresden partner",
              "Send the cooperation profile", "Invite to the matchmaking fair", "Check visa support letter",
              "Arrange a video call", "Share the incubator offer"]
CHANNELS_BY_COUNTRY = {
    "CN": [Channel.WECHAT] * 4 + [Channel.CALL, Channel.MEETING, Channel.VISIT, Channel.EMAIL],
    "DE": [Channel.EMAIL] * 3 + [Channel.CALL] * 2 + [Channel.MEETING, Channel.VISIT, Channel.FAIR_MEETING],
    "FI": [Channel.EMAIL] * 3 + [Channel.CALL, Channel.MEETING, Channel.VISIT, Channel.OTHER],
}


@dataclass
class DemoOffice:
    """Everything `build_demo` made, in the order it is to be added."""

    offices: dict[str, Office] = field(default_factory=dict)
    users: list[User] = field(default_factory=list)
    records: list = field(default_factory=list)
    company_names: set[str] = field(default_factory=set)

    def all(self) -> list:
        return [*self.offices.values(), *self.users, *self.records]


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0))


def build_demo(rng: random.Random, today: date, password_hash: str) -> DemoOffice:
    demo = DemoOffice()
    for name, city, country, zone, users in OFFICES:
        office = Office(name=name, city=city, country=country, timezone=zone)
        demo.offices[name] = office
        for email, user_name, role in users:
            demo.users.append(User(email=email, name=user_name, role=role, office=office,
                                   password_hash=password_hash))
    sectors = {name: Sector(name=name) for name in SECTORS}
    tags = {name: Tag(name=name) for name in ("fair 2015", "delegation 2016", "incubator", "VIP", "newsletter")}
    demo.records += [*sectors.values(), *tags.values()]
    staff_of = {office: [u for u in demo.users if u.office is office and u.role is not Role.VIEWER]
                for office in demo.offices.values()}

    institutions = add_institutions(demo, sectors, staff_of)
    add_milestones(demo, institutions, staff_of)
    delegation, fair_2015 = add_history_records(demo, institutions)
    companies = [add_company(demo, rng, index, today, sectors, tags, staff_of) for index in range(COMPANY_COUNT)]
    # April 2016: 11 Jinan high-tech firms toured German companies.
    travellers = [c for c in companies if c.country == "CN" and c.created_at.date() < delegation.starts_on][:11]
    for company in travellers:
        delegation.members.append(DelegationMember(company=company, interests=company.seeks))
        if tags["delegation 2016"] not in company.tags:
            company.tags.append(tags["delegation 2016"])
    dresden = staff_of[fair_2015.office]
    manager = next(u for u in dresden if u.role is Role.MANAGER)
    staff = next(u for u in dresden if u.role is Role.STAFF)
    add_fair_2015(demo.records, rng, fair_2015, companies, manager, staff)
    for participant in fair_2015.participants:
        if tags["fair 2015"] not in participant.company.tags:
            participant.company.tags.append(tags["fair 2015"])
    return demo


def add_institutions(demo, sectors, staff_of) -> dict[str, Company]:
    institutions = {}
    for key, name, local, kind, city, country, office_name, website, people in INSTITUTIONS:
        office = demo.offices[office_name]
        company = Company(name=name, name_local=local, kind=kind, city=city, country=country, website=website,
                          status=PipelineStatus.PARTNER, source=ContactSource.PARTNER, office=office,
                          owner=staff_of[office][0], sectors=[sectors["Public administration"]])
        company.created_at = datetime(2012, 5, 1)
        for person_name, title in people:
            company.affiliations.append(Affiliation(person=Person(name=person_name), title=title, is_primary=True))
        company.alternative_names = [AlternativeName(name=name, kind=kind) for name, kind in ALSO_KNOWN_AS.get(key, [])]
        institutions[key] = company
        demo.records.append(company)
    return institutions


def person_named(company: Company, name: str) -> Person:
    return next(a.person for a in company.affiliations if a.person.name == name)


def add_milestones(demo, institutions, staff_of) -> None:
    """The office's real history, logged as contacts with the institutions involved."""
    people_by_name = {a.person.name: a.person for c in institutions.values() for a in c.affiliations}
    for milestone in MILESTONES:
        company = institutions[milestone.institution]
        author = staff_of[company.office][0]
        demo.records.append(Interaction(
            company=company, author=author, office=author.office, occurred_at=at(milestone.when),
            channel=milestone.channel, summary=milestone.summary,
            people=[people_by_name[name] for name in milestone.people],
        ))


def add_history_records(demo, institutions) -> tuple[Delegation, Event]:
    """Events, agreements and the 2016 delegation of the office's history."""
    offices = demo.offices
    events = [
        ("Opening of the Dresden office", EventKind.OPENING, "Dresden", date(2013, 8, 27), "Dresden"),
        ("Opening of the Jinan Science and Technology Economic Park Europe", EventKind.OPENING, "Dresden",
         date(2013, 11, 1), "Dresden"),
        ("Uusimaa – Shandong Business Forum 2014", EventKind.FORUM, "Vantaa", date(2014, 8, 26), "Vantaa"),
        ("Jinan European Industry Cooperation Fair 2015", EventKind.FAIR, "Dresden", date(2015, 9, 22), "Dresden"),
        ("China International Manufacturing Summit Forum", EventKind.FORUM, "Jinan", date(2015, 11, 5),
         "Jinan headquarters"),
        ("Opening of the Jinan – Vantaa Office", EventKind.OPENING, "Vantaa", date(2016, 9, 8), "Vantaa"),
        ("Opening of the Chinese-German SME Innovation Center", EventKind.OPENING, "Stuttgart", date(2016, 9, 20),
         "Stuttgart"),
        ("China International Intelligent Manufacturing Conference", EventKind.FORUM, "Jinan", date(2016, 11, 17),
         "Jinan headquarters"),
    ]
    for name, kind, city, day, office in events:
        event = Event(name=name, kind=kind, city=city, starts_on=day, ends_on=day, office=offices[office])
        if kind is EventKind.FAIR:
            fair_2015 = event
            event.description = ("'Made in China 2025' hand in hand with 'German Industry 4.0': more than 20 Jinan "
                                 "enterprises met more than 60 Dresden enterprises in pre-arranged 1:1 meetings.")
            event.slot_minutes, event.tables = 20, 25
        demo.records.append(event)
    agreements = [
        (AgreementKind.LETTER_OF_INTENT, "Letter of intent on an economic development platform", date(2012, 5, 15),
         "Dresden", ["dresden_city", "jinan_zone"], "Dresden"),
        (AgreementKind.MOU, "Memorandum of understanding on business cooperation", date(2012, 10, 18), "Dresden",
         ["tzd", "jinan_zone"], "Dresden"),
        (AgreementKind.MOU, "New memorandum of cooperation", date(2015, 9, 10), "Dresden", ["tzd", "jinan_zone"],
         "Dresden"),
        (AgreementKind.OFFICE, "MoU on a mutual industrial cooperation office", date(2016, 1, 20), "Vantaa",
         ["vantaa_city", "hbh", "jinan_zone"], "Vantaa"),
    ]
    latest_with_zone = {}  # partner -> its latest agreement with the zone (they are in date order)
    for kind, title, signed, place, parties, office in agreements:
        agreement = Agreement(kind=kind, title=title, signed_on=signed, signed_place=place,
                              status=AgreementStatus.ACTIVE, parties=[institutions[p] for p in parties],
                              office=offices[office])
        demo.records.append(agreement)
        latest_with_zone.update({p: agreement for p in parties if p != "jinan_zone" and "jinan_zone" in parties})
    demo.records += [CompanyRelation(company=institutions[partner], related=institutions["jinan_zone"],
                                     kind=RelationKind.PARTNER_OF, agreement=agreement)
                     for partner, agreement in latest_with_zone.items()]
    demo.records += [CompanyRelation(company=institutions[child], related=institutions[parent],
                                     kind=RelationKind.SUBSIDIARY_OF) for child, parent in SUBSIDIARIES]
    delegation = Delegation(
        name="Jinan high-tech enterprises visit Germany", direction=Direction.OUTBOUND,
        host_cities="Dresden, Stuttgart", starts_on=date(2016, 4, 11), ends_on=date(2016, 4, 16),
        purpose="Visit German enterprises and choose a site for the Jinan – European industrial cooperation "
                "incubator.",
        leading_institution=institutions["jinan_zone"], office=offices["Jinan headquarters"],
        status=DelegationStatus.DONE,
    )
    demo.records.append(delegation)
    return delegation, fair_2015


def company_names(rng, index, country):
    if country == "CN":
        brand_zh, brand_en = CHINESE_BRANDS[index % len(CHINESE_BRANDS)]
        topic = list(TOPICS)[(index // len(CHINESE_BRANDS)) % len(TOPICS)]
        word_zh, word_en = CHINESE_TOPIC_WORDS[topic]
        suffix_zh, suffix_en = CHINESE_SUFFIXES[index % len(CHINESE_SUFFIXES)]
        return topic, f"Jinan {brand_en} {word_en} {suffix_en}", f"济南{brand_zh}{word_zh}{suffix_zh}"
    if country == "DE":
        prefix = GERMAN_PREFIXES[index % len(GERMAN_PREFIXES)]
        topic = list(TOPICS)[(index // len(GERMAN_PREFIXES)) % len(TOPICS)]
        return topic, f"{prefix} {GERMAN_TOPIC_WORDS[topic]} {rng.choice(GERMAN_LEGAL)}", None
    prefix = FINNISH_PREFIXES[index % len(FINNISH_PREFIXES)]
    topic = list(TOPICS)[(index // len(FINNISH_PREFIXES)) % len(TOPICS)]
    return topic, f"{prefix} {FINNISH_TOPIC_WORDS[topic]} Oy", None


def slug(text: str) -> str:
    folded = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return "".join(char for char in folded if char.isalnum())[:20]


def new_person(rng, country, domain):
    if country == "CN":
        (sur_zh, sur), (given_zh, given) = rng.choice(CHINESE_SURNAMES), rng.choice(CHINESE_GIVEN)
        name, local, email_name = f"{sur} {given}", f"{sur_zh}{given_zh}", f"{given}.{sur}"
        wechat = f"{given.lower()}{sur.lower()}{rng.randint(10, 99)}"
        phone = f"+86 531 {rng.randint(8000, 8999)} {rng.randint(1000, 9999)}"
    elif country == "DE":
        first, last = rng.choice(GERMAN_FIRST), rng.choice(GERMAN_LAST)
        name, local, email_name, wechat = f"{first} {last}", None, f"{first[0]}.{slug(last)}", None
        phone = f"+49 351 {rng.randint(100000, 999999)}"
    else:
        first, last = rng.choice(FINNISH_FIRST), rng.choice(FINNISH_LAST)
        name, local, email_name, wechat = f"{first} {last}", None, f"{slug(first)}.{slug(last)}", None
        phone = f"+358 9 {rng.randint(1000000, 9999999)}"
    return Person(name=name, name_local=local, email=f"{email_name.lower()}@{domain}", phone=phone,
                  wechat_id=wechat, preferred_language=LANGUAGE[country])


def add_company(demo, rng, index, today, sectors, tags, staff_of) -> Company:
    country = rng.choices(["CN", "DE", "FI"], weights=[45, 40, 15])[0]
    for attempt in range(100):  # names repeat across the cycle of brands and topics: take the next free one
        topic, name, local = company_names(rng, index + attempt * 7, country)
        if name not in demo.company_names:
            break
    demo.company_names.add(name)
    sector_name, english, german, chinese = TOPICS[topic]
    offers, seeks = {"CN": chinese, "DE": german, "FI": english}[country]
    if country == "CN":
        city, office = "Jinan", demo.offices["Jinan headquarters"]
    elif country == "DE":
        city = rng.choices(list(GERMAN_CITIES), weights=list(GERMAN_CITIES.values()))[0]
        office = demo.offices["Stuttgart" if city in ("Stuttgart", "Munich") else "Dresden"]
    else:
        city = rng.choices(list(FINNISH_CITIES), weights=list(FINNISH_CITIES.values()))[0]
        office = demo.offices["Vantaa"]
    domain = f"{slug(name.split()[1] if country == 'CN' else name.split()[0])}-{slug(name.split()[-2])}" \
             f".{ {'CN': 'cn', 'DE': 'de', 'FI': 'fi'}[country] }"
    first_contact = date(2013, 4, 1) + timedelta(days=rng.randint(0, (today - date(2013, 4, 1)).days - 30))
    company = Company(
        name=name, name_local=local, kind=CompanyKind.ENTERPRISE, city=city, country=country,
        size=rng.choice(list(CompanySize)), website=f"https://www.{domain}", email=f"info@{domain}",
        phone=None, offers=offers, seeks=seeks,
        cooperation_interests=rng.choice(["Joint venture", "Technology licensing", "Distribution",
                                          "R&D cooperation", "Investment"]),
        description=f"{sector_name} company from {city}.",
        status=rng.choices(list(PipelineStatus), weights=[10, 25, 20, 10, 10, 15, 10])[0],
        source=rng.choice(list(ContactSource)), office=office, owner=rng.choice(staff_of[office]),
        sectors=[sectors[sector_name]] + ([sectors["Intelligent manufacturing"]] if rng.random() < 0.2 else []),
        tags=[tags[name] for name in tags if rng.random() < 0.08],
    )
    company.sectors = list(dict.fromkeys(company.sectors))
    company.created_at = at(first_contact)
    people = [new_person(rng, country, domain) for _ in range(rng.randint(1, 4))]
    for position, person in enumerate(people):
        company.affiliations.append(Affiliation(person=person, title=rng.choice(TITLES[country]),
                                                is_primary=True, started_on=first_contact if position == 0 else None))
    demo.records.append(company)
    add_contacts(demo, rng, company, people, first_contact, today, staff_of[office])
    return company


def add_contacts(demo, rng, company, people, first_contact, today, staff) -> None:
    """Years of contacts with one company, and its follow-ups: some done, some open."""
    days = sorted(first_contact + timedelta(days=rng.randint(0, (today - first_contact).days))
                  for _ in range(rng.randint(1, 12)))
    last = None
    for day in days:
        author = rng.choice(staff)
        person = rng.choice(people)
        channel = rng.choice(CHANNELS_BY_COUNTRY[company.country])
        summary = rng.choice(NOTES[channel]).format(person=person.name, company=company.name,
                                                     offers=company.offers, seeks=company.seeks)
        last = Interaction(company=company, author=author, office=author.office,
                           occurred_at=at(day, rng.randint(8, 17)), channel=channel, summary=summary,
                           outcome=rng.choice(OUTCOMES), people=[person])
        demo.records.append(last)
        if rng.random() < 0.3 and day < today - timedelta(days=30):
            demo.records.append(FollowUp(
                company=company, person=person, interaction=last, next_step=rng.choice(NEXT_STEPS),
                due_on=day + timedelta(days=7), assignee=author, office=author.office, created_by=author,
                done_at=at(day + timedelta(days=rng.randint(2, 12))), done_by=author,
            ))
    if rng.random() < 0.45:
        assignee = rng.choice(staff)
        demo.records.append(FollowUp(
            company=company, person=rng.choice(people), interaction=last, next_step=rng.choice(NEXT_STEPS),
            due_on=today + timedelta(days=rng.randint(-20, 30)), assignee=assignee, office=assignee.office,
            created_by=assignee,
        ))
