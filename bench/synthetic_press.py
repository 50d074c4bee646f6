"""Synthetic Russian press releases and the news stories that re-report them.

Text is built from sentence templates and word lists, seeded so that two runs
write the same archive. A template has a slot every few words and most slots
have synonyms, so unrelated texts share no long passages and few content
words by chance (else the linker would rightly link them). Surnames, district
names and company names are made from syllables, so the vocabulary keeps
growing with the archive as real names do, and the lemma caches see new words.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# fmt: off
FIRST_NAMES = [  # nominative; the other cases are made by `_decline_first`
    "Олег", "Рустам", "Алексей", "Марат", "Ильдар", "Шухрат", "Фаррух", "Дмитрий", "Азат",
    "Тимур", "Бахтиёр", "Сергей", "Айрат", "Равиль", "Улугбек", "Андрей", "Нурлан", "Жасур",
    "Ринат", "Шавкат", "Анвар", "Игорь", "Булат", "Отабек", "Максим", "Рамиль", "Камол",
]
SYLLABLES = [
    "ка", "ри", "му", "са", "ба", "ха", "ли", "за", "ну", "то", "ра", "ши", "ку", "ма", "ди",
    "ге", "бе", "ло", "фа", "ту", "ни", "во", "до", "ке", "сы", "жа", "та", "бу", "ю", "ер",
]
CODAS = ["н", "р", "л", "т", "м", "д", "к", "с", "б", "ш"]
PLACES = [  # nominative, genitive, prepositional
    ("Навоийская область", "Навоийской области", "Навоийской области"),
    ("Бухарская область", "Бухарской области", "Бухарской области"),
    ("Самаркандская область", "Самаркандской области", "Самаркандской области"),
    ("Ферганская область", "Ферганской области", "Ферганской области"),
    ("Кашкадарьинская область", "Кашкадарьинской области", "Кашкадарьинской области"),
    ("Хорезмская область", "Хорезмской области", "Хорезмской области"),
    ("Андижанская область", "Андижанской области", "Андижанской области"),
    ("Наманганская область", "Наманганской области", "Наманганской области"),
    ("Сурхандарьинская область", "Сурхандарьинской области", "Сурхандарьинской области"),
    ("Джизакская область", "Джизакской области", "Джизакской области"),
    ("Республика Татарстан", "Республики Татарстан", "Республике Татарстан"),
    ("Республика Башкортостан", "Республики Башкортостан", "Республике Башкортостан"),
    ("Казань", "Казани", "Казани"), ("Ташкент", "Ташкента", "Ташкенте"),
    ("Набережные Челны", "Набережных Челнов", "Набережных Челнах"),
    ("Альметьевск", "Альметьевска", "Альметьевске"), ("Елабуга", "Елабуги", "Елабуге"),
    ("Нижнекамск", "Нижнекамска", "Нижнекамске"), ("Бухара", "Бухары", "Бухаре"),
    ("Самарканд", "Самарканда", "Самарканде"), ("Зарафшан", "Зарафшана", "Зарафшане"),
    ("Гиждуван", "Гиждувана", "Гиждуване"), ("Москва", "Москвы", "Москве"),
    ("Уфа", "Уфы", "Уфе"), ("Наманган", "Намангана", "Намангане"),
    ("Чистополь", "Чистополя", "Чистополе"), ("Бугульма", "Бугульмы", "Бугульме"),
    ("Фергана", "Ферганы", "Фергане"), ("Коканд", "Коканда", "Коканде"),
    ("Иннополис", "Иннополиса", "Иннополисе"), ("Алмалык", "Алмалыка", "Алмалыке"),
]
OBJECTS = [  # nominative, genitive, accusative
    ("производственный корпус", "производственного корпуса", "производственный корпус"),
    ("школа", "школы", "школу"), ("поликлиника", "поликлиники", "поликлинику"),
    ("детский сад", "детского сада", "детский сад"), ("завод", "завода", "завод"),
    ("логистический центр", "логистического центра", "логистический центр"),
    ("технопарк", "технопарка", "технопарк"), ("мост", "моста", "мост"),
    ("спортивный комплекс", "спортивного комплекса", "спортивный комплекс"),
    ("жилой дом", "жилого дома", "жилой дом"), ("теплица", "теплицы", "теплицу"),
    ("котельная", "котельной", "котельную"), ("подстанция", "подстанции", "подстанцию"),
    ("промышленный парк", "промышленного парка", "промышленный парк"),
    ("больница", "больницы", "больницу"), ("стадион", "стадиона", "стадион"),
    ("элеватор", "элеватора", "элеватор"), ("фабрика", "фабрики", "фабрику"),
    ("библиотека", "библиотеки", "библиотеку"), ("колледж", "колледжа", "колледж"),
    ("очистные сооружения", "очистных сооружений", "очистные сооружения"),
    ("дата-центр", "дата-центра", "дата-центр"), ("бизнес-инкубатор", "бизнес-инкубатора",
    "бизнес-инкубатор"), ("ледовая арена", "ледовой арены", "ледовую арену"),
]
ORGS = [  # genitive, instrumental, dative
    ("министерства промышленности и торговли", "министерством промышленности и торговли",
     "министерству промышленности и торговли"),
    ("агентства инвестиционного развития", "агентством инвестиционного развития",
     "агентству инвестиционного развития"),
    ("торгово-промышленной палаты", "торгово-промышленной палатой", "торгово-промышленной палате"),
    ("хокимията области", "хокимиятом области", "хокимияту области"),
    ("управления здравоохранения", "управлением здравоохранения", "управлению здравоохранения"),
    ("фонда поддержки предпринимательства", "фондом поддержки предпринимательства",
     "фонду поддержки предпринимательства"),
    ("ассоциации экспортеров", "ассоциацией экспортеров", "ассоциации экспортеров"),
    ("министерства экономики", "министерством экономики", "министерству экономики"),
    ("корпорации развития", "корпорацией развития", "корпорации развития"),
    ("центра занятости", "центром занятости", "центру занятости"),
    ("палаты предпринимателей", "палатой предпринимателей", "палате предпринимателей"),
    ("банка развития", "банком развития", "банку развития"),
]
COMPANIES = ["Татнефть", "КАМАЗ", "Навоиазот", "Таткабель", "Нижнекамскнефтехим", "Эссен",
             "Казаньоргсинтез", "Узавтосаноат", "Алмалыкский ГМК", "Кастамону", "Артель",
             "Узметкомбинат", "Ак Барс", "Сэпо", "Элмаш"]
COMPANY_ENDINGS = ["пром", "строй", "агро", "текс", "маш", "хим", "энерго", "логистик", "фарм",
                   "софт", "металл", "сервис"]
MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
          "сентября", "октября", "ноября", "декабря"]
DATELINES = ["КАЗАНЬ", "ТАШКЕНТ", "МОСКВА", "БУХАРА", "НАВОИ", "САМАРКАНД", "УФА"]
# Word lists for the template slots of the same name: a fresh pick at every use.
WORDS = {
    "topic": [  # genitive
        "машиностроения", "химической промышленности", "подготовки кадров",
        "сельского хозяйства", "цифровизации", "энергетики", "строительства", "логистики",
        "туризма", "здравоохранения", "образования", "экспорта", "переработки хлопка",
        "текстильной промышленности", "нефтехимии", "водоснабжения",
        "информационных технологий", "малого бизнеса", "автомобилестроения", "фармацевтики",
        "производства стройматериалов", "дорожного хозяйства", "садоводства", "животноводства",
        "пищевой промышленности", "металлургии", "электроэнергетики", "кожевенной отрасли",
        "возобновляемой энергетики", "гостиничного бизнеса", "рыбоводства", "шелководства",
        "мебельного производства", "приборостроения", "культурного обмена", "спорта",
        "молодежной политики", "жилищно-коммунального хозяйства", "транспорта",
        "ювелирного производства",
    ],
    "post": [
        "министр промышленности и торговли", "заместитель министра экономики",
        "хоким области", "глава района", "председатель комитета по инвестициям",
        "директор агентства развития", "вице-премьер правительства",
        "руководитель управления", "генеральный директор компании",
        "первый заместитель хокима", "полномочный представитель республики",
        "советник министра", "начальник отдела внешних связей",
    ],
    "held": ["провел", "проводит", "организовал", "возглавил"],
    "meeting": ["рабочую встречу", "переговоры", "совещание", "консультации", "беседу"],
    "delegation": ["делегацией", "представителями", "руководством", "гостями"],
    "discussed": ["обсудили", "рассмотрели", "затронули", "наметили", "оценили"],
    "prospects": ["перспективы", "направления", "возможности", "итоги", "планы"],
    "cooperation": ["сотрудничества", "взаимодействия", "партнерства", "кооперации"],
    "volume": ["объем", "показатель", "прирост", "уровень"],
    "thing": [
        "промышленного производства", "экспорта", "товарооборота", "инвестиций",
        "жилищного строительства", "выпуска продукции", "перевозок", "розничной торговли",
        "налоговых поступлений", "урожая", "грузооборота", "турпотока",
    ],
    "reached": ["составил", "достиг", "превысил", "оценивается в"],
    "unit": [
        "тонн", "единиц техники", "тысяч кубометров", "километров дорог", "гектаров",
        "тысяч штук", "мегаватт", "тысяч пассажиров", "контейнеров", "вагонов",
    ],
    "period": ["первого квартала", "первого полугодия", "девяти месяцев", "января", "февраля",
               "марта", "апреля", "мая", "октября", "ноября", "десяти месяцев", "лета"],
    "more": ["больше", "выше", "лучше"],
    "than_before": ["чем годом ранее", "прошлогоднего уровня", "плана", "в прошлом году"],
    "finished": ["завершено", "продолжается", "начато", "возобновлено"],
    "building": ["строительство", "возведение", "благоустройство", "оснащение", "обновление"],
    "sqm": ["квадратных метров", "квадратов", "кв. метров"],
    "works": ["работы вела компания", "подрядчик —", "генподрядчиком выступила компания",
              "строил объект холдинг", "работы выполнил подрядчик", "заказчик —"],
    "realization": ["реализацию", "строительство", "запуск", "финансирование"],
    "project_gen": ["проекта", "объекта", "программы", "первой очереди"],
    "directed": ["направлено", "выделено", "предусмотрено", "привлечено"],
    "funds": ["средства", "вклад", "кредит", "гранты"],
    "event": ["мероприятии", "церемонии", "заседании", "форуме", "встрече", "презентации"],
    "took_part": ["приняли участие", "участвовали", "присутствовали", "выступили"],
    "representatives": ["представители", "сотрудники", "руководители", "эксперты"],
    "noted": ["отметил", "сообщил", "подчеркнул", "напомнил", "рассказал"],
    "planned": ["планируется", "предстоит", "намечено", "рассчитывают"],
    "create": ["создать", "открыть", "организовать", "сохранить"],
    "agreement": ["Соглашение", "Меморандум", "Контракт", "Договор"],
    "provides": ["предусматривает", "подразумевает", "включает", "гарантирует"],
    "output": ["выпуск", "поставку", "производство", "закупку"],
    "held_passive": ["состоялось", "прошло", "запланировано", "намечено"],
    "opening": ["открытие", "торжественное открытие", "новоселье", "освящение"],
    "places": ["мест", "учащихся", "посетителей", "пациентов в смену"],
    "paid": ["было уделено", "уделили", "обратили", "уделено"],
    "issues": ["вопросам", "темам", "проблемам", "задачам"],
    "training": ["подготовки кадров", "обучения специалистов", "стажировки молодежи",
                 "повышения квалификации"],
    "enterprises": ["предприятий", "компаний", "организаций", "заводов"],
    "supplied": ["поставила", "отгрузила", "экспортировала", "продала"],
    "products": ["продукции", "товаров", "изделий", "готовой продукции"],
    "countries": ["стран", "регионов", "государств", "рынков"],
    "interested": ["заинтересованы", "участвуем", "помогаем", "уверены"],
    "ready": ["готовы", "намерены", "планируем", "хотим"],
    "expand": ["расширять", "укреплять", "наращивать", "развивать"],
    "presence": ["присутствие", "производство", "сеть", "поставки"],
    "said": ["сказал", "заявил", "отметил", "подчеркнул", "добавил"],
    "delegation_cap": ["Делегация", "Комиссия", "Группа инвесторов", "Делегация гостей"],
    "visited": ["посетила", "осмотрела", "увидела", "объехала"],
    "got_acquainted": ["ознакомилась", "познакомилась", "встретилась"],
    "signed": ["подписали", "утвердили", "согласовали", "обсудили"],
    "roadmap": ["дорожную карту", "план мероприятий", "программу", "меморандум"],
    "visit": ["визита", "поездки", "рабочей поездки", "объезда"],
    "guests": ["гости", "участники", "члены делегации", "журналисты"],
    "inspected": ["осмотрели", "посетили", "увидели", "оценили"],
    "annually": ["Ежегодно", "Ежемесячно", "Сейчас", "В год"],
    "here": ["здесь", "на предприятии", "на заводе", "в цехах"],
    "produce": ["выпускают", "производят", "перерабатывают", "собирают"],
    "exported": ["идет на экспорт", "отправляется за рубеж", "поставляется в регионы"],
    "meeting_cap": ["Заседание", "Очередное заседание", "Совещание", "Выездное заседание"],
    "working_group": ["рабочей группы", "комиссии", "штаба", "совета"],
    "will_take_place": ["пройдет", "состоится", "запланировано", "намечено"],
    "implemented": ["реализуется", "ведется", "запланировано", "стартовало"],
    "invest_projects": ["инвестиционных проектов", "проектов", "инициатив", "программ"],
    "instructed": ["поручил", "предложил", "рекомендовал", "велел"],
    "prepare": ["подготовить", "представить", "внести", "доработать"],
    "proposals": ["предложения", "план", "расчеты", "программу"],
    "program_cap": ["Программа", "Проект", "Инициатива", "Госпрограмма"],
    "support": ["поддержки", "развития", "модернизации", "субсидирования"],
    "covers": ["охватывает", "затрагивает", "включает", "объединяет"],
    "subjects": ["хозяйств", "предприятий", "семей", "фермеров", "махаллей"],
    "ahead": ["до конца", "к середине", "в течение", "к началу"],
    "growing": ["растет", "увеличивается", "стабилен", "восстанавливается"],
    "demand": ["спрос", "интерес", "потребность"],
    "opened_title": ["открыли", "построили", "запустили", "отремонтировали"],
    "rose": ["вырос", "увеличился", "превысил прогноз,", "снизился"],
    "invest": ["вложит", "направит", "инвестирует", "потратит"],
    "will_sign": ["подпишут", "заключат", "обсудят", "продлят"],
    "discussed_title": ["обсудил", "рассмотрел", "наметил"],
    "investments": ["инвестиций", "вложений", "кредитов", "средств"],
    "cooperation_prep": ["сотрудничестве", "партнерстве", "взаимодействии"],
    "work_of": ["работой компании", "производством", "продукцией компании", "цехами",
                "проектами группы", "площадкой"],
    "partner": ["компанией", "холдингом", "группой", "предприятием", "концерном"],
    "count_of": ["число", "количество", "число новых", "общее число", "численность"],
    "will_grow": ["вырастет", "увеличится", "прибавит", "возрастет"],
}
CLAUSES = [
    "за {period} {directed} {money} {investments}",
    "работы на {object_gen} {planned} завершить {ahead} {year} года",
    "{demand} на продукцию компании {company} в {place_prep} {growing}",
    "в {place_prep} уже работают {num} {enterprises} с участием капитала из {place2_gen}",
    "важно обеспечить {enterprises} {topic} квалифицированными специалистами",
    "к {year} году {count_of} рабочих мест в сфере {topic} {will_grow} на {pct}%",
]
SENTENCES = [
    "{person} {held} {meeting} с {delegation} {place2_gen} во главе с {person2_instr}.",
    "Стороны {discussed} {prospects} {cooperation} в сфере {topic} и {topic2}.",
    "По итогам {period} {year} года {volume} {thing} в {place_prep} {reached} {num} {unit}, "
    "что на {pct}% {more}, {than_before}.",
    "В {place_prep} {finished} {building} {object_gen} площадью {num} {sqm}, {works} {company}.",
    "На {realization} {project_gen} {directed} {money}, из них {money2} — {funds} {org_gen}.",
    "В {event} {took_part} {person2}, {post}, и {representatives} {org_gen}.",
    "{person} {noted}, что {when} в {place_prep} {planned} {create} еще {num} "
    "рабочих мест в сфере {topic}.",
    "{agreement} между {org_instr} и {partner} {company} {provides} {output} {num} {unit} "
    "к {year} году.",
    "{day_month} в {place_prep} {held_passive} {opening} {object_gen} на {num} {places}.",
    "Особое внимание {paid} {issues} {topic} и {training} для {enterprises} {place2_gen}.",
    "С начала года компания {company} {supplied} {num} {unit} {products} в {small} {countries}.",
    "«Мы {interested} в развитии {topic} и {ready} {expand} {presence} в {place_prep}», — "
    "{said} {person}.",
    "{delegation_cap} {visited} {object_acc} в {place_prep} и {got_acquainted} с {work_of} "
    "{company}.",
    "Ранее {person} и {person2} {signed} {roadmap} по развитию {topic} до {year} года.",
    "В ходе {visit} {guests} {inspected} {object_acc} в {district_prep}.",
    "{annually} {here} {produce} до {num} {unit}, {pct}% {products} {exported}.",
    "По словам {person_gen}, {clause}.",
    "{meeting_cap} {working_group} по {issues} {topic} {will_take_place} {day_month} в "
    "{place2_prep}.",
    "Всего в {place_prep} {implemented} {num} {invest_projects} общей стоимостью {money}.",
    "{person} {instructed} {org_dat} до {day_month} {prepare} {proposals} по развитию {topic}.",
    "{program_cap} {support} {topic} {covers} {num} {subjects} в {place_prep}.",
]
TITLES = [
    "{person} {discussed_title} с {delegation} {place2_gen} развитие {topic}",
    "В {place_prep} {opened_title} {object_acc} на {num} {places}",
    "{volume} {thing} в {place_prep} {rose} на {pct}%",
    "{company} {invest} {money} в развитие {topic} в {place_prep}",
    "В {place_prep} {discussed} {issues} {topic} и {topic2}",
    "{place} и {place2} {will_sign} соглашение о {cooperation_prep} в сфере {topic}",
    "{person} {held} {meeting} по {issues} {topic}",
]
ATTRIBUTIONS = [
    "Об этом сообщает {name}.", "Об этом сообщил {name}.", "Как сообщает {name}, {clause}.",
]
# fmt: on
# the orders a text takes its sentences in (shuffling for each text costs more than the text)
_ORDERS = [random.Random(n).sample(SENTENCES, len(SENTENCES)) for n in range(256)]


def _decline_first(name: str) -> tuple[str, str]:
    """Genitive and instrumental of a male first name."""
    if name.endswith(("й", "ь")):
        return name[:-1] + "я", name[:-1] + "ем"
    return name + "а", name + "ом"


@dataclass(frozen=True)
class Person:
    nom: str
    gen: str
    instr: str


@dataclass(frozen=True)
class Text:
    title: str
    lead: str
    paragraphs: tuple[str, ...]

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


class _Slots(dict):
    """Template slots: the text's cast where there is one, a fresh pick otherwise."""

    def __init__(self, writer: PressWriter, cast: dict):
        super().__init__(cast)
        self.writer = writer
        self.unused: list[str] = []
        self._random = writer.random.random

    def __missing__(self, key: str) -> str:
        words = WORDS.get(key)
        if words:  # the most frequent case, inlined: a release fills a hundred slots
            return words[int(self._random() * len(words))]
        return self.writer.slot(key, self)


class PressWriter:
    """Writes releases and stories from one seeded random generator."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self._picks = self._vocabulary()

    # vocabulary ----------------------------------------------------------------------
    # `pick` and `number` rather than `choice` and `randint`: a release takes a hundred
    # of them, and these are several times faster (100,000 releases take seconds)

    def pick(self, options):
        return options[int(self.random.random() * len(options))]

    def number(self, low: int, high: int) -> str:
        return str(low + int(self.random.random() * (high - low + 1)))

    def root(self) -> str:
        pick = self.pick
        tail = pick(SYLLABLES) if self.random.random() < 0.33 else ""
        return pick(SYLLABLES) + pick(SYLLABLES) + tail + pick(CODAS)

    def person(self) -> Person:
        first = self.pick(FIRST_NAMES)
        surname = self.root().capitalize() + self.pick(("ов", "ев", "ин"))
        gen, instr = _decline_first(first)
        return Person(f"{first} {surname}", f"{gen} {surname}а", f"{instr} {surname}ым")

    def company(self) -> str:
        if self.random.random() < 0.3:
            return f"«{self.pick(COMPANIES)}»"
        return f"«{self.root().capitalize()}{self.pick(COMPANY_ENDINGS)}»"

    def money(self) -> str:
        n = self.number
        return self.pick(
            (
                f"{n(2, 950)} млн рублей",
                f"{n(1, 9)},{n(1, 9)} млрд сумов",
                f"{n(1, 400)} млн долларов",
            )
        )

    def cast(self) -> dict:
        """Who and what one text is about: the same names recur through it."""
        person, place = self.person(), self.pick(PLACES)
        return {
            "person": person.nom,
            "person_gen": person.gen,
            "place": place[0],
            "place_prep": place[2],
            "topic": self.pick(WORDS["topic"]),
            "company": self.company(),
        }

    def slot(self, key: str, slots: dict) -> str:
        if key == "clause":
            return self.pick(CLAUSES).format_map(slots)
        return self._picks[key]()

    def _vocabulary(self) -> dict:
        pick, n = self.pick, self.number
        return {
            "person2": lambda: self.person().nom,
            "person2_instr": lambda: self.person().instr,
            "place2": lambda: pick(PLACES)[0],
            "place2_gen": lambda: pick(PLACES)[1],
            "place2_prep": lambda: pick(PLACES)[2],
            "district_prep": lambda: f"{self.root().capitalize()}ском районе",
            "topic2": lambda: pick(WORDS["topic"]),
            "object_gen": lambda: pick(OBJECTS)[1],
            "object_acc": lambda: pick(OBJECTS)[2],
            "org_gen": lambda: pick(ORGS)[0],
            "org_instr": lambda: pick(ORGS)[1],
            "org_dat": lambda: pick(ORGS)[2],
            "num": lambda: n(3, 9800),
            "small": lambda: n(2, 4),
            "pct": lambda: n(2, 64),
            "year": lambda: n(2024, 2030),
            "money": self.money,
            "money2": self.money,
            "day_month": lambda: f"{n(1, 28)} {pick(MONTHS)}",
            "when": lambda: pick(
                (
                    f"за {n(2, 4)} года",
                    f"к {n(2026, 2032)} году",
                    f"до конца {n(2025, 2030)} года",
                    f"в течение {n(5, 9)} лет",
                    "в ближайшие годы",
                    "уже в следующем году",
                )
            ),
        }

    # texts ---------------------------------------------------------------------------

    def sentence(self, slots: _Slots, templates: list[str] | None = None) -> str:
        """A sentence from `templates`, or the next of the text's own shuffled SENTENCES."""
        if templates is not None:
            return self.pick(templates).format_map(slots)
        if not slots.unused:  # a text says each kind of thing once, until it runs out
            slots.unused = list(self.pick(_ORDERS))
        return slots.unused.pop().format_map(slots)

    def paragraph(self, slots: _Slots) -> str:
        return " ".join([self.sentence(slots) for _ in range(2 + int(self.random.random() * 3))])

    def release(self) -> Text:
        """A release: a title, a lead sentence and 3-8 paragraphs about one cast."""
        slots = _Slots(self, self.cast())
        paragraphs = tuple(self.paragraph(slots) for _ in range(self.random.randint(3, 8)))
        return Text(self.sentence(slots, TITLES), self.sentence(slots), paragraphs)

    def attribution(self, name: str, cast: dict) -> str:
        return self.pick(ATTRIBUTIONS).format_map(_Slots(self, {**cast, "name": name}))

    def copy(self, release: Text, dateline: str, name: str) -> Text:
        """The release nearly whole: a dateline, a paragraph dropped, the source named."""
        paragraphs = list(release.paragraphs)
        if len(paragraphs) > 3 and self.random.random() < 0.5:
            del paragraphs[self.random.randrange(1, len(paragraphs))]
        slots = _Slots(self, self.cast())
        paragraphs[0] = f"{dateline} {paragraphs[0]} {self.attribution(name, slots)}"
        return Text(self.sentence(slots, TITLES), release.lead, tuple(paragraphs))

    def partial(self, release: Text, dateline: str, name: str) -> Text:
        """One or two paragraphs of the release among the outlet's own."""
        slots = _Slots(self, self.cast())
        taken = self.random.sample(release.paragraphs, self.pick((1, 1, 2)))
        own = [self.paragraph(slots) for _ in range(self.random.randint(1, 3))]
        paragraphs = [f"{dateline} {own[0]}", *taken, self.attribution(name, slots), *own[1:]]
        return Text(self.sentence(slots, TITLES), self.sentence(slots), tuple(paragraphs))

    def unrelated(self, dateline: str, name: str | None) -> Text:
        """A story of the outlet's own, naming an official source now and then."""
        text = self.release()
        first = f"{dateline} {text.paragraphs[0]}"
        if name:
            first += " " + self.attribution(name, self.cast())
        return Text(text.title, text.lead, (first, *text.paragraphs[1:]))

    def dateline(self, day: int, month: int, outlet: str) -> str:
        return f"{self.pick(DATELINES)}, {day} {MONTHS[month - 1]} — {outlet}."
