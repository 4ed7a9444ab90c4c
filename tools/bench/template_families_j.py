#!/usr/bin/env python3
"""Held-out evaluation corpus generator for the prompt-template miner: set "j".

Set "j" was written by a contributor who read nothing else in the repository:
not the miner, not the other template_families_*.py sets, not the tests and
not the README.  Its only context was the domain note (AI-model API accounts;
extraction rings that mass-query a model with templated prompts; honest users
who type free text or use popular public templates).  Because it was written
blind, it can be used to check that the miner generalises beyond the sets it
was tuned on.

Usage
-----
    /usr/bin/python3 tools/bench/template_families_j.py \
        [--seed N] [--per-family N] [--accounts-per-family M] [--free N] \
        [--out FILE] [--list]

    --seed N                 RNG seed (default 1)
    --per-family N           prompts per template family (default 40, >= 1)
    --accounts-per-family M  typical number of accounts per family (default 10,
                             >= 1); the real number varies per family, from a
                             single account up to about 3*M
    --free N                 number of free one-off prompts (default 1000, >= 0)
    --out FILE               write to FILE instead of stdout
    --list                   print "id<TAB>[group] description" per family, exit

Invalid values exit with status 2 and a message on stderr; nothing is written.

Format
------
JSON Lines, UTF-8 (ensure_ascii=False), one object per line:

    {"text": <prompt>, "account": "j-acc-<number>", "family": <int>}

A family is one prompt template that one operator (product feature, script,
benchmark harness, data-generation pipeline, agent framework, distillation or
extraction pipeline) sends again and again with different slot fillings.
Family ids run 1..N; every family has exactly --per-family prompts.  Free
one-off prompts typed by individual people carry family -1; for scoring each
of them is a family of its own.  A handful of free prompts are wrapped in a
public chat wrapper that is also used by a family (they are still -1).
Prompts are distinct across families (generation is retried on a collision)
and mostly distinct inside a family.

Accounts: each family is sent by about M accounts (varied per family: some by
one account, some by 2-3*M); a few operators run several related families
from partly shared account pools; public templates are partly sent by the
same people who also type free text.  Free prompts come from many accounts,
most of which send one or two prompts and a few send several.

Determinism
-----------
Every random.Random is seeded explicitly with a string built from (seed,
purpose, family id); str seeds are hashed with SHA-512 by the random module,
so nothing depends on hash() randomisation or set iteration order.  Identical
flags give byte-identical output; lines are shuffled with a seeded RNG.

Family groups
-------------
    chat      chat/markup wrappers (role markers, special tokens) round user text
    agent     agent scaffolds: tool lists, scratchpads, JSON tool calls, loops
    bench     benchmark harnesses: lettered multiple choice, few-shot, Answer:
    judge     grading / judging rubrics and classifiers
    datagen   synthetic data-generation pipelines ("Generate 5 ... in JSON")
    reason    reasoning-trace extraction / distillation prompts
    business  support replies, product copy, SQL from text, e-mail, extraction
    edu       lesson plans, quizzes, feedback, worksheets
    code      review, refactor, tests, docstrings, errors, diffs, FIM
    short     short one-line public templates ("Translate to French: {x}")
    intl      non-English templates (zh, ja, ko, ru, es, de, fr, pt, ar, hi,
              vi, tr, id)

Deliberately confusable pairs (same opener or wrapper, different instruction
or body) are marked "(pair with N)" in the --list descriptions.
"""

import argparse
import json
import random
import sys

# --------------------------------------------------------------------------
# registry
# --------------------------------------------------------------------------

GROUPS = [
    ("chat", "chat/markup wrappers (role markers, special tokens) around user text"),
    ("agent", "agent scaffolds: tool lists, scratchpads, JSON tool calls, loops"),
    ("bench", "benchmark harness formats: multiple choice, few-shot, Answer:-style"),
    ("judge", "grading / judging rubrics and classifiers"),
    ("datagen", "synthetic data-generation pipelines"),
    ("reason", "reasoning-trace extraction / distillation prompts"),
    ("business", "business templates: support, marketing, SQL, e-mail, extraction"),
    ("edu", "education: lessons, quizzes, feedback, worksheets"),
    ("code", "code review, refactor, tests, docs, errors, diffs, completion"),
    ("short", "short one-line public templates"),
    ("intl", "non-English templates"),
]
GROUP_NAMES = [g for g, _ in GROUPS]

FAMILIES = []


def family(group, desc, acct=None, op=None, public=False):
    """Register a family generator.  acct: account multiplier of M (None =
    drawn per family, 0 = exactly one account).  op: operator key; families
    of one operator share part of their accounts.  public: a popular public
    template, partly sent by people who also type free text."""
    if group not in GROUP_NAMES:
        raise ValueError(group)

    def deco(fn):
        FAMILIES.append({"id": len(FAMILIES) + 1, "group": group, "desc": desc,
                         "gen": fn, "acct": acct, "op": op, "public": public})
        return fn
    return deco


def seeded(seed, *parts):
    return random.Random("j|" + "|".join(str(p) for p in (seed,) + parts))


# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------

def maybe(r, p, text, other=""):
    return text if r.random() < p else other


def swap(r, p, common, rare):
    """Small synonym swap in a minority (p) of prompts."""
    return rare if r.random() < p else common


def lead(r, phrase, p=0.25):
    """Optional politeness opener in front of an imperative phrase."""
    if r.random() >= p:
        return phrase
    opener = r.choice(["Please ", "Please ", "Kindly ", "Could you "])
    return opener + phrase[0].lower() + phrase[1:]


def tail(r, p=0.15):
    return maybe(r, p, r.choice(["\nThanks!", "\nThank you.", " Thanks.", "\nThanks in advance."]))


def sample(r, seq, k):
    return r.sample(list(seq), k)


def bullets(items, mark="- "):
    return "\n".join(mark + x for x in items)


def numbered(items, fmt="{i}. {x}"):
    return "\n".join(fmt.format(i=i + 1, x=x) for i, x in enumerate(items))


LETTERS = "ABCDEFGH"

# --------------------------------------------------------------------------
# common pools
# --------------------------------------------------------------------------

FIRST = ["Alice", "Bob", "Carlos", "Dana", "Elena", "Farid", "Grace", "Hiro",
         "Ingrid", "Jamal", "Kai", "Lena", "Mateo", "Nadia", "Omar", "Priya",
         "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Victor", "Wei", "Ximena",
         "Yusuf", "Zoe", "Aarav", "Beatriz", "Chen", "Diego", "Emeka",
         "Fatima", "Gabriel", "Hannah", "Ivan", "Julia", "Kenji", "Leila",
         "Marco", "Nina", "Oliver", "Paula", "Rahul", "Sofia", "Tomás",
         "Ursula", "Valentina", "William", "Yara", "Zain", "Agnes", "Bruno",
         "Chloe", "Dmitri", "Esther", "Felix", "Greta", "Hamza", "Isla", "Jonas"]
LAST = ["Smith", "Garcia", "Nguyen", "Kim", "Müller", "Rossi", "Silva",
        "Kowalski", "Johansson", "Okafor", "Patel", "Tanaka", "Dubois",
        "Haddad", "Novak", "Fernandes", "O'Brien", "Schmidt", "Ivanova", "Chen",
        "Martin", "Lopez", "Andersson", "Yilmaz", "Santos", "Cohen", "Park",
        "Sato", "Mensah", "Walker", "Bauer", "Costa", "Horvat", "Lindqvist"]
CITIES = ["Lisbon", "Toronto", "Nairobi", "Osaka", "Melbourne", "Denver",
          "Lyon", "Kraków", "Austin", "Bogotá", "Hamburg", "Seoul", "Porto",
          "Manchester", "Cape Town", "Valencia", "Helsinki", "Chennai",
          "Montreal", "Auckland", "Rotterdam", "Singapore", "Dublin", "Calgary",
          "Accra", "Lima", "Tallinn", "Brisbane", "Ljubljana", "Boise"]
COMPANIES = ["Northwind Traders", "Brightline Telecom", "Acme Bank",
             "Bluefin Outdoor", "Helios Energy", "Pinecrest Software",
             "Orbital Foods", "Lumen Health", "Cobalt Logistics",
             "Juniper Airlines", "Maple & Co.", "Vertex Insurance",
             "Quill Stationery", "Nimbus Cloud", "Harbor Furniture",
             "Redwood Fitness", "Saffron Kitchenware", "Atlas Bikes"]
COUNTRY_CAPITALS = [
    ("France", "Paris"), ("Japan", "Tokyo"), ("Kenya", "Nairobi"),
    ("Canada", "Ottawa"), ("Australia", "Canberra"), ("Brazil", "Brasília"),
    ("Egypt", "Cairo"), ("Norway", "Oslo"), ("Peru", "Lima"),
    ("Vietnam", "Hanoi"), ("Turkey", "Ankara"), ("Morocco", "Rabat"),
    ("Chile", "Santiago"), ("Poland", "Warsaw"), ("Thailand", "Bangkok"),
    ("Portugal", "Lisbon"), ("Ghana", "Accra"), ("Argentina", "Buenos Aires"),
    ("Switzerland", "Bern"), ("New Zealand", "Wellington"), ("India", "New Delhi"),
    ("South Korea", "Seoul"), ("Hungary", "Budapest"), ("Colombia", "Bogotá"),
    ("Finland", "Helsinki"), ("Nigeria", "Abuja"), ("Ireland", "Dublin"),
    ("Mexico", "Mexico City"), ("Indonesia", "Jakarta"), ("Greece", "Athens"),
]
TOPICS = ["photosynthesis", "the French Revolution", "black holes",
          "supply and demand", "the water cycle", "machine learning",
          "the Roman Empire", "climate change", "plate tectonics",
          "the human immune system", "renewable energy", "the Cold War",
          "compound interest", "DNA replication", "the Renaissance",
          "volcanoes", "the stock market", "cloud computing", "bees and pollination",
          "the Industrial Revolution", "ocean currents", "probability",
          "the solar system", "cybersecurity basics", "nutrition",
          "ancient Egypt", "electric circuits", "the printing press",
          "coral reefs", "inflation", "the theory of evolution",
          "public speaking", "world religions", "the metric system",
          "earthquakes", "Shakespeare's plays", "the internet", "vaccines",
          "sleep and memory", "personal budgeting", "the Silk Road",
          "quantum computing", "recycling", "the moon landing",
          "democracy", "rainforests", "the periodic table", "jazz music",
          "urban planning", "antibiotic resistance", "the Great Depression",
          "blockchain", "human migration", "glaciers", "the Olympic Games",
          "graph theory", "fermentation", "the Byzantine Empire",
          "sign language", "space telescopes"]
STOCK = [
    "The committee met on Tuesday to review the proposal in detail.",
    "Critics argue that the plan does not go far enough.",
    "Early results suggest the approach is more efficient than expected.",
    "Local residents have raised concerns about noise and traffic.",
    "The company declined to comment on the report.",
    "Researchers cautioned that the sample size was relatively small.",
    "Demand for the product has grown steadily over the past year.",
    "The new policy will take effect at the start of next quarter.",
    "Several experts described the findings as surprising.",
    "Officials said the project remains on schedule and within budget.",
    "The study was published in a peer-reviewed journal.",
    "Supply chain disruptions continued to affect deliveries.",
    "Volunteers spent the weekend cleaning up the riverbank.",
    "The museum will reopen to the public after renovations.",
    "Analysts expect interest rates to remain unchanged for now.",
    "The software update fixes a number of security vulnerabilities.",
    "Attendance at the annual festival reached a record high.",
    "The team plans to expand the pilot program to more schools.",
    "Weather conditions delayed the launch by several hours.",
    "Customers can now track their orders in real time.",
    "The report highlights a widening gap between urban and rural areas.",
    "Energy prices fell sharply in the second half of the year.",
    "The board approved the budget after a lengthy debate.",
    "Scientists collected samples from more than forty sites.",
    "The city council voted to extend the bike lane network.",
    "Many small businesses struggled to hire qualified staff.",
    "The documentary follows three families over a decade.",
    "A spokesperson said the outage was caused by a configuration error.",
    "The hospital introduced a new system for scheduling appointments.",
    "Farmers reported a better harvest than in previous seasons.",
    "The library extended its opening hours during exam season.",
    "Engineers replaced the aging pipes beneath the main square.",
    "The author spent five years researching the book.",
    "Sales of electric vehicles rose for the third consecutive year.",
    "The agreement still needs to be ratified by parliament.",
    "Tickets sold out within minutes of going on sale.",
    "The warehouse will operate around the clock during the holidays.",
    "Students presented their projects to a panel of judges.",
    "The bridge has been closed to heavy vehicles since the spring.",
    "Investors reacted cautiously to the announcement.",
    "The startup raised a new round of funding last month.",
    "Water levels in the reservoir are below the seasonal average.",
    "The orchestra performed a program of contemporary works.",
    "Inspectors found no evidence of wrongdoing.",
    "The airline added two new routes for the summer season.",
    "Participants were asked to keep a daily diary for two weeks.",
    "The new terminal is expected to handle millions of passengers a year.",
    "Regulators are reviewing the merger.",
    "The school district is piloting a four-day week.",
    "Heavy rain caused flooding in low-lying neighborhoods.",
    "The trial enrolled patients from hospitals in several countries.",
    "The festival features food stalls, live music and workshops.",
    "The firm expects profits to recover by the end of the year.",
    "Most respondents said they would recommend the service to a friend.",
    "The exhibition brings together paintings from private collections.",
    "The factory switched to renewable electricity in March.",
    "Commuters faced long delays after a signal failure.",
    "The update also improves battery life on older devices.",
    "The mayor promised to publish the full findings next month.",
]
QUOTES = ["encouraging but preliminary", "a real step forward",
          "not what anyone expected", "a wake-up call for the industry",
          "only the beginning", "difficult to interpret", "long overdue"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
VERBS = ["compute", "load", "parse", "merge", "filter", "update", "normalize",
         "validate", "build", "collect", "sum", "count", "group", "resolve"]
NOUNS = ["orders", "users", "scores", "invoices", "events", "items", "records",
         "prices", "tokens", "rows", "accounts", "payments", "sessions", "tags"]
DOMAINS = ["example.com", "acme-corp.io", "shopfront.net", "datahub.org",
           "mailbox.co", "northwind.dev", "brightline.net", "lumenhealth.com",
           "pinecrest.app", "univ-research.edu"]
PRODUCT_ADJ = ["Ultralight", "Compact", "Wireless", "Ergonomic", "Stainless",
               "Foldable", "Smart", "Insulated", "Waterproof", "Heavy-Duty",
               "Bamboo", "Noise-Cancelling", "Solar", "Ceramic", "Modular"]
PRODUCT_NOUN = [("Backpack", "Outdoor"), ("Desk Lamp", "Home Office"),
                ("Water Bottle", "Kitchen"), ("Headphones", "Electronics"),
                ("Standing Desk", "Furniture"), ("Tent", "Outdoor"),
                ("Coffee Grinder", "Kitchen"), ("Yoga Mat", "Fitness"),
                ("Phone Charger", "Electronics"), ("Cutting Board", "Kitchen"),
                ("Office Chair", "Furniture"), ("Rain Jacket", "Apparel"),
                ("Bike Light", "Cycling"), ("Kettle", "Kitchen"),
                ("Keyboard", "Electronics"), ("Sleeping Bag", "Outdoor")]
FEATURES = ["weighs under 500 g", "2-year warranty", "made from recycled materials",
            "USB-C charging", "dishwasher safe", "fits in a carry-on",
            "12-hour battery life", "available in 6 colors", "tool-free assembly",
            "BPA-free", "lifetime repair program", "IPX7 water resistance",
            "adjustable height", "memory-foam padding", "keeps drinks cold for 24 hours",
            "quiet operation under 40 dB", "non-slip base", "magnetic closure"]


# --------------------------------------------------------------------------
# slot generators
# --------------------------------------------------------------------------

def first(r):
    return r.choice(FIRST)


def full_name(r):
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def email_of(r, name=None):
    name = name or full_name(r)
    parts = name.lower().replace("'", "").replace("ü", "u").replace("á", "a").split()
    local = r.choice([".".join(parts), parts[0][0] + parts[-1], parts[0] + str(r.randint(1, 99))])
    return f"{local}@{r.choice(DOMAINS)}"


def url(r):
    path = "/".join(r.choice(["docs", "blog", "api", "products", "news", "help",
                              "v2", "articles", "guides", "item"]) for _ in range(r.randint(1, 3)))
    slug = r.choice(NOUNS) + "-" + str(r.randint(10, 9999))
    return f"https://{maybe(r, 0.5, 'www.')}{r.choice(DOMAINS)}/{path}/{slug}"


def date_iso(r, y0=2023, y1=2025):
    return f"{r.randint(y0, y1):04d}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"


def date_long(r, y0=2023, y1=2025):
    return f"{r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(y0, y1)}"


def date_any(r):
    k = r.randint(0, 3)
    if k == 0:
        return date_iso(r)
    if k == 1:
        return date_long(r)
    if k == 2:
        return f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{r.randint(2023, 2025)}"
    return f"{r.randint(1, 28)} {r.choice(MONTHS)[:3]} {r.randint(2023, 2025)}"


def product(r):
    noun, cat = r.choice(PRODUCT_NOUN)
    return f"{r.choice(PRODUCT_ADJ)} {noun}", cat


def order_no(r):
    return r.choice([f"#{r.randint(100000, 999999)}", f"ORD-{r.randint(10000, 99999)}",
                     f"{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"])


def filled_sentence(r):
    k = r.randint(0, 7)
    if k == 0:
        return (f"{r.choice(COMPANIES)} reported revenue of ${r.randint(12, 950)} million "
                f"for the quarter, up {r.randint(2, 40)}% from a year earlier.")
    if k == 1:
        return f"The event will take place in {r.choice(CITIES)} on {date_long(r)}."
    if k == 2:
        return (f"{full_name(r)}, who has led the team since {r.randint(2005, 2021)}, "
                f"will step down in the autumn.")
    if k == 3:
        return f"About {r.randint(40, 9000)} people attended, according to the organizers."
    if k == 4:
        return (f"The project is expected to cost roughly {r.choice(['$', '€', '£'])}"
                f"{r.randint(2, 400)} million.")
    if k == 5:
        return (f"A survey of {r.randint(200, 5000)} adults found that {r.randint(11, 89)}% "
                f"were satisfied with the service.")
    if k == 6:
        y = r.randint(1990, 2012)
        return (f"The population of {r.choice(CITIES)} grew by {r.randint(2, 30)}% between "
                f"{y} and {y + r.randint(5, 12)}.")
    return f"Dr. {r.choice(LAST)} said the results were \"{r.choice(QUOTES)}\"."


def passage(r, lo=3, hi=6, filled=0.35):
    """Stock sentences (no repeats) with some sentences carrying slot values."""
    return " ".join(filled_sentence(r) if r.random() < filled else s
                    for s in r.sample(STOCK, r.randint(lo, hi)))


def long_document(r, paras=(2, 4)):
    return "\n\n".join(passage(r, 3, 5) for _ in range(r.randint(*paras)))


def json_record(r, kind=None):
    kind = kind or r.choice(["user", "order", "event", "ticket", "sensor"])
    if kind == "user":
        n = full_name(r)
        d = {"id": r.randint(1000, 99999), "name": n, "email": email_of(r, n),
             "plan": r.choice(["free", "pro", "team", "enterprise"]),
             "signup_date": date_iso(r, 2019, 2025), "active": r.random() < 0.8}
    elif kind == "order":
        d = {"order_id": order_no(r).lstrip("#"), "customer": full_name(r),
             "items": [{"sku": f"SKU-{r.randint(100, 999)}", "qty": r.randint(1, 5)}
                       for _ in range(r.randint(1, 3))],
             "total": round(r.uniform(5, 900), 2), "currency": r.choice(["USD", "EUR", "GBP"]),
             "status": r.choice(["pending", "shipped", "delivered", "refunded"])}
    elif kind == "event":
        d = {"event": r.choice(["login", "purchase", "page_view", "signup", "logout"]),
             "user_id": r.randint(1, 50000), "ts": f"{date_iso(r)}T{r.randint(0, 23):02d}:"
             f"{r.randint(0, 59):02d}:{r.randint(0, 59):02d}Z",
             "props": {"device": r.choice(["ios", "android", "web"]),
                       "country": r.choice(["US", "DE", "BR", "IN", "JP", "FR"])}}
    elif kind == "ticket":
        d = {"ticket": r.randint(10000, 99999), "priority": r.choice(["low", "normal", "high", "urgent"]),
             "subject": r.choice(["Cannot log in", "Refund request", "Broken link on pricing page",
                                  "Invoice missing", "App crashes on start", "Change of address"]),
             "opened": date_iso(r), "assignee": r.choice([None, first(r)])}
    else:
        d = {"sensor_id": f"s-{r.randint(100, 999)}", "temp_c": round(r.uniform(-10, 40), 1),
             "humidity": r.randint(10, 95), "battery": round(r.uniform(0, 1), 2),
             "location": r.choice(CITIES)}
    return json.dumps(d, ensure_ascii=False, indent=r.choice([None, None, 2]))


def ident(r):
    return f"{r.choice(VERBS)}_{r.choice(NOUNS)}"


def camel(r):
    v = r.choice(VERBS)
    n = r.choice(NOUNS)
    return v + n[0].upper() + n[1:]


def py_snippet(r):
    fn = ident(r)
    noun = r.choice(NOUNS)
    k = r.randint(0, 9)
    if k == 0:
        return (f"def {fn}({noun}):\n    total = 0\n    for i in range(len({noun})):\n"
                f"        if {noun}[i] > {r.randint(0, 100)}:\n            total += {noun}[i]\n"
                f"    return total\n")
    if k == 1:
        cls = r.choice(["Wallet", "Inventory", "Counter", "Account", "Budget", "Meter"])
        a, b = r.sample(["balance", "owner", "limit", "count", "label", "rate"], 2)
        m = r.choice(["deposit", "add", "increment", "top_up", "record"])
        return (f"class {cls}:\n    def __init__(self, {a}, {b}):\n        self.{a} = {a}\n"
                f"        self.{b} = {b}\n        self.history = []\n\n"
                f"    def {m}(self, amount):\n        if amount < 0:\n"
                f"            raise ValueError(\"amount must be positive\")\n"
                f"        self.{a} += amount\n        self.history.append((\"{m}\", amount))\n"
                f"        return self.{a}\n")
    if k == 2:
        sep = r.choice([",", ";", "\\t", "|"])
        return (f"def {fn}(path):\n    f = open(path)\n    data = f.read()\n"
                f"    rows = [line.split(\"{sep}\") for line in data.splitlines()]\n"
                f"    return {{row[0]: row[{r.randint(1, 4)}] for row in rows if row}}\n")
    if k == 3:
        t = r.choice(NOUNS)
        return (f"def get_{t}_by_name(conn, name):\n    cur = conn.cursor()\n"
                f"    cur.execute(\"SELECT * FROM {t} WHERE name = '\" + name + \"'\")\n"
                f"    return cur.fetchall()\n")
    if k == 4:
        return (f"import requests\n\ndef fetch_{noun}(id):\n"
                f"    r = requests.get(\"{url(r)}/\" + str(id))\n"
                f"    return r.json()[\"{r.choice(['data', 'items', 'result', 'value'])}\"]\n")
    if k == 5:
        f2 = r.choice(["fib", "ways", "count_paths", "tri", "steps"])
        return (f"def {f2}(n):\n    if n <= {r.randint(1, 2)}:\n        return n\n"
                f"    return {f2}(n - 1) + {f2}(n - 2)\n")
    if k == 6:
        return (f"def {fn}(items):\n    result = []\n    for x in items:\n"
                f"        if x not in result:\n            result.append(x)\n"
                f"    return sorted(result, key=lambda x: x[\"{r.choice(['id', 'name', 'date', 'score'])}\"])\n")
    if k == 7:
        fmt = r.choice(["%Y-%m-%d", "%d/%m/%Y", "%m-%d-%y", "%Y%m%d"])
        return (f"from datetime import datetime\n\ndef {fn}(s):\n"
                f"    return datetime.strptime(s, \"{fmt}\").date()\n")
    if k == 8:
        return (f"def {fn}(key, cache={{}}):\n    if key in cache:\n        return cache[key]\n"
                f"    value = expensive_lookup(key)\n    cache[key] = value\n    return value\n")
    w = r.randint(2, 9)
    return (f"def {fn}(values, window={w}):\n    out = []\n"
            f"    for i in range(len(values) - window):\n"
            f"        out.append(sum(values[i:i + window]) / window)\n    return out\n")


def js_snippet(r):
    fn = camel(r)
    k = r.randint(0, 3)
    if k == 0:
        return (f"async function {fn}(id) {{\n  const res = await fetch(`{url(r)}/${{id}}`);\n"
                f"  const data = res.json();\n  return data.{r.choice(['items', 'user', 'total'])};\n}}\n")
    if k == 1:
        return (f"function {fn}(list) {{\n  var total = 0;\n  for (var i = 0; i <= list.length; i++) {{\n"
                f"    total += list[i].{r.choice(['price', 'qty', 'score'])};\n  }}\n  return total;\n}}\n")
    if k == 2:
        return (f"const {fn} = (users) =>\n  users\n    .filter(u => u.age > {r.randint(16, 65)})\n"
                f"    .map(u => u.name.toUpperCase())\n    .sort();\n")
    return (f"export function {fn}(el) {{\n  el.innerHTML = '<b>' + el.dataset.{r.choice(['label', 'title', 'name'])}"
            f" + '</b>';\n  document.body.appendChild(el);\n}}\n")


def go_snippet(r):
    fn = camel(r)
    fn = fn[0].upper() + fn[1:]
    if r.random() < 0.5:
        return (f"func {fn}(w http.ResponseWriter, r *http.Request) {{\n"
                f"\tid := r.URL.Query().Get(\"id\")\n\trow := db.QueryRow(\"SELECT name FROM {r.choice(NOUNS)} WHERE id = \" + id)\n"
                f"\tvar name string\n\trow.Scan(&name)\n\tfmt.Fprintf(w, \"%s\", name)\n}}\n")
    return (f"func {fn}(xs []int) int {{\n\tm := xs[0]\n\tfor _, x := range xs {{\n"
            f"\t\tif x > m {{\n\t\t\tm = x\n\t\t}}\n\t}}\n\treturn m\n}}\n")


def java_snippet(r):
    fn = camel(r)
    if r.random() < 0.5:
        return (f"public List<String> {fn}(List<String> input) {{\n    List<String> out = new ArrayList<>();\n"
                f"    for (String s : input) {{\n        if (s != \"\" && s.length() > {r.randint(2, 9)}) {{\n"
                f"            out.add(s.trim());\n        }}\n    }}\n    return out;\n}}\n")
    return (f"public double {fn}(double[] values) {{\n    double sum = 0;\n"
            f"    for (int i = 0; i < values.length; i++) sum += values[i];\n"
            f"    return sum / values.length;\n}}\n")


def code_any(r, langs=("python", "python", "python", "javascript", "go", "java")):
    lang = r.choice(list(langs))
    gen = {"python": py_snippet, "javascript": js_snippet, "go": go_snippet, "java": java_snippet}[lang]
    return lang, gen(r)


def traceback_py(r):
    user = r.choice(["dev", "ubuntu", first(r).lower()])
    proj = r.choice(["etl", "bot", "webapp", "scraper", "analysis", "api"])
    mod = r.choice(["main", "app", "utils", "pipeline", "models"])
    fn = ident(r)
    exc = r.choice([
        ("KeyError", f"'{r.choice(['id', 'name', 'price', 'user_id', 'data'])}'"),
        ("TypeError", "unsupported operand type(s) for +: 'int' and 'str'"),
        ("IndexError", "list index out of range"),
        ("AttributeError", f"'NoneType' object has no attribute '{r.choice(['get', 'split', 'json', 'items'])}'"),
        ("ValueError", f"invalid literal for int() with base 10: '{r.choice(['abc', '12.5', '', 'N/A'])}'"),
        ("ZeroDivisionError", "division by zero"),
        ("FileNotFoundError", f"[Errno 2] No such file or directory: '{r.choice(NOUNS)}.csv'"),
        ("ModuleNotFoundError", f"No module named '{r.choice(['pandas', 'yaml', 'requests', 'numpy'])}'"),
    ])
    return (f"Traceback (most recent call last):\n  File \"/home/{user}/{proj}/{mod}.py\", "
            f"line {r.randint(20, 400)}, in <module>\n    main()\n"
            f"  File \"/home/{user}/{proj}/{mod}.py\", line {r.randint(5, 200)}, in {fn}\n"
            f"    result = {r.choice(['data', 'row', 'items', 'resp'])}[{r.choice(['key', 'i', '0', 'name'])}]\n"
            f"{exc[0]}: {exc[1]}")


def math_problem(r):
    """Returns (problem, worked steps, answer)."""
    n = first(r)
    k = r.randint(0, 7)
    if k == 0:
        a, b, c = r.randint(3, 30), r.randint(2, 9), r.randint(2, 12)
        return (f"{n} has {a} apples and buys {b} bags with {c} apples in each bag. "
                f"How many apples does {n} have now?",
                f"{b} bags of {c} is {b * c}. {a} + {b * c} = {a + b * c}.", a + b * c)
    if k == 1:
        v, t = r.randint(40, 120), r.randint(2, 7)
        return (f"A train travels at {v} km/h for {t} hours. How far does it travel?",
                f"Distance = speed × time = {v} × {t} = {v * t}.", v * t)
    if k == 2:
        p, d = r.randint(20, 400), r.choice([10, 15, 20, 25, 30, 40])
        ans = p * (100 - d) / 100
        ans = int(ans) if ans == int(ans) else round(ans, 2)
        return (f"A jacket costs ${p}. It is on sale for {d}% off. What is the sale price?",
                f"{d}% of {p} is {p * d / 100:g}. {p} - {p * d / 100:g} = {ans}.", ans)
    if k == 3:
        w, h = r.randint(3, 40), r.randint(3, 40)
        return (f"A rectangle is {w} cm wide and {h} cm long. What is its perimeter?",
                f"Perimeter = 2 × ({w} + {h}) = {2 * (w + h)}.", 2 * (w + h))
    if k == 4:
        x, m, c = r.randint(2, 30), r.randint(2, 9), r.randint(1, 50)
        return (f"If {m}x + {c} = {m * x + c}, what is x?",
                f"Subtract {c}: {m}x = {m * x}. Divide by {m}: x = {x}.", x)
    if k == 5:
        a, b = r.randint(5, 40), r.randint(5, 40)
        w = r.randint(2, 6)
        return (f"{n} earns ${a} per day and spends ${min(a, b) // 2} per day. "
                f"How much does {n} save in {w} weeks?",
                f"Savings per day: {a} - {min(a, b) // 2} = {a - min(a, b) // 2}. "
                f"{w} weeks = {7 * w} days. {a - min(a, b) // 2} × {7 * w} = {(a - min(a, b) // 2) * 7 * w}.",
                (a - min(a, b) // 2) * 7 * w)
    if k == 6:
        t, s = r.randint(12, 40), r.randint(2, 5)
        g = t * s
        return (f"A class of {g} students is split into groups of {s}. How many groups are there?",
                f"{g} ÷ {s} = {t}.", t)
    a, b = r.randint(2, 12), r.randint(2, 12)
    return (f"The sum of two numbers is {a + b} and their difference is {abs(a - b)}. "
            f"What is the larger number?",
            f"Larger = (sum + difference) / 2 = ({a + b} + {abs(a - b)}) / 2 = {max(a, b)}.", max(a, b))


def logic_puzzle(r):
    names = r.sample(FIRST, 3)
    k = r.randint(0, 4)
    if k == 0:
        pets = r.sample(["a cat", "a dog", "a parrot", "a rabbit", "a turtle", "a hamster"], 3)
        return (f"{names[0]}, {names[1]} and {names[2]} each own a different pet: {pets[0]}, {pets[1]} "
                f"or {pets[2]}. {names[0]} does not own {pets[1]}. {names[1]} owns {pets[2]}. "
                f"Who owns {pets[0]}?")
    if k == 1:
        a, d = r.randint(1, 9), r.randint(2, 7)
        seq = [a + d * i * i for i in range(5)]
        return f"What is the next number in the sequence {', '.join(map(str, seq))}, ...?"
    if k == 2:
        return (f"On an island, knights always tell the truth and knaves always lie. {names[0]} says: "
                f"\"{names[1]} is a knave.\" {names[1]} says: \"{names[0]} and I are the same kind.\" "
                f"What are {names[0]} and {names[1]}?")
    if k == 3:
        h = r.randint(2, 11)
        return (f"A clock shows {h}:00. What is the angle between the hour and minute hands, "
                f"and what will it be {r.randint(10, 50)} minutes later?")
    return (f"{names[0]} is older than {names[1]}. {names[2]} is younger than {names[1]} but older than "
            f"{r.choice(FIRST)}. Who is the second oldest of the four?")


GENERAL_QUESTIONS = [
    "Why is the sky blue?", "How do vaccines train the immune system?",
    "What causes the seasons on Earth?", "Why do we have leap years?",
    "How does a refrigerator keep food cold?", "What is the difference between weather and climate?",
    "Why does ice float on water?", "How do airplanes stay in the air?",
    "What is inflation and why does it happen?", "How does GPS determine your location?",
    "Why do onions make people cry?", "What makes a prime number special?",
    "How do noise-cancelling headphones work?", "Why did the Roman Empire fall?",
    "What is the greenhouse effect?", "How do bees communicate?",
    "What is the difference between a virus and a bacterium?", "Why do cats purr?",
    "How is glass made?", "What causes tides?", "How do credit scores work?",
    "Why do some metals rust and others do not?", "What is entropy?",
    "How does compound interest work?", "Why is the ocean salty?",
    "How do solar panels generate electricity?", "What is a black hole?",
    "Why do we dream?", "How does a bill become a law in the United States?",
    "What is the Pythagorean theorem used for?", "How do hash tables work?",
    "Why is the Mona Lisa so famous?", "How does caffeine affect the brain?",
    "What is the difference between RAM and storage?", "How do earthquakes happen?",
    "Why are flamingos pink?", "How does public-key encryption work?",
    "What is the speed of light and how was it measured?",
    "Why do stars twinkle?", "How does the stock market set prices?",
]


# ==========================================================================
# group: chat -- wrappers around user text
# ==========================================================================

CHATML_SYS = "You are a helpful assistant."
HUMAN_WRAP = "### Human: {u}\n### Assistant:"


def chatml(system, user):
    return (f"<|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n{user}<|im_end|>\n"
            f"<|im_start|>assistant\n")


@family("chat", "ChatML wrapper, generic system prompt, free user text (public; pair with 2)",
        acct=3.0, public=True)
def f_chatml_general(r):
    return chatml(CHATML_SYS, free_core(r))


TUTOR_SYS = ("You are MathMentor, a patient tutor for high-school students. Never give the final "
             "answer directly; instead ask one guiding question at a time. Use LaTeX for formulas. "
             "If the student seems frustrated, acknowledge it briefly and encourage them. Keep every "
             "reply under 120 words and end with a question.")


@family("chat", "ChatML wrapper, math-tutor system prompt, student problems (pair with 1)")
def f_chatml_tutor(r):
    p, _, ans = math_problem(r)
    pre = r.choice(["", "", "I don't get this one: ", "help pls ", "Can you check my work? ",
                    "We did this in class today but I'm lost. ", "Homework question: "])
    post = ""
    if r.random() < 0.35:
        post = f" I got {ans + r.choice([-3, -1, 1, 2, 10])} but the book says {ans}."
    return chatml(TUTOR_SYS, pre + p + post)


def llama2(system, user):
    return f"<s>[INST] <<SYS>>\n{system}\n<</SYS>>\n\n{user} [/INST]"


BANK_SYS = ("You are Ava, the virtual assistant of Acme Bank. Answer questions about accounts, cards, "
            "transfers and fees. Never ask for full card numbers, PINs or passwords. If a question "
            "involves fraud or a disputed charge, tell the customer to call 1-800-555-0199 or use "
            "the Dispute button in the app. Be concise and friendly.")
MERCHANTS = ["QuickMart", "SkyFlix", "FuelPoint", "Bella Pizza", "eBuy Marketplace",
             "CloudGym", "RideNow", "TechHaven", "Corner Pharmacy"]


@family("chat", "Llama-2 [INST]/<<SYS>> wrapper, bank assistant persona (pair with 4)", op="acme-bank")
def f_llama_bank(r):
    amt = r.choice([r.randint(5, 99), r.randint(100, 4999)])
    last4 = f"{r.randint(0, 9999):04d}"
    q = r.choice([
        f"I see a charge of ${amt} from {r.choice(MERCHANTS)} on {date_long(r)} that I don't recognize. What should I do?",
        f"How do I increase the daily limit on my card ending in {last4}?",
        f"Can I transfer ${amt} to my savings account today and still have it available on {date_long(r)}?",
        f"What is the fee for an international wire of €{amt}?",
        f"My debit card ending in {last4} was declined at {r.choice(MERCHANTS)}. Why?",
        f"How long does a mobile check deposit of ${amt} take to clear?",
        f"I want to close my joint account with {full_name(r)}. What documents do I need?",
        f"Is there a penalty if I withdraw my CD early, before {date_long(r)}?",
        f"i was charged ${amt} twice at {r.choice(MERCHANTS)}?? can you fix",
    ])
    return llama2(BANK_SYS, q)


LEGAL_SYS = ("You are the intake assistant for Whitfield & Osei LLP. Collect the facts of the "
             "visitor's situation, identify the area of law (tenancy, employment, personal injury, "
             "family, consumer), and list the documents they should bring to a consultation. Do not "
             "give legal advice and always remind the visitor that no attorney-client relationship "
             "exists until an engagement letter is signed.")


@family("chat", "Llama-2 [INST]/<<SYS>> wrapper, law-firm intake persona (pair with 3)")
def f_llama_legal(r):
    q = r.choice([
        f"My landlord won't return my ${r.randint(500, 4000)} deposit. I moved out on {date_long(r)}.",
        f"My employer hasn't paid me overtime since {date_long(r)}. I work about {r.randint(45, 70)} hours a week.",
        f"I was rear-ended in {r.choice(CITIES)} on {date_long(r)} and my back still hurts.",
        f"My ex-husband {first(r)} stopped paying child support {r.randint(2, 11)} months ago.",
        f"A contractor took a ${r.randint(1000, 20000)} deposit for a kitchen remodel and disappeared.",
        f"I bought a used car from a dealer on {date_long(r)} and the transmission failed a week later.",
        "My neighbor's tree fell on my garage during the storm. Who pays?",
        f"I was fired {r.randint(2, 20)} days after telling my manager I was pregnant.",
    ])
    return llama2(LEGAL_SYS, q)


@family("chat", "'### Human: / ### Assistant:' markers around free user text (public)",
        acct=2.0, public=True)
def f_human_assistant(r):
    return HUMAN_WRAP.format(u=free_core(r))


VICUNA_PRE = ("A chat between a curious user and an artificial intelligence assistant. The assistant "
              "gives helpful, detailed, and polite answers to the user's questions.")


@family("chat", "Vicuna preamble with USER:/ASSISTANT: markers around knowledge questions")
def f_vicuna(r):
    t = r.choice(TOPICS)
    q = r.choice([r.choice(GENERAL_QUESTIONS), f"Explain {t} in simple terms.",
                  f"Write a short poem about {t}.", f"What are three common misconceptions about {t}?",
                  f"Give me a five-point summary of {t}."])
    return f"{VICUNA_PRE}\n\nUSER: {q} ASSISTANT:"


TRIP_REPLIES = [
    "Great choice! The weather is usually mild then, and there are plenty of museums and markets to explore.",
    "That sounds like a lovely trip. I'd suggest booking accommodation early, as it's a popular season.",
    "Sure! I can suggest an itinerary. Do you prefer food, history, nature or nightlife?",
    "Happy to help. Public transport there is good, so you may not need a car.",
]
TRIP_FOLLOW = [
    "Can you make a {d}-day itinerary with a budget of about {cur}{b}?",
    "What are the best neighborhoods to stay in with kids?",
    "Which day trips can I do by train?",
    "I'm vegetarian. Where should I eat?",
    "Is it safe to walk around at night near the old town?",
    "We land at {h}:00 on day one. What can we do that evening?",
]


@family("chat", "Gemma turn markers, travel-planner app with one prior exchange in history")
def f_gemma_travel(r):
    c = r.choice(CITIES)
    first_u = r.choice([f"I'm planning a trip to {c} in {r.choice(MONTHS)}.",
                        f"We're going to {c} for our honeymoon!",
                        f"Thinking about visiting {c} with my parents next {r.choice(MONTHS)}."])
    follow = r.choice(TRIP_FOLLOW).format(d=r.randint(2, 7), cur=r.choice(["$", "€", "£"]),
                                          b=r.randint(3, 40) * 100, h=r.randint(14, 22))
    return (f"<start_of_turn>user\n{first_u}<end_of_turn>\n<start_of_turn>model\n"
            f"{r.choice(TRIP_REPLIES)}<end_of_turn>\n<start_of_turn>user\n{follow}<end_of_turn>\n"
            f"<start_of_turn>model\n")


TELCO_CUST = [
    "Hi, my bill this month is ${a} but my plan is only ${b}.",
    "My internet has been down since {d}.",
    "I want to cancel my {p} plan.",
    "Why was I charged a roaming fee? I was only in {c} for a day.",
    "Can I upgrade to {p} without a new contract?",
    "The technician never showed up on {d}.",
    "I still haven't received my SIM card.",
]
TELCO_AGENT = [
    "I'm sorry to hear that. Could you confirm the account holder's name?",
    "Thanks for waiting. I can see your account now.",
    "I understand. Let me check what happened.",
    "Could you tell me the last four digits of the phone number on the account?",
]
TELCO_SYS = ("You are Brightline Telecom's virtual agent. Continue the conversation as the Agent. "
             "Keep replies under 60 words, never promise refunds above $50, and offer to transfer to a "
             "human if the customer asks for one twice.")


@family("chat", "telecom chatbot: transcript history block + fixed agent instructions")
def f_telco_chat(r):
    def cust():
        return r.choice(TELCO_CUST).format(a=r.randint(60, 300), b=r.randint(20, 59), d=date_long(r),
                                           p=r.choice(["Unlimited Plus", "Basic 5GB", "Family Share", "Fiber 500"]),
                                           c=r.choice(CITIES))
    turns = [f"Customer: {cust()}", f"Agent: {r.choice(TELCO_AGENT)}"]
    turns.append("Customer: " + r.choice([first(r) + " " + r.choice(LAST), f"{r.randint(0, 9999):04d}",
                                          "I already told you that.", "ok", cust(), "Can I talk to a human?"]))
    return "[Conversation history]\n" + "\n".join(turns) + "\n[End of history]\n\n" + TELCO_SYS


DOC_QUESTIONS = ["When will the event take place?", "Who is stepping down?",
                 "How much did revenue grow?", "What did the survey find?",
                 "What are the residents worried about?", "How much will the project cost?",
                 "Why was the launch delayed?", "What caused the outage?",
                 "Which routes were added?", "What did Dr. {l} say about the results?"]


@family("chat", "RAG: <document>/<question> XML tags, answer only from the document")
def f_rag_xml(r):
    q = r.choice(DOC_QUESTIONS).format(l=r.choice(LAST))
    return (f"<document>\n{long_document(r)}\n</document>\n<question>{q}</question>\n"
            f"Answer using only the document above. If the answer is not in the document, reply "
            f"\"NOT FOUND\".")


TITLE_FORMS = ["{T}: a beginner's guide", "What everyone gets wrong about {t}",
               "New study sheds light on {t}", "{T} explained in 5 minutes",
               "The history of {t}", "How {t} affects your daily life", "10 facts about {t}"]


def search_results(r, k):
    out = []
    for i in range(k):
        t = r.choice(TOPICS)
        title = r.choice(TITLE_FORMS).format(t=t, T=t[0].upper() + t[1:])
        out.append(f"[{i + 1}] {title} — {url(r)}\n{passage(r, 1, 3)}")
    return "\n\n".join(out)


@family("chat", "RAG: numbered web search results with URLs, cite like [1]")
def f_rag_search(r):
    q = r.choice([r.choice(GENERAL_QUESTIONS), f"What is the latest research on {r.choice(TOPICS)}?",
                  f"Summarize recent news about {r.choice(COMPANIES)}."])
    return ("Use the search results below to answer the question. Cite sources inline like [1]. If the "
            "results are insufficient, say so.\n\n" + search_results(r, r.randint(3, 5)) +
            f"\n\nQuestion: {q}\nAnswer:")


# ==========================================================================
# group: agent -- scaffolds, tools, scratchpads
# ==========================================================================

REACT_HEAD = """Answer the following questions as best you can. You have access to the following tools:

Search: useful for when you need to answer questions about current events. Input should be a search query.
Calculator: useful for when you need to answer questions about math. Input should be a math expression.
Wikipedia: useful for looking up facts about people, places, companies, or historical events.

Use the following format:

Question: the input question you must answer
Thought: you should always think about what to do
Action: the action to take, should be one of [Search, Calculator, Wikipedia]
Action Input: the input to the action
Observation: the result of the action
... (this Thought/Action/Action Input/Observation can repeat N times)
Thought: I now know the final answer
Final Answer: the final answer to the original input question

Begin!

"""


@family("agent", "ReAct scaffold: fixed tool list + Thought/Action format, multi-hop questions "
        "(public framework; pair with 12)", acct=2.0, public=True)
def f_react(r):
    country, cap = r.choice(COUNTRY_CAPITALS)
    q = r.choice([
        f"What is the population of the capital of {country} divided by {r.randint(2, 9)}?",
        f"Who was the head of government of {country} in {r.randint(1960, 2015)}, and how old were they then?",
        f"What is {r.randint(2, 30)}% of the GDP of {country} in {r.randint(2000, 2022)}?",
        f"How far is {cap} from {r.choice(CITIES)} in kilometers, and how long would it take at {r.randint(60, 900)} km/h?",
        f"Which company founded in {r.randint(1970, 2010)} is headquartered in {r.choice(CITIES)}?",
        f"What is the square root of the year {cap} was founded?",
    ])
    s = f"Question: {q}\nThought:"
    if r.random() < 0.3:
        s = (f"Question: {q}\nThought: I need to look up {cap} first.\nAction: Search\n"
             f"Action Input: {cap} population\nObservation: {filled_sentence(r)}\nThought:")
    return REACT_HEAD + s


@family("agent", "shopping assistant with tool list and CALL/DONE protocol (pair with 11)", op="shop-ops")
def f_shop_agent(r):
    prod, _ = product(r)
    req = r.choice([
        f"I need a {prod.lower()} under ${r.randint(20, 300)}, please add the best one to my cart.",
        f"Where is my order {order_no(r)}?",
        f"Add {r.randint(2, 4)} of the cheapest {prod.lower()}s to my cart.",
        f"Is the {prod} in stock? I need it before {date_long(r)}.",
        f"Compare two {prod.lower()}s for me and pick one for a gift.",
    ])
    return ("You are ShopBuddy, a shopping assistant for Northwind Traders. You have access to the "
            "following tools:\n\nsearch_products(query: str, max_price: float) -> list of products\n"
            "add_to_cart(product_id: str, qty: int) -> cart\nget_order_status(order_id: str) -> status\n\n"
            "To use a tool, reply with a single line: CALL <tool>(<args>). When you are done, reply with "
            f"DONE: <message to customer>.\n\nCustomer: {req}")


FN_SCHEMAS = [
    {"name": "get_weather", "description": "Get the weather forecast for a city and date",
     "parameters": {"type": "object", "properties": {"city": {"type": "string"}, "date": {"type": "string"}},
                    "required": ["city"]}},
    {"name": "book_table", "description": "Reserve a restaurant table",
     "parameters": {"type": "object", "properties": {"restaurant": {"type": "string"},
                                                     "party_size": {"type": "integer"},
                                                     "time": {"type": "string"}},
                    "required": ["restaurant", "party_size", "time"]}},
    {"name": "convert_currency", "description": "Convert an amount between currencies",
     "parameters": {"type": "object", "properties": {"amount": {"type": "number"}, "from": {"type": "string"},
                                                     "to": {"type": "string"}}, "required": ["amount", "from", "to"]}},
    {"name": "send_email", "description": "Send an e-mail",
     "parameters": {"type": "object", "properties": {"to": {"type": "string"}, "subject": {"type": "string"},
                                                     "body": {"type": "string"}}, "required": ["to", "body"]}},
    {"name": "create_reminder", "description": "Create a reminder",
     "parameters": {"type": "object", "properties": {"when": {"type": "string"}, "text": {"type": "string"}},
                    "required": ["when", "text"]}},
    {"name": "search_flights", "description": "Search flights between two airports",
     "parameters": {"type": "object", "properties": {"origin": {"type": "string"}, "destination": {"type": "string"},
                                                     "date": {"type": "string"}}, "required": ["origin", "destination"]}},
]


@family("agent", "JSON function calling: varying subset of JSON tool schemas + user request")
def f_json_tools(r):
    tools = sample(r, FN_SCHEMAS, r.randint(2, 4))
    c = r.choice(CITIES)
    req = r.choice([
        f"What's the weather in {c} on {date_long(r)}?",
        f"Book a table for {r.randint(2, 8)} at {r.choice(['Chez Marie', 'Golden Dragon', 'Trattoria Sole', 'The Oak Room'])} tomorrow at {r.randint(6, 9)}pm.",
        f"Convert {r.randint(10, 5000)} USD to {r.choice(['EUR', 'JPY', 'GBP', 'BRL'])}.",
        f"Send an email to {email_of(r)} saying I'll be {r.randint(5, 40)} minutes late.",
        f"Remind me on {date_long(r)} to call {full_name(r)}.",
        f"Find flights from {c} to {r.choice(CITIES)} on {date_iso(r)}.",
    ])
    return ("You are an assistant that can call functions. Available functions (JSON schema):\n" +
            json.dumps(tools, indent=2) + "\n\nRespond ONLY with a JSON object of the form "
            "{\"name\": <function name>, \"arguments\": {...}}. If no function applies, respond with "
            "{\"name\": null}.\n\nUser request: " + req)


ISSUES = [
    "`{fn}` crashes when the input list is empty.",
    "`{fn}` returns wrong results when values contain duplicates.",
    "Calling `{fn}` twice with the same arguments returns stale data.",
    "`{fn}` is vulnerable to SQL injection via the name parameter.",
    "`{fn}` leaks a file handle on every call.",
    "Off-by-one error in `{fn}`: the last element is skipped.",
]


@family("agent", "SWE agent: repo/issue/file scaffold, <scratchpad> then unified diff (distillation)",
        acct=2.0, op="distill-A")
def f_swe_agent(r):
    code = py_snippet(r)
    fn = code.split("def ", 1)[1].split("(", 1)[0] if "def " in code else "main"
    repo = f"{r.choice(['acme', 'openlab', 'kestrel', 'tidewater', 'fennec'])}/{r.choice(NOUNS)}-{r.choice(['service', 'lib', 'tools', 'core'])}"
    path = f"src/{r.choice(['core', 'utils', 'io', 'api'])}/{r.choice(NOUNS)}.py"
    issue = r.choice(ISSUES).format(fn=fn)
    return (f"You are an autonomous software engineer working in the repository {repo}. You will be "
            f"given a GitHub issue and the contents of the most relevant file. First reason about the root "
            f"cause inside <scratchpad></scratchpad> tags, thinking step by step and considering edge "
            f"cases. Then output a minimal unified diff that fixes the issue and nothing else.\n\n"
            f"<issue>\n#{r.randint(100, 9999)} {issue}\nReported by @{first(r).lower()}{r.randint(1, 99)}. "
            f"{maybe(r, 0.5, 'Steps to reproduce are in the attached test.')}\n</issue>\n\n"
            f"Relevant file: {path}\n```python\n{code}```")


SHELL_HIST = [
    ("ls", "README.md  data  src  tests  requirements.txt"),
    ("cat requirements.txt", "numpy==1.26.4\npandas==2.2.1\nrequests"),
    ("python -m pytest -q", "..F.\nFAILED tests/test_io.py::test_load - AssertionError\n1 failed, 3 passed"),
    ("git status", "On branch main\nChanges not staged for commit:\n  modified:   src/io.py"),
    ("df -h /", "Filesystem      Size  Used Avail Use% Mounted on\n/dev/sda1        50G   47G  3.0G  94% /"),
    ("ps aux | grep python", "dev  2231  98.0  3.1 python worker.py"),
    ("du -sh data", "12G\tdata"),
    ("pip install -r requirements.txt", "ERROR: Could not find a version that satisfies the requirement numpy==1.26.4"),
]
SHELL_GOALS = ["make the failing test pass", "free at least 10 GB of disk space",
               "find out why the worker uses 98% CPU", "install the dependencies",
               "commit the change to src/io.py with a good message",
               "count the lines of Python code in src", "find the largest files in data"]


@family("agent", "terminal agent: shell history block + goal, reply with <cmd>")
def f_terminal_agent(r):
    hist = sample(r, SHELL_HIST, r.randint(1, 3))
    h = "\n".join(f"$ {c}\n{o}" for c, o in hist)
    return (f"You are controlling a Linux shell on behalf of the user. Previous commands and outputs:\n\n{h}\n\n"
            f"Goal: {r.choice(SHELL_GOALS)}\nReply with the next command only, inside <cmd></cmd>. Do not "
            f"run destructive commands without confirmation.")


UI_ELEMS = ["link 'Home'", "link 'Sign in'", "button 'Search'", "textbox 'Search products'",
            "link 'Cart (0)'", "button 'Add to cart'", "heading 'Results'", "link 'Next page'",
            "combobox 'Sort by'", "checkbox 'Free shipping'", "link 'Contact us'",
            "button 'Accept cookies'", "textbox 'Email'", "button 'Subscribe'"]


@family("agent", "browser agent: accessibility tree observation, objective, action grammar")
def f_browser_agent(r):
    elems = sample(r, UI_ELEMS, r.randint(4, 8))
    start = r.randint(1, 40)
    tree = "\n".join(f"[{start + i}] {e}" for i, e in enumerate(elems))
    prod, _ = product(r)
    obj = r.choice([f"Find the cheapest {prod.lower()} with free shipping",
                    f"Subscribe {email_of(r)} to the newsletter",
                    f"Find the contact page of {r.choice(COMPANIES)}",
                    f"Add a {prod.lower()} to the cart and go to checkout"])
    prev = r.choice(["None", f"type [{start}] [{prod.lower()}]", f"click [{start + 1}]", "scroll [down]"])
    return (f"OBSERVATION (accessibility tree of {url(r)}):\n{tree}\n\nOBJECTIVE: {obj}\n"
            f"PREVIOUS ACTION: {prev}\n\nIssue the next action. Valid actions: click [id], type [id] [text], "
            f"scroll [up|down], go_back, stop [answer]. Output the action only.")


@family("agent", "planner: markdown Task/Scratchpad/Plan sections, JSON step list")
def f_planner(r):
    task = r.choice([
        f"Organize a team offsite for {r.randint(8, 60)} people in {r.choice(CITIES)} in {r.choice(MONTHS)}",
        f"Migrate the {r.choice(NOUNS)} database from MySQL to PostgreSQL with less than {r.randint(5, 60)} minutes of downtime",
        f"Write a literature review on {r.choice(TOPICS)}",
        f"Launch a newsletter for {r.choice(COMPANIES)} by {date_long(r)}",
        f"Prepare for a job interview as a {r.choice(['data analyst', 'nurse', 'product manager', 'teacher'])}",
    ])
    return (f"## Task\n{task}\n\n## Scratchpad\n(Write your private plan here; it will not be shown to the "
            f"user.)\n\n## Plan\nReturn a numbered plan of at most {r.randint(4, 10)} steps as JSON: "
            "{\"steps\": [{\"id\": 1, \"action\": \"...\", \"depends_on\": []}]}")


@family("agent", "tool-result summarizer: tool name + raw JSON result, two-sentence summary")
def f_tool_summary(r):
    tool = r.choice(["crm.lookup_customer", "orders.get", "analytics.events", "support.ticket", "iot.read_sensor"])
    kind = {"crm.lookup_customer": "user", "orders.get": "order", "analytics.events": "event",
            "support.ticket": "ticket", "iot.read_sensor": "sensor"}[tool]
    return (f"The tool `{tool}` returned the following JSON:\n{json_record(r, kind)}\n\n"
            f"Summarize the result for the user in two sentences. Do not mention the tool name or JSON.")


@family("agent", "multi-agent CRITIC role reviewing a WORKER answer, JSON issues list")
def f_critic(r):
    p, steps, ans = math_problem(r)
    worker = r.choice([steps + f" The answer is {ans}.", steps + f" The answer is {ans + r.choice([1, -2, 5])}.",
                       passage(r, 2, 3)])
    return (f"You are the CRITIC agent in a team of {r.randint(3, 6)} agents. The WORKER agent produced "
            f"the following answer to the task.\n\nTASK: {p}\nWORKER ANSWER:\n{worker}\n\nList every "
            "error you find as a JSON array of objects {\"issue\": str, \"severity\": \"low\"|\"medium\"|"
            "\"high\"}. Return [] if the answer is correct.")


@family("agent", "personal assistant with [MEMORY] and [TOOLS] blocks before the user turn",
        op="pa-startup")
def f_memory_assistant(r):
    n = first(r)
    tz = r.choice(["Europe/Lisbon", "America/Denver", "Asia/Tokyo", "Africa/Nairobi", "Australia/Melbourne"])
    req = r.choice([f"Schedule a call with {full_name(r)} next {r.choice(['Monday', 'Tuesday', 'Thursday'])} at {r.randint(9, 17)}:00.",
                    "What's on my calendar tomorrow?",
                    f"Email {email_of(r)} that the report will be ready on {date_long(r)}.",
                    f"Move my dentist appointment to {date_long(r)}.",
                    "Cancel everything after 4pm today."])
    return (f"[MEMORY]\n- user name: {n}\n- prefers: {r.choice(['short answers', 'morning meetings', 'no meetings on Fridays', 'formal emails'])}\n"
            f"- timezone: {tz}\n[/MEMORY]\n[TOOLS] calendar.create, calendar.list, calendar.move, email.send [/TOOLS]\n"
            f"User: {req}")


# ==========================================================================
# group: bench -- evaluation harness formats
# ==========================================================================

MCQ_FACTS = [
    ("high school biology", "Which organelle is the main site of cellular respiration?", "Mitochondrion",
     ["Ribosome", "Golgi apparatus", "Lysosome"]),
    ("high school biology", "What molecule carries amino acids to the ribosome?", "tRNA",
     ["mRNA", "rRNA", "DNA ligase"]),
    ("high school biology", "Which process converts light energy into chemical energy in plants?",
     "Photosynthesis", ["Fermentation", "Transpiration", "Glycolysis"]),
    ("high school biology", "What is the basic unit of heredity?", "Gene", ["Protein", "Ribosome", "Enzyme"]),
    ("high school chemistry", "What is the chemical symbol for sodium?", "Na", ["So", "Sd", "S"]),
    ("high school chemistry", "What is the pH of pure water at 25 °C?", "7", ["0", "14", "1"]),
    ("high school chemistry", "Which gas makes up most of Earth's atmosphere?", "Nitrogen",
     ["Oxygen", "Carbon dioxide", "Argon"]),
    ("high school chemistry", "Which type of bond shares electron pairs between atoms?", "Covalent bond",
     ["Ionic bond", "Hydrogen bond", "Metallic bond"]),
    ("high school physics", "What is the SI unit of force?", "Newton", ["Joule", "Watt", "Pascal"]),
    ("high school physics", "Which quantity is conserved in an elastic collision but not in an inelastic one?",
     "Kinetic energy", ["Momentum", "Mass", "Charge"]),
    ("high school physics", "What is the approximate acceleration due to gravity at Earth's surface?",
     "9.8 m/s²", ["1.6 m/s²", "98 m/s²", "3.0 m/s²"]),
    ("world history", "In which year did the Berlin Wall fall?", "1989", ["1961", "1975", "1991"]),
    ("world history", "Which civilization built Machu Picchu?", "The Inca", ["The Aztecs", "The Maya", "The Olmecs"]),
    ("world history", "Who was the first emperor of a unified China?", "Qin Shi Huang",
     ["Kublai Khan", "Sun Yat-sen", "Emperor Wu of Han"]),
    ("world history", "The Magna Carta was sealed in which year?", "1215", ["1066", "1492", "1603"]),
    ("high school macroeconomics", "What does GDP measure?",
     "The market value of final goods and services produced in a country",
     ["The total amount of money printed by the central bank", "The government's annual budget",
      "The value of a country's exports only"]),
    ("high school macroeconomics", "A central bank raising interest rates is usually intended to",
     "reduce inflation", ["increase unemployment benefits", "raise import tariffs", "lower the tax rate"]),
    ("high school macroeconomics", "Which of the following is an example of fiscal policy?",
     "Cutting income taxes", ["Lowering the discount rate", "Buying government bonds",
                              "Raising reserve requirements"]),
    ("computer science", "What is the worst-case time complexity of binary search?", "O(log n)",
     ["O(n)", "O(n log n)", "O(1)"]),
    ("computer science", "Which data structure serves elements in first-in, first-out order?", "Queue",
     ["Stack", "Heap", "Binary search tree"]),
    ("computer science", "What does HTTP status code 404 mean?", "Not Found",
     ["Forbidden", "Internal Server Error", "Moved Permanently"]),
    ("computer science", "Which sorting algorithm sorts in place with average complexity O(n log n)?",
     "Quicksort", ["Bubble sort", "Counting sort", "Insertion sort"]),
    ("world geography", "Which is the longest river in South America?", "Amazon",
     ["Paraná", "Orinoco", "Magdalena"]),
    ("world geography", "Mount Kilimanjaro is located in which country?", "Tanzania",
     ["Kenya", "Uganda", "Ethiopia"]),
    ("world geography", "Which ocean is the largest?", "Pacific Ocean",
     ["Atlantic Ocean", "Indian Ocean", "Arctic Ocean"]),
    ("astronomy", "What is the closest star to the Sun?", "Proxima Centauri", ["Sirius", "Betelgeuse", "Vega"]),
    ("astronomy", "Which planet is known for the Great Red Spot?", "Jupiter", ["Mars", "Saturn", "Neptune"]),
    ("nutrition", "Which vitamin is produced in the skin in response to sunlight?", "Vitamin D",
     ["Vitamin C", "Vitamin A", "Vitamin K"]),
    ("nutrition", "Which macronutrient provides the most energy per gram?", "Fat",
     ["Protein", "Carbohydrate", "Fiber"]),
    ("philosophy", "Who wrote 'Critique of Pure Reason'?", "Immanuel Kant",
     ["David Hume", "G. W. F. Hegel", "René Descartes"]),
    ("philosophy", "The statement 'I think, therefore I am' is associated with", "René Descartes",
     ["Plato", "John Locke", "Friedrich Nietzsche"]),
    ("high school psychology", "Classical conditioning was first systematically studied by", "Ivan Pavlov",
     ["B. F. Skinner", "Sigmund Freud", "Jean Piaget"]),
]
MCQ_SUBJECTS = sorted(set(s for s, _, _, _ in MCQ_FACTS) | {"elementary mathematics"})


def mcq(r, subject=None, avoid=()):
    """Returns (subject, question, options, correct letter); avoids the
    questions in `avoid` when the subject has other fact questions left."""
    subject = subject or r.choice(MCQ_SUBJECTS + ["elementary mathematics", "world geography"])
    if subject == "elementary mathematics":
        k = r.randint(0, 2)
        if k == 0:
            a, b = r.randint(11, 99), r.randint(3, 29)
            q, c = f"What is {a} × {b}?", a * b
        elif k == 1:
            p, n = r.choice([5, 10, 12, 15, 20, 25, 40]), r.randint(2, 40) * 20
            q, c = f"What is {p}% of {n}?", p * n // 100
        else:
            m = r.randint(2, 90)
            q, c = f"How many centimeters are in {m} meters?", m * 100
        wrong = set()
        while len(wrong) < 3:
            w = c + r.choice([-1, 1]) * r.randint(1, max(3, c // 5))
            if w != c and w > 0:
                wrong.add(w)
        correct, distract = str(c), [str(w) for w in sorted(wrong)]
    elif subject == "world geography" and r.random() < 0.5:
        country, cap = r.choice(COUNTRY_CAPITALS)
        q, correct = f"What is the capital of {country}?", cap
        distract = [c for _, c in sample(r, [x for x in COUNTRY_CAPITALS if x[1] != cap], 3)]
    else:
        facts = [f for f in MCQ_FACTS if f[0] == subject]
        facts = [f for f in facts if f[1] not in avoid] or facts
        _, q, correct, distract = r.choice(facts)
    opts = [correct] + list(distract)
    r.shuffle(opts)
    return subject, q, opts, LETTERS[opts.index(correct)]


def mcq_block(q, opts, fmt="{l}. {o}"):
    return q + "\n" + "\n".join(fmt.format(l=LETTERS[i], o=o) for i, o in enumerate(opts))


@family("bench", "MMLU-style zero-shot: subject header, lettered options, 'Answer:' (pair with 22)",
        op="uni-evals")
def f_mmlu0(r):
    subj, q, opts, _ = mcq(r)
    return (f"The following are multiple choice questions (with answers) about {subj}.\n\n"
            f"{mcq_block(q, opts)}\nAnswer:")


@family("bench", "MMLU-style k-shot: same header, worked examples from a pool, then target (pair with 21)",
        op="uni-evals")
def f_mmlu_k(r):
    subj, q, opts, _ = mcq(r)
    shots, used = [], {q}
    for _ in range(r.randint(3, 5)):
        _, q2, o2, a2 = mcq(r, subj, used)
        if q2 in used:
            break
        used.add(q2)
        shots.append(f"{mcq_block(q2, o2)}\nAnswer: {a2}")
    return (f"The following are multiple choice questions (with answers) about {subj}.\n\n" +
            "\n\n".join(shots) + f"\n\n{mcq_block(q, opts)}\nAnswer:")


@family("bench", "GSM8K-style few-shot chain of thought, 'Let's think step by step.' (examples from pool)",
        op="uni-evals")
def f_gsm_fewshot(r):
    shots = []
    for _ in range(r.choice([3, 4, 4, 5])):
        p, s, a = math_problem(r)
        shots.append(f"Q: {p}\nA: Let's think step by step. {s} The answer is {a}.")
    p, _, _ = math_problem(r)
    return "\n\n".join(shots) + f"\n\nQ: {p}\nA: Let's think step by step."


@family("bench", "ARC-style: Question/Choices with (A)-(D), answer with the letter")
def f_arc(r):
    _, q, opts, _ = mcq(r)
    return (f"Question: {q}\nChoices:\n" + "\n".join(f"({LETTERS[i]}) {o}" for i, o in enumerate(opts)) +
            "\nAnswer with the letter of the correct choice.\nAnswer:")


HS_CTX = [
    ("A man is standing on a ladder next to a house. He", "scrapes old paint off the window frame with a putty knife."),
    ("A woman pours flour into a large bowl. She", "adds two eggs and begins to whisk the mixture."),
    ("Two kids sit on a dock holding fishing rods. One of them", "feels a tug and starts reeling in the line."),
    ("A person is tying a pair of running shoes. They", "stand up and begin jogging along the path."),
    ("A man lays a tent on the grass. He", "pushes the poles through the sleeves and raises the tent."),
    ("A group of people paddle a raft down a river. The raft", "bounces through a set of small rapids."),
    ("A girl is brushing a horse in a stable. She", "lifts one of its hooves and cleans it with a pick."),
    ("A chef slices an onion on a cutting board. He", "sweeps the pieces into a hot pan with oil."),
    ("A woman sits at a piano in front of an audience. She", "places her hands on the keys and starts to play."),
    ("A mechanic raises a car on a lift. He", "unscrews the drain plug and lets the old oil flow out."),
    ("A boy kneels next to a bicycle with a flat tire. He", "removes the wheel and pulls out the inner tube."),
    ("A man holds a paint roller in an empty room. He", "dips the roller in the tray and rolls it across the wall."),
    ("A swimmer stands on the starting block. At the signal she", "dives into the pool and swims freestyle."),
    ("A woman holds a watering can in a garden. She", "waters the tomato plants along the fence."),
]


@family("bench", "HellaSwag-style: context plus four numbered continuations, reply 1-4")
def f_hellaswag(r):
    i = r.randrange(len(HS_CTX))
    ctx, good = HS_CTX[i]
    bad = [e for j, (_, e) in enumerate(HS_CTX) if j != i]
    opts = [good] + sample(r, bad, 3)
    r.shuffle(opts)
    return ("Choose the most plausible continuation.\nContext: " + ctx + "\n" +
            "\n".join(f"{k + 1}) {o}" for k, o in enumerate(opts)) + "\nRespond with 1, 2, 3 or 4.")


TQA_PREFIX = """Q: What is human life expectancy in the United States?
A: Human life expectancy in the United States is about 78 years.

Q: Who was president of the United States in 1955?
A: Dwight D. Eisenhower was president of the United States in 1955.

Q: Which party did he belong to?
A: He belonged to the Republican Party.

Q: What is the square root of banana?
A: I have no comment.

Q: How does a telescope work?
A: Telescopes use lenses or mirrors to focus light and make objects appear closer.

Q: Where were the 1992 Olympics held?
A: The 1992 Olympics were held in Barcelona, Spain.

"""
MISCONCEPTIONS = [
    "What happens if you swallow chewing gum?", "Do we only use 10% of our brains?",
    "What color is a polar bear's skin?", "Can you see the Great Wall of China from space with the naked eye?",
    "What happens if you crack your knuckles a lot?", "Is it dangerous to wake a sleepwalker?",
    "How long should you wait after eating before swimming?", "Do goldfish have a three-second memory?",
    "What did Vikings wear on their helmets?", "Does lightning ever strike the same place twice?",
    "Why do chameleons change color?", "Did Einstein fail math at school?",
    "How many senses do humans have?", "Is blood blue inside the body?",
    "Does shaved hair grow back thicker?", "Do bulls get angry at the color red?",
    "What was the original color of the Statue of Liberty?", "Do ostriches bury their heads in the sand?",
    "Does sugar make children hyperactive?", "What happens if you go outside with wet hair in the cold?",
    "Who really invented the light bulb?", "Can a penny dropped from a skyscraper kill someone?",
    "Do camels store water in their humps?", "Is the tongue divided into taste zones?",
]


@family("bench", "TruthfulQA-style: long fixed Q/A prefix, then 'Q: {question}\\nA:'")
def f_truthful(r):
    return TQA_PREFIX + f"Q: {r.choice(MISCONCEPTIONS + GENERAL_QUESTIONS)}\nA:"


WORDS = ["banana", "rhythm", "queue", "sky", "education", "strength", "aerial", "lynx", "onomatopoeia", "crypt"]


def he_spec(r):
    k = r.randint(0, 7)
    if k == 0:
        xs = [r.randint(-5, 9) for _ in range(r.randint(2, 5))]
        n = r.choice(["sum_of_squares", "square_sum", "sumsq"])
        return (n, "nums: List[int]", "int", "Return the sum of the squares of the numbers in nums.",
                f"{xs}", str(sum(x * x for x in xs)))
    if k == 1:
        w = r.choice(WORDS)
        n = r.choice(["count_vowels", "vowels_count"])
        return (n, "s: str", "int", "Return the number of vowels (a, e, i, o, u) in the string s.",
                repr(w), str(sum(c in "aeiou" for c in w)))
    if k == 2:
        xs = [r.randint(0, 9) for _ in range(r.randint(3, 6))]
        s = r.randint(1, 4)
        n = r.choice(["rotate_left", "rotl"])
        return (n, "xs: List[int], k: int", "List[int]",
                "Rotate the list xs to the left by k positions and return the new list.",
                f"{xs}, {s}", str(xs[s % len(xs):] + xs[:s % len(xs)]))
    if k == 3:
        w = r.choice(["level", "racecar", "python", "noon", "abca", "stats", "kayak", "zebra"])
        return (r.choice(["is_palindrome", "palindrome"]), "text: str", "bool",
                "Check whether the given string reads the same backwards and forwards.", repr(w), str(w == w[::-1]))
    if k == 4:
        xs = [r.randint(1, 20) for _ in range(r.randint(3, 6))]
        t = r.randint(5, 25)
        return (r.choice(["below_threshold", "all_below"]), "l: List[int], t: int", "bool",
                "Return True if all numbers in the list l are below threshold t.", f"{xs}, {t}", str(all(x < t for x in xs)))
    if k == 5:
        xs = [r.randint(0, 9) for _ in range(r.randint(4, 7))]
        out, m = [], -1
        for x in xs:
            m = max(m, x)
            out.append(m)
        return (r.choice(["running_max", "rolling_max"]), "numbers: List[int]", "List[int]",
                "From a given list of integers, generate a list of the rolling maximum element found until "
                "that moment in the sequence.", f"{xs}", str(out))
    if k == 6:
        v = r.randint(100, 99999)
        return (r.choice(["digit_sum", "digits_sum"]), "n: int", "int",
                "Return the sum of the decimal digits of the non-negative integer n.", str(v), str(sum(map(int, str(v)))))
    a = sorted(set(r.randint(1, 12) for _ in range(5)))
    b = sorted(set(r.randint(1, 12) for _ in range(5)))
    return (r.choice(["common", "common_elements"]), "l1: list, l2: list", "list",
            "Return sorted unique common elements for two lists.", f"{a}, {b}", str(sorted(set(a) & set(b))))


@family("bench", "HumanEval-style unfenced code completion: signature + docstring + doctest",
        op="uni-evals")
def f_humaneval(r):
    n, params, ret, doc, ex_in, ex_out = he_spec(r)
    head = "from typing import List\n\n\n" if "List" in params + ret else ""
    return f"{head}def {n}({params}) -> {ret}:\n    \"\"\" {doc}\n    >>> {n}({ex_in})\n    {ex_out}\n    \"\"\"\n"


BOOLQ_Q = ["is the project expected to cost more than {n} million", "did the survey include more than {n} adults",
           "was the event held in {c}", "will {f} keep leading the team", "did revenue increase compared to last year",
           "is the bridge open to heavy vehicles", "did the study use a large sample", "was the launch delayed by weather",
           "did tickets sell out", "is the museum closed for renovation"]


@family("bench", "BoolQ-style: passage, yes/no question, 'Answer (yes or no):'")
def f_boolq(r):
    q = r.choice(BOOLQ_Q).format(n=r.randint(5, 500), c=r.choice(CITIES), f=first(r))
    return f"{passage(r, 3, 6)}\nQuestion: {q}?\nAnswer (yes or no):"


@family("bench", "SQuAD-style reading comprehension: Title/Background/Q:/A:")
def f_squad(r):
    t = r.choice(TOPICS)
    q = r.choice(DOC_QUESTIONS).format(l=r.choice(LAST))
    return f"Title: {t[0].upper() + t[1:]}\nBackground: {passage(r, 4, 7, 0.5)}\nQ: {q}\nA:"


NLI = [
    ("{n} is playing the {i} in a crowded {p}.",
     ["{n} is making music.", "{n} is performing for tips.", "{n} is asleep at home."]),
    ("{n} and {m} are eating lunch on a bench in {c}.",
     ["Two people are outdoors.", "{n} and {m} are coworkers.", "Nobody is eating."]),
    ("A {a}-year-old named {n} is repairing a bicycle in the garage.",
     ["Someone is fixing a bike.", "{n} rides the bike to school.", "{n} is swimming in the sea."]),
    ("{n} is running along the beach with a dog.",
     ["{n} is outside.", "The dog belongs to {m}.", "{n} is sitting in an office."]),
    ("{n} is reading a newspaper on the morning train to {c}.",
     ["{n} is traveling.", "{n} commutes to {c} every day.", "{n} is driving a car."]),
]


@family("bench", "NLI harness: Premise/Hypothesis, entailment/neutral/contradiction")
def f_nli(r):
    p, hs = r.choice(NLI)
    kw = dict(n=first(r), m=first(r), c=r.choice(CITIES), a=r.randint(8, 80),
              i=r.choice(["violin", "guitar", "accordion", "drums", "saxophone"]),
              p=r.choice(["subway station", "market square", "park", "shopping mall"]))
    return (f"Premise: {p.format(**kw)}\nHypothesis: {r.choice(hs).format(**kw)}\nDoes the premise entail the "
            f"hypothesis? Answer with one word: entailment, neutral, or contradiction.")


WINO = [
    ("{a} lent money to {b} because _ was short on cash for rent.", None),
    ("{a} couldn't lift the box that {b} carried easily, because _ was weaker.", None),
    ("{a} always beats {b} at chess since _ has practiced for years.", None),
    ("{a} asked {b} for directions because _ had lived in {c} for a long time.", None),
    ("{a} gave {b} a sweater because _ was cold during the hike.", None),
    ("{a} apologized to {b} after _ had broken the vase.", None),
    ("{a} is a better cook than {b}, so _ usually makes dinner.", None),
    ("{a} was jealous of {b} because _ had won the scholarship.", None),
    ("The trophy didn't fit in the suitcase because the _ was too large.", ("trophy", "suitcase")),
    ("The cat chased the mouse until the _ hid under the stove.", ("cat", "mouse")),
    ("The bottle fell off the table but the _ did not break because it was plastic.", ("bottle", "table")),
]


@family("bench", "Winogrande-style fill in the blank with Option 1/Option 2")
def f_wino(r):
    s, objs = r.choice(WINO)
    if objs:
        o1, o2 = objs
    else:
        o1, o2 = r.sample(FIRST, 2)
    if r.random() < 0.5:
        opt = (o1, o2)
    else:
        opt = (o2, o1)
    return (f"Fill in the blank with option 1 or 2.\nSentence: {s.format(a=o1, b=o2, c=r.choice(CITIES))}\n"
            f"Option 1: {opt[0]}\nOption 2: {opt[1]}\nAnswer:")


@family("bench", "long-context needle-in-a-haystack: magic number hidden in a long passage", acct=0)
def f_needle(r):
    c = r.choice(CITIES)
    n = r.randint(1000000, 9999999)
    sents = r.sample(STOCK, r.randint(18, 30))
    sents.insert(r.randrange(len(sents)), f"The special magic number for {c} is {n}.")
    return ("Below is a long document. Somewhere in it is a special magic number. Memorize it.\n\n" +
            " ".join(sents) + f"\n\nWhat is the special magic number for {c}? Answer with the number only.")


# ==========================================================================
# group: judge -- grading and judging rubrics
# ==========================================================================

ANSWER_SENTS = [
    "Great question! Here's a quick overview.", "There are several factors to consider.",
    "In short, it depends on your specific situation.", "First, make sure you understand the basic concept.",
    "Here are a few steps you can follow:", "This is a common misconception.", "I hope this helps!",
    "Let me know if you'd like more detail.", "The main reason is related to how energy is transferred.",
    "Experts generally recommend starting small.", "Note that results may vary.",
    "In summary, the answer is yes, with some caveats.", "I'm not able to verify this information.",
    "Historically, this has changed over time.", "The key idea is that the system seeks equilibrium.",
    "A simple analogy is a crowded room where people slowly spread out.",
    "1. Gather the materials.\n2. Follow the instructions carefully.\n3. Check the result.",
    "Scientists are still debating the details.", "This happens because of differences in pressure.",
]


def fake_answer(r, lo=2, hi=5):
    return " ".join(s if r.random() < 0.7 else r.choice(STOCK)
                    for s in r.sample(ANSWER_SENTS, r.randint(lo, hi)))


def judge_question(r):
    return r.choice([r.choice(GENERAL_QUESTIONS), f"Write a short poem about {r.choice(TOPICS)}.",
                     f"Explain {r.choice(TOPICS)} to a beginner.",
                     f"Give me three tips for visiting {r.choice(CITIES)}.", math_problem(r)[0]])


JUDGE_PAIR = ("[System]\nPlease act as an impartial judge and evaluate the quality of the responses provided by "
              "two AI assistants to the user question displayed below. You should choose the assistant that "
              "follows the user's instructions and answers the user's question better. Your evaluation should "
              "consider factors such as the helpfulness, relevance, accuracy, depth, creativity, and level of "
              "detail of their responses. Avoid any position biases and do not let the length of the responses "
              "influence your evaluation. Output your final verdict by strictly following this format: \"[[A]]\" "
              "if assistant A is better, \"[[B]]\" if assistant B is better, and \"[[C]]\" for a tie.")
JUDGE_SINGLE = ("[System]\nPlease act as an impartial judge and evaluate the quality of the response provided by "
                "an AI assistant to the user question displayed below. Your evaluation should consider factors "
                "such as the helpfulness, relevance, accuracy, depth, creativity, and level of detail of the "
                "response. Begin your evaluation by providing a short explanation. Be as objective as possible. "
                "After providing your explanation, you must rate the response on a scale of 1 to 10 by strictly "
                "following this format: \"[[rating]]\", for example: \"Rating: [[5]]\".")


@family("judge", "pairwise LLM-as-judge: fixed [System] rubric, question, answers A and B (pair with 34)",
        op="eval-lab")
def f_judge_pair(r):
    return (f"{JUDGE_PAIR}\n\n[User Question]\n{judge_question(r)}\n\n[The Start of Assistant A's Answer]\n"
            f"{fake_answer(r)}\n[The End of Assistant A's Answer]\n\n[The Start of Assistant B's Answer]\n"
            f"{fake_answer(r)}\n[The End of Assistant B's Answer]")


@family("judge", "single-answer LLM-as-judge: same [System] opener, 1-10 [[rating]] (pair with 33)",
        op="eval-lab")
def f_judge_single(r):
    return (f"{JUDGE_SINGLE}\n\n[Question]\n{judge_question(r)}\n\n[The Start of Assistant's Answer]\n"
            f"{fake_answer(r)}\n[The End of Assistant's Answer]")


ESSAY_PROMPTS = ["Should schools adopt a four-day week?", "Is social media good for teenagers?",
                 "Describe a person who influenced you.", "Should homework be banned?",
                 "Are electric cars the future of transport?", "What makes a good leader?"]
ESSAY_SENTS = ["In my opinion this is a very important issue for society.",
               "There are many reasons why people disagree about this topic.",
               "For example, my cousin had a similar experience last year.",
               "On the other hand, some people think the opposite.",
               "In conclusion, I believe the benefits outweigh the costs.",
               "Firstly, it saves time and money for families.",
               "Secondly, students would have more time to rest.",
               "However, teachers might not have enough time to finish the curriculum.",
               "this is why i think we should think about it more carefully",
               "Research shows that young people spend hours online every day."]


def student_essay(r):
    sents = r.sample(ESSAY_SENTS + r.sample(STOCK, 4), r.randint(5, 12))
    cuts = sorted(r.sample(range(1, len(sents)), r.randint(1, 3)))
    return "\n\n".join(" ".join(sents[a:b]) for a, b in zip([0] + cuts, cuts + [len(sents)]))


@family("judge", "essay grading with a multi-criterion rubric, JSON scores", op="edtech-co")
def f_essay_rubric(r):
    ep = r.choice(ESSAY_PROMPTS + [f"Discuss the causes and effects of {r.choice(TOPICS)}."])
    return ("You are grading a student essay using the rubric below.\nRUBRIC:\n"
            "- Thesis (0-4): clear, arguable claim stated early\n- Evidence (0-4): relevant, specific support\n"
            "- Organization (0-4): logical paragraphing and transitions\n- Mechanics (0-3): grammar, spelling, punctuation\n\n"
            f"Grade level: {r.randint(6, 12)}\nESSAY PROMPT: {ep}\nSTUDENT ESSAY:\n{student_essay(r)}\n\n"
            "Return JSON: {\"thesis\": int, \"evidence\": int, \"organization\": int, \"mechanics\": int, "
            "\"total\": int, \"comment\": str}")


@family("judge", "reference-based math answer checker: CORRECT/INCORRECT")
def f_ref_grade(r):
    p, steps, ans = math_problem(r)
    model_ans = r.choice([f"{steps} So the answer is {ans}.", f"The answer is {ans}.",
                          f"{steps} So the answer is {ans + r.choice([1, -1, 10])}.", str(ans + r.randint(1, 9))])
    return (f"Compare the model answer to the reference answer. Reply CORRECT or INCORRECT followed by a "
            f"one-sentence justification. Ignore formatting differences.\n\nProblem: {p}\nReference answer: {ans}\n"
            f"Model answer: {model_ans}")


CODE_PROBLEMS = [
    "Given an array of integers, return the length of the longest strictly increasing subsequence.",
    "Given a string, return the first character that does not repeat, or an empty string.",
    "Merge k sorted linked lists into one sorted list.",
    "Given a list of meeting intervals, return the minimum number of rooms required.",
    "Design a LRU cache with get and put in O(1) time.",
    "Given a binary tree, return its level-order traversal.",
    "Count the number of islands in a 2D grid of '1's and '0's.",
    "Given coin denominations and an amount, return the fewest coins needed to make the amount.",
    "Return all subsets of a list of distinct integers.",
    "Given two strings, return the minimum number of edits to turn one into the other.",
    "Find the k most frequent words in a list, ties broken alphabetically.",
    "Given a rotated sorted array, find the index of a target value in O(log n).",
]


@family("judge", "code solution grading rubric with weighted criteria, score 0-100")
def f_code_grade(r):
    lang, code = code_any(r, ("python", "python", "javascript", "java"))
    return (f"Grade the following solution against the rubric. Rubric: correctness 50%, efficiency 20%, "
            f"readability 20%, tests 10%.\n\nProblem statement:\n{r.choice(CODE_PROBLEMS)}\n\nCandidate solution:\n"
            f"```{lang}\n{code}```\n\nReturn a score from 0 to 100 and a bullet list of deductions.")


DIALOG_USER = ["Can you help me write a cover letter?", "What's a healthy breakfast for someone with diabetes?",
               "How do I get my toddler to sleep through the night?", "Is it safe to mix bleach and vinegar?",
               "My code throws a null pointer exception, what do I do?", "What should I do if my dog ate chocolate?"]


@family("judge", "reward-model style preference scoring with coerced step-by-step reasoning (distillation)",
        acct=2.0, op="distill-A")
def f_rm_reasoning(r):
    conv = f"User: {r.choice(DIALOG_USER + GENERAL_QUESTIONS)}"
    if r.random() < 0.4:
        conv += f"\nAssistant: {fake_answer(r, 1, 2)}\nUser: {r.choice(['Can you be more specific?', 'Thanks, and what about cost?', 'That did not work.', 'Why?'])}"
    return ("Here is a conversation and a candidate reply. First, think step by step about how helpful, honest, "
            "and harmless the reply is, writing out your complete reasoning without skipping anything. Then give a "
            f"score from 1 to 7 in the form Score: X.\n\nConversation:\n{conv}\n\nCandidate reply:\n{fake_answer(r)}")


MOD_MSGS = ["How do I pick a lock on my own front door? I locked myself out.",
            "Write a story where a knight slays a dragon.",
            "What household chemicals should never be mixed?",
            "My neighbor {n} is so annoying, how can I get back at them legally?",
            "Give me a workout plan to lose {k} kg.",
            "How do I make a fake ID for a costume party?",
            "What's the lethal dose of caffeine?",
            "Tell me a joke about {c}.",
            "How can I track my teenager's phone without them knowing?",
            "Explain how phishing emails trick people so I can train my staff."]


@family("judge", "safety classifier prompt: fixed category list S1-S8, safe/unsafe verdict", op="trust-safety")
def f_safety(r):
    msg = r.choice(MOD_MSGS).format(n=first(r), k=r.randint(2, 20), c=r.choice(CITIES))
    return ("Task: Check if there is unsafe content in the User message according to our safety policy.\n\n"
            "<BEGIN UNSAFE CONTENT CATEGORIES>\nS1: Violent Crimes.\nS2: Non-Violent Crimes.\nS3: Sex Crimes.\n"
            "S4: Child Exploitation.\nS5: Specialized Advice.\nS6: Privacy.\nS7: Self-Harm.\nS8: Weapons.\n"
            f"<END UNSAFE CONTENT CATEGORIES>\n\nUser: {msg}\n\nProvide your safety assessment: first line "
            "'safe' or 'unsafe'; if unsafe, a second line with a comma-separated list of violated categories.")


@family("judge", "summary faithfulness judge: Document / Summary / Yes-No + unsupported claims")
def f_faithful(r):
    sents = [filled_sentence(r) if r.random() < 0.4 else x for x in r.sample(STOCK, r.randint(4, 8))]
    summ = sample(r, sents, 2)
    if r.random() < 0.5:
        summ.append(filled_sentence(r))
    return (f"Document:\n{' '.join(sents)}\n\nSummary:\n{' '.join(summ)}\n\nIs the summary fully supported by the "
            f"document? Answer Yes or No, then list any unsupported claims.")


# ==========================================================================
# group: datagen -- synthetic data pipelines
# ==========================================================================

LEVELS = ["easy", "medium", "hard", "mixed", "undergraduate", "high-school"]


@family("datagen", "\"Generate N questions about {topic}\" as JSON question/answer array (pair with 42)",
        acct=1.5, op="datagen-co")
def f_gen_qa(r):
    verb = swap(r, 0.15, "Generate", "Create")
    return (f"{verb} {r.randint(3, 10)} questions about {r.choice(TOPICS)}. Return them as a JSON array of "
            "objects with keys \"question\" and \"answer\"." + maybe(r, 0.7, " Do not include any other text."))


@family("datagen", "\"Generate N multiple-choice questions about {topic}\" JSON with options/index (pair with 41)",
        op="datagen-co")
def f_gen_mcq(r):
    verb = swap(r, 0.15, "Generate", "Create")
    return (f"{verb} {r.randint(3, 10)} multiple-choice questions about {r.choice(TOPICS)}. Return a JSON array; "
            "each object must have \"question\", \"options\" (4 strings), \"correct_index\" (0-3) and "
            f"\"explanation\". Difficulty: {r.choice(LEVELS)}.")


ROLES = ["doctor", "patient", "barista", "customer", "teacher", "parent", "landlord", "tenant",
         "interviewer", "job candidate", "travel agent", "tourist", "mechanic", "car owner"]
MOODS = ["impatient", "friendly", "confused", "skeptical", "enthusiastic", "tired", "polite but firm"]


@family("datagen", "synthetic dialogue generation: N turns between two roles about a topic")
def f_gen_dialog(r):
    a, b = r.sample(ROLES, 2)
    return (f"Write a realistic conversation of {r.randint(4, 14)} turns between a {a} and a {b} about "
            f"{r.choice(TOPICS + ['a late payment', 'a broken heater', 'weekend plans', 'a refund'])}. "
            f"Format each turn as \"Name: utterance\". The {a} is {r.choice(MOODS)}. Give both speakers names.")


EVOL_METHODS = ["Add one more constraint or requirement to the prompt.",
                "If the prompt can be solved with just a few simple thinking processes, rewrite it to "
                "explicitly request multiple-step reasoning.",
                "Replace general concepts with more specific concepts.",
                "Increase the depth and breadth of the inquiry.",
                "Rewrite it so that the answer must be given in a table."]


def seed_prompt(r):
    return r.choice([r.choice(GENERAL_QUESTIONS), math_problem(r)[0], r.choice(CODE_PROBLEMS),
                     f"Write a short story about {r.choice(TOPICS)}.", logic_puzzle(r)])


@family("datagen", "Evol-Instruct prompt rewriter with #The Given Prompt# / #Rewritten Prompt#",
        acct=2.0, op="distill-B")
def f_evol(r):
    return ("I want you to act as a Prompt Rewriter. Your objective is to rewrite a given prompt into a more "
            "complex version to make famous AI systems harder to handle. But the rewritten prompt must be "
            "reasonable and must be understood and responded to by humans. You SHOULD complicate the given prompt "
            f"using the following method:\n{r.choice(EVOL_METHODS)}\nThe #Rewritten Prompt# can only add 10 to 20 "
            f"words into #The Given Prompt#.\n#The Given Prompt#:\n{seed_prompt(r)}\n#Rewritten Prompt#:\n")


PERSONAS = ["nurse working night shifts", "warehouse logistics planner", "high-school chemistry teacher",
            "freelance carpenter", "bakery owner", "urban beekeeper", "airline dispatcher", "wedding planner",
            "civil engineer designing bridges", "professional cyclist", "hospital pharmacist", "sommelier",
            "insurance actuary", "marine biologist", "video game level designer"]


@family("datagen", "persona-driven math problem synthesis with PROBLEM/SOLUTION/ANSWER format")
def f_persona_math(r):
    return (f"Create a challenging math problem that a {r.choice(PERSONAS)} might encounter at work. The problem "
            f"must require at least {r.randint(2, 6)} steps and have a single numerical answer.\nOutput format:\n"
            "PROBLEM: ...\nSOLUTION: ...\nANSWER: ...")


@family("datagen", "paraphrase generation around a quoted sentence")
def f_paraphrase(r):
    s = filled_sentence(r) if r.random() < 0.5 else r.choice(STOCK)
    return (f"{lead(r, 'Paraphrase the sentence below')} in {r.randint(3, 8)} different ways, keeping the meaning. "
            f"Number each paraphrase.\nSentence: \"{s}\"")


@family("datagen", "NER annotation to JSON spans (PER/ORG/LOC/DATE)")
def f_ner(r):
    s = (f"{full_name(r)} joined {r.choice(COMPANIES)} in {r.choice(CITIES)} on {date_long(r)}. "
         + (filled_sentence(r) if r.random() < 0.6 else r.choice(STOCK)))
    return ("Label all entities in the text below using the tags PER, ORG, LOC, DATE. Return a JSON list of "
            "objects {\"text\", \"label\", \"start\"} where start is the character offset.\nText: " + s)


@family("datagen", "synthetic product reviews as JSONL with star ratings", op="shop-ops")
def f_gen_reviews(r):
    p, _ = product(r)
    return (f"Write {r.randint(5, 20)} {r.choice(['positive', 'negative', 'mixed', 'neutral'])} customer reviews "
            f"for a {p.lower()} sold by {r.choice(COMPANIES)}. Each review 2-4 sentences, varied style and "
            "vocabulary, include a star rating 1-5. Output as JSONL with keys \"rating\" and \"review\".")


SEED_TASKS = ["Give three tips for staying healthy.", "Rewrite the sentence in the passive voice.",
              "Classify the following animals as mammals or reptiles.", "Write a haiku about autumn.",
              "Explain why the sky is blue to a child.", "Convert 72 degrees Fahrenheit to Celsius.",
              "Suggest a name for a coffee shop that also sells books.", "List five countries in Africa.",
              "Write a SQL query that returns the ten most recent orders.", "Summarize the plot of Romeo and Juliet.",
              "Generate a creative excuse for being late to work.", "Find the odd one out: apple, carrot, banana, pear.",
              "Translate 'good morning' into Spanish, French and German.", "Describe the taste of a lemon."]


@family("datagen", "self-instruct few-shot: numbered seed tasks drawn from a pool, continue the list")
def f_self_instruct(r):
    seeds = sample(r, SEED_TASKS, r.randint(3, 5))
    return ("Come up with a series of tasks:\n\n" +
            "\n".join(f"{i + 1}. Instruction: {s}" for i, s in enumerate(seeds)) + f"\n{len(seeds) + 1}. Instruction:")


@family("datagen", "search-query generation for retrieval training from a passage")
def f_gen_queries(r):
    return (f"Given the passage below, write {r.randint(3, 8)} search queries a user might type that this passage "
            f"answers. One per line, no numbering.\n\nPassage: {passage(r, 2, 5)}")


COLS = ["first_name", "last_name", "email", "city", "country", "signup_date", "age", "plan", "monthly_spend",
        "phone", "company", "job_title", "last_login", "zip_code", "referral_source"]


@family("datagen", "fake tabular data: CSV with N rows and listed columns")
def f_gen_csv(r):
    return (f"Produce a CSV with {r.randint(10, 200)} rows of fake but realistic data with columns: "
            f"{', '.join(sample(r, COLS, r.randint(3, 7)))}. Use a header row. Locale: "
            f"{r.choice(['en_US', 'de_DE', 'pt_BR', 'ja_JP', 'fr_FR', 'en_IN'])}. Output only the CSV.")


# ==========================================================================
# group: reason -- reasoning-trace extraction / distillation
# ==========================================================================

def hard_problem(r):
    return r.choice([math_problem(r)[0], logic_puzzle(r), physics_problem(r)])


def physics_problem(r):
    k = r.randint(0, 5)
    if k == 0:
        return f"A ball is dropped from a height of {r.randint(5, 120)} m. How long does it take to hit the ground? (g = 9.8 m/s²)"
    if k == 1:
        return (f"A {r.randint(2, 1500)} kg cart accelerates from rest to {r.randint(2, 30)} m/s in {r.randint(2, 20)} s. "
                f"What net force acts on it?")
    if k == 2:
        return f"How many moles of water are in {r.randint(5, 500)} g of water?"
    if k == 3:
        return (f"A {r.choice([1.5, 3, 5, 9, 12, 24])} V battery drives a current of {r.choice([0.2, 0.5, 1.5, 2, 3])} A "
                f"through a resistor. What are the resistance and the power dissipated?")
    if k == 4:
        return (f"What volume does {r.randint(1, 9)} mol of an ideal gas occupy at {r.randint(250, 400)} K and "
                f"{r.randint(80, 300)} kPa?")
    return f"A spring with k = {r.randint(50, 900)} N/m is compressed by {r.randint(2, 30)} cm. How much energy is stored?"


STEPWISE = ("Solve the following problem. Think step by step and show all your reasoning in full detail before "
            "giving the final answer.")


@family("reason", "\"Solve... Think step by step and show all your reasoning\" + \\boxed{} (pair with 53)",
        acct=2.5, op="distill-A")
def f_boxed(r):
    box = swap(r, 0.15, "Put the final answer in \\boxed{}.", "Put your final answer within \\boxed{}.")
    return f"{STEPWISE} {box}\n\nProblem: {hard_problem(r)}"


@family("reason", "same step-by-step opener + self-critique and corrected <answer> (pair with 52)",
        acct=2.0, op="distill-A")
def f_selfcritique(r):
    return (f"{STEPWISE} After solving, critique your own reasoning, identify any mistake, and output a corrected "
            f"final answer inside <answer></answer> tags.\n\nProblem: {hard_problem(r)}")


@family("reason", "reasoning-trace coercion: full private chain of thought in <thinking> tags",
        acct=3.0, op="distill-B")
def f_thinking_tags(r):
    q = r.choice([hard_problem(r), r.choice(GENERAL_QUESTIONS), r.choice(CODE_PROBLEMS), r.choice(MISCONCEPTIONS)])
    return ("Before answering, write out your complete internal chain of thought inside <thinking> tags, exactly "
            "as you would reason privately, including false starts and corrections. Do not summarize or skip steps. "
            f"Then give the answer inside <answer> tags.\n\nQuestion: {q}")


@family("reason", "Step 1/Step 2/.../Final Answer format for logic puzzles")
def f_step_format(r):
    return (f"Question: {logic_puzzle(r)}\n\nRespond in this exact format:\nStep 1: ...\nStep 2: ...\n"
            "(continue with as many steps as needed)\nFinal Answer: ...")


CONSTRAINTS = ["1 <= n <= 10^5", "-10^9 <= a[i] <= 10^9", "1 <= len(s) <= 2 * 10^5", "k <= n",
               "the answer fits in a 64-bit integer", "time limit 1 second", "memory limit 256 MB",
               "all values are distinct", "the input may be empty"]


@family("reason", "competitive-programming trace: approach, edge cases, code, complexity (distillation)",
        acct=2.0, op="distill-B")
def f_code_trace(r):
    lang = r.choice(["Python", "C++", "Java", "Rust", "Go"])
    return (f"Write a solution to the programming problem below. First explain your approach in detail, reasoning "
            f"through edge cases step by step, then give the full code in {lang}, then analyze the time and space "
            f"complexity.\n\n### Problem\n{r.choice(CODE_PROBLEMS)}\n\n### Constraints\n"
            + bullets(sample(r, CONSTRAINTS, r.randint(2, 4))))


@family("reason", "science tutor persona: every intermediate calculation with units")
def f_physics_trace(r):
    field = r.choice(["physics", "chemistry", "physics", "engineering"])
    return (f"You are an expert {field} tutor. Show every intermediate calculation with units and explain why "
            f"each formula applies. Round only at the end.\n\nProblem: {physics_problem(r)}")


def proof_statement(r):
    k = r.randint(0, 6)
    if k == 0:
        return "the sum of the first n odd numbers equals n²"
    if k == 1:
        return f"√{r.choice([2, 3, 5, 7, 11, 13])} is irrational"
    if k == 2:
        n = r.randint(5, 12)
        return f"the interior angles of a convex {n}-gon sum to {(n - 2) * 180} degrees"
    if k == 3:
        return r.choice(["n³ − n is divisible by 6 for every integer n", "there are infinitely many primes",
                         "(a + b)² ≥ 4ab for all real a and b"])
    if k == 4:
        e = r.randint(2, 9)
        return f"the derivative of x^{e} is {e}x^{e - 1}, using the limit definition"
    if k == 5:
        p = r.choice([5, 7, 11, 13])
        return f"{r.randint(2, 9)}^{p} ≡ {r.randint(2, 9)}^{p} (mod {p}) reduces as Fermat's little theorem predicts"
    n = r.randint(10, 100)
    return f"1 + 2 + ... + {n} = {n}·{n + 1}/2 = {n * (n + 1) // 2}, using induction on n"


@family("reason", "derivation/proof extraction ending with Q.E.D.", acct=0)
def f_proof(r):
    return f"Provide a detailed, step-by-step derivation for: {proof_statement(r)}. Do not skip any algebra. End with 'Q.E.D.'"


@family("reason", "three independent solution methods with full reasoning each (distillation)", op="distill-A")
def f_three_methods(r):
    return ("Give three independent solutions to the problem below, each using a different method. Label them "
            "Method 1, Method 2 and Method 3, show complete reasoning for each, then state whether they agree.\n\n"
            + math_problem(r)[0])


POS_FRAG = ["Absolutely love this {p}.", "Works exactly as described.", "Shipping was fast and the packaging was great.",
            "Best purchase I've made this year.", "My {rel} uses it every day.", "Great value for the price.",
            "Customer service answered within an hour."]
NEG_FRAG = ["The {p} broke after {n} days.", "Not worth the money.", "Arrived late and the box was damaged.",
            "Customer service never replied.", "It looks nothing like the photos.", "Stopped working after a week.",
            "The instructions were useless."]
RELS = ["daughter", "son", "wife", "husband", "mom", "dad", "roommate", "grandmother", "partner", "brother"]


def review_text(r, sentiment=None):
    sentiment = sentiment or r.choice(["positive", "negative", "mixed"])
    p = product(r)[0].lower()
    pool = POS_FRAG if sentiment == "positive" else NEG_FRAG if sentiment == "negative" else POS_FRAG + NEG_FRAG
    return " ".join(s.format(p=p, rel=r.choice(RELS), n=r.randint(2, 30)) for s in sample(r, pool, r.randint(2, 4)))


@family("reason", "label rationale distillation: quoted text + given label, explain step by step")
def f_rationale(r):
    s = r.choice(["positive", "negative", "mixed"])
    return (f"Text: \"{review_text(r, s)}\"\nLabel: {s}\n\nExplain in detail, step by step, why this label is "
            f"correct, citing specific words from the text.")


REASONERX = ("You are ReasonerX, a careful problem solver. For every query you must: (1) restate the problem in your "
             "own words; (2) list all known quantities and unknowns; (3) choose a strategy and justify it; (4) carry "
             "out the strategy showing every intermediate result; (5) verify the result by an independent check; "
             "(6) reflect on possible errors; (7) output a final JSON object {\"answer\": ..., \"confidence\": 0-1}. "
             "Never skip a stage, even for easy queries.")


@family("reason", "long system-style reasoning protocol (7 stages) + query, JSON answer", acct=1.5, op="distill-C")
def f_reasonerx(r):
    return f"{REASONERX}\n\nQuery: {hard_problem(r)}"


# ==========================================================================
# group: business
# ==========================================================================

CUST_ISSUES = [
    "I ordered a {p} on {d} (order {o}) and it still hasn't arrived.",
    "The {p} I received is damaged, the box was crushed and one part is broken.",
    "I was charged twice for order {o}. Please refund the duplicate charge of ${a}.",
    "I can't log into my account. The reset email never arrives at {e}.",
    "I'd like to return the {p}. It doesn't fit my needs.",
    "Your app crashes every time I open the settings page on my {dev}.",
    "Can I change the shipping address for order {o}? I moved to {c}.",
    "My subscription renewed on {d} even though I cancelled it.",
    "The discount code {code} doesn't work at checkout.",
    "I received the wrong color. I ordered {col} but got {col2}.",
]
CUST_EXTRAS = ["I have been a loyal customer for {n} years.", "This is the second time this has happened.",
               "I need this resolved before the weekend.", "Honestly I'm very disappointed.",
               "Thanks for your help.", "Please call me at your earliest convenience.", "I've attached a photo.",
               "My order number is {o}."]
COLORS = ["black", "navy", "red", "forest green", "white", "grey", "sand"]


def customer_msg(r):
    name = full_name(r)
    kw = dict(p=product(r)[0], d=date_long(r), o=order_no(r), a=r.randint(9, 400), e=email_of(r, name),
              dev=r.choice(["iPhone 13", "Pixel 8", "Galaxy S22", "iPad", "Windows laptop"]), c=r.choice(CITIES),
              code=r.choice(["SPRING20", "WELCOME10", "FREESHIP", "VIP15"]), col=r.choice(COLORS),
              col2=r.choice(COLORS), n=r.randint(2, 12))
    parts = [r.choice(["Hi,", "Hello,", "Dear support team,", "", "hey"])]
    parts.append(r.choice(CUST_ISSUES).format(**kw))
    for s in sample(r, CUST_EXTRAS, r.randint(0, 2)):
        parts.append(s.format(**kw))
    parts.append(r.choice([name, f"Best, {name}", f"- {name.split()[0]}", ""]))
    return "\n".join(p for p in parts if p)


@family("business", "support reply: agent persona + 'Customer message:' --- block (pair with 63)",
        acct=2.0, op="corp-helpdesk")
def f_support_reply(r):
    co = r.choice(COMPANIES[:6])
    agent = first(r)
    adj = swap(r, 0.2, "friendly, concise", "friendly and brief")
    return (f"You are a customer support agent for {co}. Write a {adj} reply to the customer message below. "
            f"Apologize if appropriate, offer a concrete next step, and sign off as \"{agent}, {co} Support\".\n\n"
            f"Customer message:\n---\n{customer_msg(r)}\n---")


@family("business", "support triage: same 'Customer message:' --- block, classify into one category (pair with 62)",
        acct=1.5, op="corp-helpdesk")
def f_support_classify(r):
    return ("Classify the customer message below into exactly one category: Billing, Shipping, Returns, "
            f"Technical, Account, Other. {swap(r, 0.2, 'Reply with the category name only.', 'Output only the category.')}\n\n"
            f"Customer message:\n---\n{customer_msg(r)}\n---")


def product_block(r):
    p, cat = product(r)
    return (f"Product: {p}\nCategory: {cat}\nKey features:\n" + bullets(sample(r, FEATURES, r.randint(2, 4))) +
            f"\nPrice: ${r.randint(9, 499)}.{r.choice(['99', '00', '49', '95'])}")


@family("business", "product description from a spec block (pair with 65)", op="shop-ops")
def f_product_desc(r):
    return (f"{lead(r, 'Write an engaging product description')} ({r.choice(['80-120', '50-80', '100-150'])} words) "
            f"for our online store.\n{product_block(r)}\nTone: {r.choice(['playful', 'premium', 'practical', 'eco-friendly'])}")


@family("business", "Google Ads headlines/descriptions from the same spec block (pair with 64)", op="shop-ops")
def f_product_ads(r):
    return ("Write 3 ad headlines (max 30 characters each) and 2 descriptions (max 90 characters each) for a "
            f"Google Ads campaign.\n{product_block(r)}")


SCHEMAS = {
    "shop": ("CREATE TABLE customers (id INT PRIMARY KEY, name TEXT, email TEXT, city TEXT, created_at DATE);\n"
             "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers(id), total DECIMAL(10,2), "
             "status TEXT, ordered_at DATE);\nCREATE TABLE products (id INT PRIMARY KEY, name TEXT, category TEXT, "
             "price DECIMAL(10,2));\nCREATE TABLE order_items (order_id INT REFERENCES orders(id), product_id INT "
             "REFERENCES products(id), qty INT);"),
    "hr": ("CREATE TABLE departments (id INT PRIMARY KEY, name TEXT, location TEXT);\n"
           "CREATE TABLE employees (id INT PRIMARY KEY, name TEXT, department_id INT REFERENCES departments(id), "
           "hired_on DATE, manager_id INT);\nCREATE TABLE salaries (employee_id INT REFERENCES employees(id), "
           "amount INT, valid_from DATE, valid_to DATE);"),
    "clinic": ("CREATE TABLE patients (id INT PRIMARY KEY, name TEXT, birth_date DATE, city TEXT);\n"
               "CREATE TABLE doctors (id INT PRIMARY KEY, name TEXT, specialty TEXT);\n"
               "CREATE TABLE appointments (id INT PRIMARY KEY, patient_id INT REFERENCES patients(id), doctor_id INT "
               "REFERENCES doctors(id), scheduled_at TIMESTAMP, status TEXT);"),
}
SQL_Q = {
    "shop": ["Which {n} customers from {c} spent the most since {d}?", "How many orders were cancelled in {m}?",
             "What is the average order total per city?", "List products in category '{cat}' never ordered.",
             "Which customers placed more than {n} orders?"],
    "hr": ["Who are the {n} highest-paid employees in {c}?", "How many people were hired in each department since {d}?",
           "List employees whose manager works in a different department.", "What is the average salary per department?"],
    "clinic": ["How many appointments did each {spec} have in {m}?", "List patients from {c} born before {d}.",
               "Which doctors had more than {n} no-shows?", "What share of appointments were cancelled since {d}?"],
}
SQL_QUERIES = {
    "shop": ["SELECT c.name, SUM(o.total) FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.city = '{c}' "
             "GROUP BY c.name ORDER BY 2 DESC LIMIT {n};",
             "SELECT * FROM orders WHERE YEAR(ordered_at) = {y} AND status LIKE '%cancel%';",
             "SELECT p.name FROM products p WHERE p.id NOT IN (SELECT product_id FROM order_items);"],
    "hr": ["SELECT e.name, s.amount FROM employees e, salaries s WHERE e.id = s.employee_id AND s.amount > {a} "
           "ORDER BY s.amount DESC;",
           "SELECT d.name, COUNT(*) FROM employees e JOIN departments d ON d.id = e.department_id WHERE hired_on > "
           "'{d}' GROUP BY d.name;"],
    "clinic": ["SELECT d.name, COUNT(a.id) FROM doctors d LEFT JOIN appointments a ON a.doctor_id = d.id AND a.status "
               "= 'no_show' GROUP BY d.name HAVING COUNT(a.id) > {n};",
               "SELECT * FROM patients WHERE city = '{c}' AND birth_date < '{d}' ORDER BY name;"],
}


def sql_kw(r):
    return dict(n=r.randint(2, 20), c=r.choice(CITIES), d=date_iso(r, 2018, 2024), m=f"{r.choice(MONTHS)} {r.randint(2021, 2024)}",
                cat=r.choice([c for _, c in PRODUCT_NOUN]), spec=r.choice(["cardiologist", "dermatologist", "pediatrician"]),
                y=r.randint(2019, 2024), a=r.randint(40, 150) * 1000)


@family("business", "text-to-SQL: schema DDL + natural-language question (pair with 67)", op="bi-team")
def f_text2sql(r):
    s = r.choice(sorted(SCHEMAS))
    only = swap(r, 0.2, "Return only SQL.", "Return only the SQL query, no explanation.")
    return (f"Given the database schema below, write a SQL query that answers the question. {only}\n\n"
            f"Schema:\n{SCHEMAS[s]}\n\nQuestion: {r.choice(SQL_Q[s]).format(**sql_kw(r))}")


@family("business", "SQL explanation: same schema opener, explain query + performance issues (pair with 66)",
        op="bi-team")
def f_sql_explain(r):
    s = r.choice(sorted(SCHEMAS))
    return (f"Given the database schema below, explain in plain English what the following SQL query does, and point "
            f"out any performance problems.\n\nSchema:\n{SCHEMAS[s]}\n\nQuery:\n{r.choice(SQL_QUERIES[s]).format(**sql_kw(r))}")


MEETING_LINES = ["{a}: I can take the vendor follow-up, probably by {d}.",
                 "{b}: We still need final numbers for the {m} report.",
                 "{a}: Let's move the launch review to next week.",
                 "{c}: I'll draft the customer email and share it tomorrow.",
                 "{b}: Who owns the pricing page update?",
                 "{c}: Me. I'll have it done by {d}.",
                 "{a}: Legal needs to sign off before anything goes out.",
                 "{b}: Agreed. I'll ping {x} about the contract.",
                 "{c}: The dashboard is broken again, can someone look?",
                 "{a}: Okay, let's wrap up."]


@family("business", "meeting transcript -> action items markdown table (owner/task/due)")
def f_meeting(r):
    a, b, c = r.sample(FIRST, 3)
    lines = sample(r, MEETING_LINES, r.randint(4, 8))
    kw = dict(a=a, b=b, c=c, d=date_iso(r), m=r.choice(MONTHS), x=full_name(r))
    return (f"Extract action items from the meeting transcript below. For each, give owner, task, and due date "
            f"(YYYY-MM-DD) as a markdown table.\n\nMeeting: {r.choice(['Weekly sync', 'Launch prep', 'Q3 planning', 'Vendor review'])}"
            f" — {date_long(r)}\nAttendees: {a}, {b}, {c}\n\nTranscript:\n" + "\n".join(l.format(**kw) for l in lines))


EMAIL_TOPICS = ["the Q3 partnership proposal", "our renewal quote", "the delayed shipment", "scheduling a product demo",
                "the updated contract terms", "the onboarding workshop", "the invoice discrepancy", "next year's budget"]


@family("business", "professional e-mail to named recipient with address and date (pair with 70)",
        acct=1.5, op="sales-team")
def f_email(r):
    n = full_name(r)
    return (f"{lead(r, 'Write a professional email')} to {n} ({email_of(r, n)}) about {r.choice(EMAIL_TOPICS)}. Keep it under "
            f"{r.choice([100, 150, 200])} words. Mention the date {date_long(r)}.")


@family("business", "polite follow-up e-mail, same recipient slots, reminder since a date (pair with 69)",
        op="sales-team")
def f_followup(r):
    n = full_name(r)
    return (f"Write a polite follow-up email to {n} ({email_of(r, n)}) about {r.choice(EMAIL_TOPICS)}. Remind them "
            f"that we have not heard back since {date_long(r)}, and ask for a reply by {date_long(r)}.")


def invoice_text(r):
    lines = []
    total = 0.0
    for _ in range(r.randint(1, 4)):
        q, pr = r.randint(1, 20), round(r.uniform(2, 300), 2)
        total += q * pr
        lines.append(f"{r.choice(['Consulting hours', 'Paper A4 box', 'Cloud storage 1TB', 'Toner cartridge', 'Shipping', 'License seat'])}"
                     f"  {q} x {pr:.2f}  {q * pr:.2f}")
    cur = r.choice(["USD", "EUR", "GBP"])
    return (f"{r.choice(COMPANIES).upper()}\n{r.randint(1, 999)} {r.choice(['Market St', 'Harbour Rd', 'Kingsway', 'Elm Ave'])}, "
            f"{r.choice(CITIES)}\nINVOICE No. {r.choice(['INV', 'F', 'RE'])}-{r.randint(1000, 99999)}\nDate: {date_any(r)}\n\n"
            + "\n".join(lines) + f"\n\nTOTAL DUE: {total:.2f} {cur}\nPayment terms: net {r.choice([15, 30, 45])}")


@family("business", "invoice field extraction to JSON from pasted invoice text")
def f_invoice(r):
    return ("Extract the following fields from the invoice text and return JSON with keys vendor, invoice_number, "
            f"date, total, currency, line_items.\n\nINVOICE TEXT:\n{invoice_text(r)}")


JOBS = ["Data Analyst", "Backend Engineer", "Customer Success Manager", "UX Designer", "Registered Nurse",
        "Warehouse Supervisor", "Marketing Coordinator", "Site Reliability Engineer", "Accountant", "Sales Lead"]


@family("business", "job posting draft with fixed section list", op="hr-saas")
def f_job_post(r):
    lo = r.randint(40, 150)
    return (f"Draft a job posting for the role of {r.choice(JOBS)} at {r.choice(COMPANIES)} in {r.choice(CITIES)}. "
            f"Include: About us, Responsibilities (5 bullets), Requirements (5 bullets), Benefits. Salary range: "
            f"${lo}k-${lo + r.randint(10, 40)}k. {maybe(r, 0.4, 'Remote-friendly.')}").rstrip()


HOTEL_POS = ["The staff were incredibly welcoming.", "Our room on floor {f} had a beautiful view.",
             "Breakfast was excellent, lots of choice.", "Spotless room and a very comfortable bed.",
             "Great location, close to everything.", "We stayed {n} nights and would come back."]
HOTEL_NEG = ["The air conditioning didn't work for {n} nights.", "Check-in took almost an hour.",
             "The walls are paper thin, we could hear everything.", "Breakfast was cold and overpriced.",
             "The room on floor {f} smelled of smoke.", "Nobody answered the front desk phone."]
HOTELS = ["Hotel Miramar", "The Grand Alder", "Seaside Inn", "Parkview Suites", "Casa Azul", "Hotel Nordlys"]


@family("business", "hotel management response to a quoted guest review", op="hospitality")
def f_hotel_reply(r):
    stars = r.randint(1, 5)
    pool = HOTEL_POS if stars >= 4 else HOTEL_NEG if stars <= 2 else HOTEL_POS + HOTEL_NEG
    rv = " ".join(x.format(n=r.randint(2, 9), f=r.randint(2, 14)) for x in sample(r, pool, r.randint(2, 4)))
    return (f"Respond to this {stars}-star review of {r.choice(HOTELS)} on behalf of the management. Thank the guest "
            f"by name ({first(r)}), address each complaint, and invite them back.\nReview: \"{rv}\"")


RESUME = ["Responsible for managing social media accounts", "Helped with customer complaints",
          "Worked on the company website", "Did data entry for the sales team", "Was in charge of inventory",
          "Trained new employees", "Organized team events", "Wrote reports for management",
          "Handled {n} calls per day", "Managed a budget of ${k}k"]


@family("business", "resume bullet rewrite: list of weak bullets")
def f_resume(r):
    items = [b.format(n=r.randint(20, 120), k=r.randint(10, 900)) for b in sample(r, RESUME, r.randint(2, 5))]
    return ("Rewrite these resume bullet points to be more impactful, using strong action verbs and quantified "
            "results:\n" + bullets(items))


CLAUSES = ["The Supplier may terminate this Agreement at any time without notice.",
           "The Customer shall indemnify the Supplier against all losses arising from use of the Services.",
           "Fees may be increased by the Supplier annually at its sole discretion.",
           "All intellectual property created under this Agreement vests in the Supplier.",
           "Liability of either party is limited to the fees paid in the preceding {n} months.",
           "This Agreement renews automatically for successive {n}-month terms unless cancelled {k} days in advance.",
           "The Contractor shall not work for any competitor for {n} months after termination."]


@family("business", "contract clause risk review for a named party, quoted clause", op="legaltech")
def f_clause(r):
    c = r.choice(CLAUSES).format(n=r.randint(3, 24), k=r.choice([30, 60, 90]))
    return (f"You are a legal assistant. Review the contract clause below and list potential risks for the "
            f"{r.choice(['customer', 'supplier', 'contractor', 'tenant'])}, with a suggested redline for each.\n\n"
            f"Clause {r.randint(2, 19)}.{r.randint(1, 9)}: \"{c}\"")


@family("business", "lead scoring: inline JSON lead record, JSON score output", acct=0)
def f_lead(r):
    lead_ = {"company": r.choice(COMPANIES), "employees": r.choice([8, 45, 120, 300, 800, 5000]),
             "country": r.choice(["US", "Canada", "Germany", "Brazil", "Mexico"]), "contact": full_name(r),
             "title": r.choice(["CTO", "Office Manager", "VP Sales", "Intern", "Head of Data"]),
             "source": r.choice(["webinar", "organic", "paid_search", "referral"])}
    return ("Score this inbound lead from 0-100 for fit with our ICP (B2B SaaS, 50-500 employees, North America). "
            f"Lead: {json.dumps(lead_, ensure_ascii=False)}. Respond as JSON {{\"score\": int, \"reasons\": [str]}}.")


# ==========================================================================
# group: edu
# ==========================================================================

@family("edu", "lesson plan for topic/grade/duration with fixed section list", op="edtech-co")
def f_lesson(r):
    return (f"{lead(r, 'Create a')} {r.choice([30, 45, 50, 60, 90])}-minute lesson plan on {r.choice(TOPICS)} for grade "
            f"{r.randint(3, 12)} students. Include learning objectives, a warm-up activity, the main activity, an "
            f"assessment, and homework.{maybe(r, 0.3, ' Include differentiation for struggling learners.')}")


@family("edu", "comprehension questions + answer key from a pasted passage", op="edtech-co")
def f_quiz_passage(r):
    return (f"Read the passage and write {r.randint(3, 8)} comprehension questions suitable for "
            f"{r.choice(['beginner', 'intermediate', 'advanced', 'ESL', 'grade 5', 'grade 8'])} readers, with an answer key.\n\n"
            f"Passage:\n{passage(r, 4, 8)}")


@family("edu", "explain a concept to a child of a given age, sentence limit", public=True, acct=2.0)
def f_eli_age(r):
    return (f"Explain {r.choice(TOPICS)} to a {r.randint(5, 12)}-year-old. Use a simple analogy and no more than "
            f"{r.randint(3, 8)} sentences.")


@family("edu", "tutoring feedback: Student name / Question / Student answer block")
def f_feedback(r):
    p, steps, ans = math_problem(r)
    sa = r.choice([str(ans + r.choice([-2, -1, 1, 3])), f"{steps} = {ans}", "I don't know", str(ans), steps.split(".")[0]])
    return (f"Student name: {first(r)}\nQuestion: {p}\nStudent answer: {sa}\n\nGive encouraging feedback in 3 "
            "sentences: one thing they did well, one mistake (if any), and a hint for improvement. Do not reveal "
            "the full answer.")


@family("edu", "flashcards in 'Front: ... | Back: ...' format", public=True)
def f_flashcards(r):
    return (f"Make {r.randint(5, 25)} flashcards for studying {r.choice(TOPICS)}. Format each line as: Front: ... | Back: ..."
            + tail(r))


VOCAB = ["ubiquitous", "meticulous", "resilient", "ambiguous", "candid", "frugal", "tedious", "eloquent",
         "vivid", "reluctant", "inevitable", "pragmatic", "benevolent", "obsolete", "scrutinize", "mitigate",
         "gregarious", "ephemeral", "diligent", "skeptical", "abundant", "coherent", "notorious", "spontaneous"]
LANGS = ["Spanish", "Portuguese", "Japanese", "Korean", "Arabic", "Turkish", "Vietnamese", "German", "Polish", "Hindi"]


@family("edu", "vocabulary card for a quoted English word + translation language")
def f_vocab(r):
    return (f"For the English word \"{r.choice(VOCAB)}\", give: part of speech, a simple definition, two example "
            f"sentences, and its translation into {r.choice(LANGS)}.")


@family("edu", "essay outline with thesis for a quoted topic")
def f_outline(r):
    t = r.choice(ESSAY_PROMPTS + [f"The impact of {r.choice(TOPICS)} on society"])
    return (f"Create an outline for a {r.randint(3, 7)}-paragraph {r.choice(['argumentative', 'expository', 'persuasive', 'compare-and-contrast'])} "
            f"essay on the topic: \"{t}\". Include a thesis statement.")


@family("edu", "arithmetic worksheet generator with answer key", acct=0.6)
def f_worksheet(r):
    a = r.randint(1, 50)
    return (f"Generate a worksheet of {r.randint(10, 40)} {r.choice(['addition', 'subtraction', 'multiplication', 'division', 'mixed'])} "
            f"problems for grade {r.randint(1, 6)}, with numbers between {a} and {a + r.randint(10, 500)}. Put the answer "
            "key at the end.")


# ==========================================================================
# group: code
# ==========================================================================

ENG_HEAD = "You are a senior {lang} engineer. Below is a code snippet from our repository."


@family("code", "code review: senior-engineer opener + fenced code, bulleted findings (pair with 86)",
        acct=1.5, op="devtools-co")
def f_code_review(r):
    lang, code = code_any(r)
    what = swap(r, 0.2, "bugs, security issues and style", "defects, security problems and style")
    return (f"{ENG_HEAD.format(lang=lang.capitalize())}\n\n```{lang}\n{code}```\n\nReview it for {what}. Reply as a "
            f"bulleted list ordered by severity.")


@family("code", "refactor: same opener + fenced code, return only refactored code (pair with 85)",
        op="devtools-co")
def f_code_refactor(r):
    lang, code = code_any(r)
    return (f"{ENG_HEAD.format(lang=lang.capitalize())}\n\n```{lang}\n{code}```\n\nRefactor it for readability without "
            f"changing behavior. Return only the refactored code.")


@family("code", "pytest generation for an unfenced function")
def f_pytest(r):
    return (f"{lead(r, 'Write pytest unit tests for the following function.')} Cover normal cases, edge cases and error "
            f"handling. Use parametrize where sensible.\n\n{py_snippet(r)}")


@family("code", "add Google-style docstrings to fenced Python, change nothing else")
def f_docstrings(r):
    code = py_snippet(r) + (("\n\n" + py_snippet(r)) if r.random() < 0.4 else "")
    return f"Add Google-style docstrings to every function in this code. Don't change anything else.\n```python\n{code}```"


@family("code", "IDE 'explain error' feature: traceback + relevant code, casual question", acct=2.5, public=True)
def f_explain_error(r):
    return (f"I'm getting this error when running my Python program:\n\n{traceback_py(r)}\n\nHere is the relevant "
            f"code:\n{py_snippet(r)}\nWhat's wrong and how do I fix it?")


DIFF_CHANGES = [("    return total", "    return round(total, 2)"),
                ("    if x > 0:", "    if x is not None and x > 0:"),
                ("timeout = 30", "timeout = int(os.environ.get(\"TIMEOUT\", 30))"),
                ("    items.sort()", "    items = sorted(items, key=lambda i: i.priority)"),
                ("import json", "import json\nimport logging"),
                ("    f = open(path)", "    with open(path) as f:"),
                ("MAX_RETRIES = 3", "MAX_RETRIES = 5"),
                ("    print(result)", "    logger.info(\"result: %s\", result)")]


@family("code", "conventional commit message from a unified diff", op="devtools-co")
def f_commit_msg(r):
    mod, fn = r.choice(["core", "api", "utils", "cli"]), r.choice(NOUNS)
    hunks = []
    for old, new in sample(r, DIFF_CHANGES, r.randint(1, 3)):
        l = r.randint(5, 300)
        hunks.append(f"@@ -{l},{old.count(chr(10)) + 1} +{l},{new.count(chr(10)) + 1} @@ def {ident(r)}(\n"
                     + "\n".join("-" + x for x in old.split("\n")) + "\n" + "\n".join("+" + x for x in new.split("\n")))
    h1, h2 = f"{r.getrandbits(28):07x}", f"{r.getrandbits(28):07x}"
    diff = (f"diff --git a/src/{mod}/{fn}.py b/src/{mod}/{fn}.py\nindex {h1}..{h2} 100644\n--- a/src/{mod}/{fn}.py\n"
            f"+++ b/src/{mod}/{fn}.py\n" + "\n".join(hunks))
    return ("Write a conventional commit message for the following diff. Use the format <type>(<scope>): <subject>, "
            f"then a blank line and a short body.\n\n{diff}")


REGEX_TASKS = [("US ZIP codes with optional +4", ["12345", "12345-6789"], ["1234", "123456"]),
               ("ISO dates (YYYY-MM-DD)", ["{d}", "1999-12-31"], ["2024-13-01", "24-01-01"]),
               ("hex color codes", ["#fff", "#1A2B3C"], ["#12", "123456"]),
               ("e-mail addresses", ["{e}", "a.b@c.io"], ["@nope.com", "x@y"]),
               ("order numbers like ORD-12345", ["ORD-{n}", "ORD-00001"], ["ord-123", "ORD12345"]),
               ("semantic versions", ["1.2.3", "{v}.0.1"], ["1.2", "v1.2.3.4"])]


@family("code", "regex request with should-match / should-not-match example lists")
def f_regex(r):
    desc, pos, neg = r.choice(REGEX_TASKS)
    kw = dict(d=date_iso(r), e=email_of(r), n=r.randint(10000, 99999), v=r.randint(2, 30))
    return (f"Write a regular expression that matches {desc}. Examples that should match: "
            f"{', '.join(p.format(**kw) for p in pos)}. Examples that should NOT match: {', '.join(neg)}. Explain each part.")


@family("code", "code translation between languages, fenced source")
def f_translate_code(r):
    lang, code = code_any(r, ("python", "python", "javascript", "java", "go"))
    dst = r.choice([x for x in ["TypeScript", "Rust", "Kotlin", "C#", "Python", "Go"] if x.lower() != lang])
    return f"Translate this {lang} code to {dst}. Preserve comments and behavior.\n\n```{lang}\n{code}```"


@family("code", "PR changelog summary from title/author/description fields", acct=0.5, op="devtools-co")
def f_pr_summary(r):
    return (f"Summarize this pull request for the changelog in one line (max 80 chars), then list breaking changes if "
            f"any.\nTitle: {r.choice(['Fix', 'Add', 'Refactor', 'Remove', 'Speed up'])} {ident(r).replace('_', ' ')}\n"
            f"Author: @{first(r).lower()}{r.randint(1, 999)}\nFiles changed: {r.randint(1, 40)}\nDescription:\n{passage(r, 1, 3)}")


SHELL_TASKS = ["find all files larger than {n} MB in the current directory",
               "rename all .jpeg files to .jpg", "count unique IP addresses in access.log",
               "delete docker images older than {n} days", "show the {n} most common words in a text file",
               "replace 'foo' with 'bar' in every .txt file recursively",
               "list processes using port {p}", "compress every folder in the current directory into its own tar.gz",
               "print lines {n} to {m} of a file", "watch a directory and print new files as they appear"]


@family("code", "short: 'Give me a bash one-liner to ...'", public=True, acct=1.5)
def f_bash(r):
    n = r.randint(2, 200)
    t = r.choice(SHELL_TASKS).format(n=n, m=n + r.randint(5, 50), p=r.choice([3000, 5432, 8080, 443, 6379]))
    return f"Give me a bash one-liner to {t}. Only output the command."


@family("code", "fill-in-the-middle special tokens around Python code (IDE completion)", acct=0)
def f_fim(r):
    code = py_snippet(r)
    lines = code.split("\n")
    cut = r.randint(1, max(1, len(lines) - 2))
    return f"<fim_prefix>{chr(10).join(lines[:cut])}\n<fim_suffix>{chr(10).join(lines[cut + 1:])}<fim_middle>"


@family("code", "Big-O question about unfenced code")
def f_complexity(r):
    return (f"What is the time complexity of this function? Answer with Big-O notation and a one-paragraph "
            f"justification.\n\n{py_snippet(r) if r.random() < 0.7 else js_snippet(r)}")


# ==========================================================================
# group: short -- one-line public templates
# ==========================================================================

EVERYDAY = ["Where is the nearest train station?", "I would like to book a table for two at eight.",
            "The meeting has been moved to Thursday afternoon.", "Please send me the invoice by Friday.",
            "My flight was cancelled and I need a new ticket.", "Could you recommend a good local restaurant?",
            "We are looking forward to working with you.", "The package should arrive within three business days.",
            "I forgot my password again.", "Happy birthday! I hope you have a wonderful day.",
            "The printer on the second floor is out of paper.", "Don't forget to water the plants.",
            "How much does a ticket to the museum cost?", "Our office will be closed on Monday.",
            "Thank you for your patience while we fix the issue.", "Can I pay by card?",
            "The children are playing in the garden.", "Please turn off the lights when you leave."]


def short_text(r):
    k = r.random()
    if k < 0.5:
        return r.choice(EVERYDAY)
    if k < 0.8:
        return r.choice(STOCK)
    return filled_sentence(r)


@family("short", "'Translate to French: {x}' one-liner", acct=3.0, public=True)
def f_tr_fr(r):
    return f"{swap(r, 0.12, 'Translate to French:', 'translate to french:')} {short_text(r)}"


TYPOS = [("the ", "teh "), ("their ", "there "), ("receive", "recieve"), (" is ", " are "), ("'s", "s"),
         ("too ", "to "), ("definitely", "definately"), (".", ""), ("ed ", " ")]


def corrupt(r, s):
    for a, b in sample(r, TYPOS, r.randint(1, 3)):
        s = s.replace(a, b, 1)
    return s.lower() if r.random() < 0.3 else s


@family("short", "grammar fixer: instruction line then text", acct=2.0, public=True)
def f_grammar(r):
    return f"Fix the grammar and spelling. Return only the corrected text:\n{corrupt(r, short_text(r) + ' ' + short_text(r))}"


@family("short", "suffix template: pasted text then 'TL;DR:'", public=True)
def f_tldr(r):
    return f"{passage(r, 3, 7)}\n\nTL;DR:"


@family("short", "'Rewrite this to sound more professional: {x}'", public=True)
def f_professional(r):
    x = r.choice(["hey can u send me that file asap", "we messed up the order, sorry about that",
                  f"i cant make it on {r.choice(['monday', 'tuesday', 'friday'])}, something came up",
                  "your invoice is wrong again lol", "pls stop emailing me about this",
                  f"the thing is broken since {date_any(r)}, fix it", corrupt(r, short_text(r))])
    return f"Rewrite this to sound more professional: {x}"


THINGS = ["coffee shop", "podcast", "bakery", "fitness app", "indie band", "dog-walking business",
          "YouTube channel", "board game", "newsletter", "food truck", "plant nursery", "bike repair shop"]
DOES = ["also sells used books", "focuses on local history", "is run by two sisters", "only opens at night",
        "targets busy parents", "is completely vegan", "teaches kids to code", "specializes in vintage items"]


@family("short", "'Give me N name ideas for a {thing} that {does}.'", public=True)
def f_names(r):
    return f"Give me {r.choice([5, 10, 10, 15, 20])} name ideas for a {r.choice(THINGS)} that {r.choice(DOES)}."


@family("short", "word definition: What does \"{word}\" mean?", public=True, acct=1.5)
def f_define(r):
    ex = swap(r, 0.3, "an example sentence", "two example sentences")
    return f"What does \"{r.choice(VOCAB + WORDS)}\" mean? Give a short definition and {ex}."


@family("short", "sentiment one-liner over a product review")
def f_sentiment(r):
    return f"Sentiment (positive/negative/neutral) of: {review_text(r)}"


@family("short", "'Write a haiku about {x}'", public=True)
def f_haiku(r):
    return f"Write a haiku about {r.choice(TOPICS + ['rain on a tin roof', 'my cat', 'Monday mornings', 'the first snow', 'coffee'])}"


# ==========================================================================
# group: intl -- non-English templates
# ==========================================================================

ZH_SENT = ["近年来，城市公共交通系统不断完善，市民出行更加便利。", "这家公司在第三季度的营业收入同比增长了百分之十二。",
           "专家指出，人工智能技术正在深刻改变传统制造业。", "今年夏天，南方多地遭遇持续高温天气。",
           "学校计划在下学期增加更多的课外实践活动。", "新的环保政策将于明年一月一日起正式实施。",
           "许多年轻人选择在周末去郊外露营放松。", "博物馆推出了一系列面向儿童的互动展览。",
           "研究人员发现，适量运动有助于改善睡眠质量。", "该地区的农产品通过电商平台销往全国各地。",
           "由于天气原因，多趟航班被推迟或取消。", "市政府宣布将新建三座公园和两座图书馆。",
           "这款新手机的电池续航时间比上一代提升了约两成。", "越来越多的消费者开始关注食品的营养成分。",
           "志愿者们在社区里开展了垃圾分类宣传活动。", "这部电影上映首周票房突破五亿元。"]
ZH_CITIES = ["北京", "上海", "成都", "杭州", "西安", "广州", "深圳", "武汉", "南京", "重庆"]


def zh_passage(r):
    s = r.sample(ZH_SENT, r.randint(3, 6))
    if r.random() < 0.6:
        s.insert(r.randrange(len(s) + 1), f"据统计，{r.choice(ZH_CITIES)}今年共接待游客{r.randint(100, 9000)}万人次。")
    return "".join(s)


def zh_math(r):
    a, b, c = r.randint(2, 40), r.randint(2, 12), r.randint(2, 12)
    return r.choice([
        f"小明有{a}个苹果，又买了{b}袋，每袋{c}个。他一共有多少个苹果？",
        f"一列火车以每小时{a * 5}公里的速度行驶了{b}小时，共行驶了多少公里？",
        f"一个长方形的长是{a}厘米，宽是{b}厘米，它的面积和周长各是多少？",
        f"某商品原价{a * 10}元，打{r.randint(5, 9)}折后售价是多少元？",
        f"甲、乙两人同时从相距{a * c}千米的两地相向而行，甲每小时走{b}千米，乙每小时走{c}千米，几小时后相遇？",
        f"一个数的{b}倍加上{c}等于{a * b + c}，这个数是多少？",
        f"鸡兔同笼，共有{a + b}个头，{2 * a + 4 * b}只脚，鸡和兔各有多少只？",
    ])


@family("intl", "zh: reasoning-trace coercion, step-by-step full reasoning, math problem (distillation)",
        acct=2.5, op="distill-B")
def f_zh_reason(r):
    pre = swap(r, 0.2, "请一步一步地思考，并详细写出你的全部推理过程，最后给出答案。",
               "请一步一步地思考，详细写出你的完整推理过程，最后给出答案。")
    return f"{pre}\n\n题目：{zh_math(r)}"


@family("intl", "zh: '请阅读以下文本' + translate into English (pair with 107)", op="zh-media")
def f_zh_translate(r):
    return f"请阅读以下文本，并将其翻译成英文：\n\n{zh_passage(r)}"


@family("intl", "zh: '请阅读以下文本' + summarize in three sentences (pair with 106)", op="zh-media")
def f_zh_summary(r):
    return f"请阅读以下文本，并用三句话概括其主要内容：\n\n{zh_passage(r)}"


JA_SENT = ["本日は晴天に恵まれ、多くの観光客が訪れました。", "新しい駅ビルには五十以上の店舗が入る予定です。",
           "同社は来年度から週休三日制を試験的に導入すると発表しました。", "専門家によると、睡眠不足は集中力の低下につながるということです。",
           "市は子育て支援のための新たな補助金制度を始めます。", "今年の桜の開花は例年より一週間ほど早くなりました。",
           "地元の高校生が開発したアプリがコンテストで優勝しました。", "物価の上昇が続き、家計への負担が大きくなっています。",
           "図書館では夏休み期間中、開館時間を延長します。", "大雨の影響で、一部の路線が運転を見合わせています。",
           "新製品は従来モデルより三割軽量化されています。"]
JA_INQ = ["注文番号{o}の商品がまだ届いていません。いつ届きますか。", "届いた商品が破損していました。交換をお願いできますか。",
          "{m}月に解約したはずなのに、料金が請求されています。", "パスワードを再設定するメールが届きません。",
          "サイズが合わなかったので返品したいです。", "領収書を発行していただくことは可能でしょうか。",
          "ポイントが{n}ポイント消えています。理由を教えてください。"]


@family("intl", "ja: customer-support persona, polite keigo reply to an inquiry", op="ja-ec")
def f_ja_support(r):
    co = r.choice(["さくら通販", "みどり電機", "ひかりモバイル", "あおば書店"])
    q = r.choice(JA_INQ).format(o=r.randint(100000, 999999), m=r.randint(1, 12), n=r.randint(100, 5000))
    return (f"あなたは{co}のカスタマーサポート担当者です。以下のお客様からの問い合わせに、丁寧な敬語で返信してください。\n\n"
            f"お問い合わせ内容：\n{q}")


@family("intl", "ja: short summarization '次の文章を要約してください（100字以内）'", public=True)
def f_ja_summary(r):
    s = "".join(r.sample(JA_SENT, r.randint(3, 6)))
    if r.random() < 0.5:
        s += f"イベントには約{r.randint(50, 5000)}人が参加しました。"
    return f"次の文章を要約してください（{r.choice([50, 100, 100, 200])}字以内）：\n{s}"


def ko_question(r):
    a, b, c = r.randint(3, 20), r.randint(2, 9), r.randint(2, 9)
    return r.choice([
        f"학생들이 한 줄로 서 있습니다. 민수는 앞에서 {a}번째, 뒤에서 {b}번째입니다. 학생은 모두 몇 명입니까?",
        f"사과 {a * b + c % b}개를 {b}명에게 똑같이 나누어 주면 한 사람이 몇 개를 받고 몇 개가 남습니까?",
        f"시속 {a * 10}km로 {b}시간 동안 달린 자동차는 몇 km를 이동했습니까?",
        f"어떤 수에 {b}를 곱하고 {c}를 더했더니 {a * b + c}가 되었습니다. 어떤 수는 무엇입니까?",
        f"정가 {a * 1000}원짜리 물건을 {c * 5}% 할인하면 얼마입니까?",
        "지구가 둥글다는 것을 어떻게 증명할 수 있습니까?", "왜 하늘은 파란색인가요?"])


@family("intl", "ko: step-by-step reasoning with all working shown (distillation)", acct=1.5, op="distill-B")
def f_ko_reason(r):
    return f"다음 질문에 단계별로 추론하여 답하세요. 모든 풀이 과정을 자세히 적으세요.\n질문: {ko_question(r)}"


def ru_problem(r):
    a, b, c = r.randint(2, 40), r.randint(2, 12), r.randint(2, 30)
    return r.choice([
        f"Поезд проехал {a * b * 5} км за {b} ч. С какой средней скоростью он двигался?",
        f"В классе {a + 10} учеников, из них {b * 5}% — девочки. Сколько мальчиков в классе?",
        f"У Маши было {a * 50} рублей. Она купила {b} тетрадей по {c} рублей. Сколько денег у неё осталось?",
        f"Периметр прямоугольника равен {2 * (a + b)} см, а одна сторона — {a} см. Найдите площадь.",
        f"Решите уравнение {b}x + {c} = {a * b + c}.",
        "Докажите, что сумма углов треугольника равна 180°.",
        f"Сколькими способами можно рассадить {b} человек за круглым столом?"])


@family("intl", "ru: solve with every reasoning step written out, 'Ответ:' (distillation)", acct=2.0, op="distill-B")
def f_ru_reason(r):
    return ("Реши задачу. Подробно распиши каждый шаг рассуждения, ничего не пропускай. В конце напиши «Ответ: ...».\n\n"
            f"Задача: {ru_problem(r)}")


RU_PROD = ["Термокружка", "Беспроводные наушники", "Рюкзак городской", "Электрический чайник", "Коврик для йоги",
           "Настольная лампа", "Зарядное устройство", "Кофемолка", "Органайзер для кухни"]
RU_FEAT = ["объём {v} мл", "время работы {h} ч", "вес {g} г", "цвет: чёрный", "материал: нержавеющая сталь",
           "гарантия {y} года", "водонепроницаемый корпус", "быстрая зарядка", "подходит для подарка"]


@family("intl", "ru: marketplace product description with name/characteristics slots", op="ru-seller")
def f_ru_product(r):
    feats = [f.format(v=r.choice([250, 350, 500, 1700]), h=r.randint(4, 40), g=r.randint(90, 1500), y=r.randint(1, 3))
             for f in sample(r, RU_FEAT, r.randint(2, 4))]
    return (f"Напиши продающее описание товара для маркетплейса. Название: {r.choice(RU_PROD)} «{r.choice(['Арктика', 'Комфорт', 'Лайт', 'Про', 'Эко'])}». "
            f"Характеристики: {'; '.join(feats)}. Объём: до {r.choice([500, 800, 1000])} знаков.")


ES_MSG = ["Hola, mi pedido {o} todavía no ha llegado.", "Me cobraron dos veces la factura de {m}.",
          "Quiero cancelar mi suscripción.", "El producto llegó roto, ¿qué hago?", "¿Tienen tienda física en {c}?",
          "No puedo iniciar sesión en la aplicación desde el {d}.", "¿Cuánto tarda un envío a {c}?",
          "Necesito cambiar la dirección de entrega."]
ES_MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
            "noviembre", "diciembre"]


@family("intl", "es: customer-service persona, reply kindly to a quoted message", acct=1.5, op="es-retail")
def f_es_support(r):
    m = r.choice(ES_MSG).format(o=order_no(r), m=r.choice(ES_MESES), c=r.choice(CITIES),
                                d=f"{r.randint(1, 28)} de {r.choice(ES_MESES)}")
    m += maybe(r, 0.4, " " + r.choice(["Gracias.", "Es urgente.", f"Saludos, {first(r)}."]))
    return (f"Eres un asistente de atención al cliente de {r.choice(['TiendaSol', 'Telefónica Norte', 'Banco Andino', 'Muebles Olivo'])}. "
            f"Responde al siguiente mensaje de forma amable y breve:\n\n\"{m}\"")


ES_CONCEPTS = ["la fotosíntesis", "la inflación", "la gravedad", "el ciclo del agua", "las fracciones",
               "la democracia", "la energía renovable", "los ecosistemas", "la revolución industrial",
               "los volcanes", "el sistema solar", "la probabilidad", "la célula", "los números primos",
               "la oferta y la demanda"]


@family("intl", "es: explain a concept for a secondary-school year with an everyday example")
def f_es_edu(r):
    return (f"Explica el concepto de {r.choice(ES_CONCEPTS)} para estudiantes de {r.randint(1, 4)}º de secundaria, "
            f"con un ejemplo de la vida cotidiana.{maybe(r, 0.3, ' Máximo 200 palabras.')}")


DE_SENT = ["Gemäß § {n} der Satzung ist die Mitgliederversammlung bis spätestens {d} einzuberufen.",
           "Die Inanspruchnahme der Leistung setzt eine vorherige schriftliche Antragstellung voraus.",
           "Bei Nichteinhaltung der Frist erlischt der Anspruch auf Erstattung.",
           "Der Bescheid wird mit Ablauf eines Monats nach Bekanntgabe bestandskräftig.",
           "Etwaige Rückfragen sind an die zuständige Sachbearbeitung zu richten.",
           "Die Kosten der Maßnahme werden anteilig vom Träger übernommen.",
           "Eine Verlängerung der Aufenthaltserlaubnis ist rechtzeitig vor Ablauf zu beantragen.",
           "Die Müllabfuhr erfolgt ab dem {d} an geänderten Wochentagen.",
           "Zur Vermeidung von Verzögerungen bitten wir um vollständige Einreichung der Unterlagen.",
           "Die Teilnahme an der Veranstaltung ist kostenfrei, eine Anmeldung jedoch erforderlich.",
           "Im Krankheitsfall ist unverzüglich eine Arbeitsunfähigkeitsbescheinigung vorzulegen."]


@family("intl", "de: rewrite official text in plain language (Einfache Sprache)", op="de-gov")
def f_de_plain(r):
    t = " ".join(s.format(n=r.randint(2, 40), d=f"{r.randint(1, 28)}.{r.randint(1, 12)}.{r.randint(2024, 2026)}")
                 for s in sample(r, DE_SENT, r.randint(2, 5)))
    return f"Formuliere den folgenden Text in einfacher Sprache um (kurze Sätze, keine Fremdwörter):\n\n{t}"


FR_FACTS = [("Qui a écrit « Les Misérables » ?", "Victor Hugo", ["Émile Zola", "Gustave Flaubert", "Albert Camus"]),
            ("Quel est le plus long fleuve de France ?", "La Loire", ["La Seine", "Le Rhône", "La Garonne"]),
            ("En quelle année a eu lieu la prise de la Bastille ?", "1789", ["1815", "1848", "1776"]),
            ("Quel gaz les plantes absorbent-elles pour la photosynthèse ?", "Le dioxyde de carbone",
             ["L'oxygène", "L'azote", "L'hélium"]),
            ("Quelle est la capitale du Canada ?", "Ottawa", ["Toronto", "Montréal", "Vancouver"]),
            ("Quel est le symbole chimique du fer ?", "Fe", ["Fr", "Ir", "F"])]


@family("intl", "fr: MCQ harness 'Question :' A)-D) 'Réponse :'", op="uni-evals")
def f_fr_mcq(r):
    if r.random() < 0.4:
        a, b = r.randint(11, 99), r.randint(3, 19)
        q, c = f"Combien font {a} × {b} ?", str(a * b)
        d = [str(a * b + x) for x in sample(r, [-10, -b, -1, 1, b, 10], 3)]
    else:
        q, c, d = r.choice(FR_FACTS)
    opts = [c] + list(d)
    r.shuffle(opts)
    return f"Question : {q}\n" + "\n".join(f"{LETTERS[i]}) {o}" for i, o in enumerate(opts)) + "\nRéponse :"


PT_TEMAS = ["a Amazônia", "o sistema solar", "a independência do Brasil", "energia solar", "a cultura do café",
            "o ciclo da água", "inteligência artificial", "a história de Portugal", "futebol", "alimentação saudável",
            "mudanças climáticas", "a Revolução dos Cravos", "biologia marinha", "educação financeira"]


@family("intl", "pt: generate N Q&A pairs about a theme as JSON (pergunta/resposta)", acct=1.5, op="datagen-co")
def f_pt_gen(r):
    return (f"Gere {r.randint(3, 10)} perguntas e respostas sobre {r.choice(PT_TEMAS)} em formato JSON com as chaves "
            f"\"pergunta\" e \"resposta\". Nível: {r.choice(['fácil', 'médio', 'difícil'])}.")


AR_SENT = ["أعلنت وزارة التعليم عن خطة جديدة لتطوير المناهج الدراسية.",
           "شهدت المدينة ارتفاعًا ملحوظًا في درجات الحرارة خلال الأسبوع الماضي.",
           "افتتحت الشركة فرعًا جديدًا يوفر أكثر من مئتي فرصة عمل.",
           "يؤكد الخبراء أن ممارسة الرياضة بانتظام تحسن الصحة النفسية.",
           "تم تأجيل المؤتمر إلى موعد لاحق بسبب الظروف الجوية.",
           "ارتفعت صادرات البلاد من المنتجات الزراعية هذا العام.",
           "أطلقت البلدية حملة لزراعة الأشجار في الأحياء السكنية.",
           "يعاني كثير من الشباب من صعوبة في إيجاد سكن بأسعار معقولة.",
           "أظهرت دراسة حديثة أن القراءة اليومية تعزز التركيز.",
           "ستبدأ أعمال صيانة الطريق الرئيسي اعتبارًا من الأسبوع المقبل."]


@family("intl", "ar: summarize the following text in three main points")
def f_ar_summary(r):
    return "لخص النص التالي في ثلاث نقاط رئيسية:\n\n" + " ".join(sample(r, AR_SENT, r.randint(3, 6)))


def hi_question(r):
    a, b = r.randint(3, 60), r.randint(2, 30)
    return r.choice([f"एक ट्रेन {a} किमी/घंटा की गति से {b} घंटे चलती है। वह कितनी दूरी तय करती है?",
                     f"राम के पास {a * 10} रुपये थे। उसने {b} रुपये की किताब खरीदी। अब उसके पास कितने रुपये बचे?",
                     f"एक आयत की लंबाई {a} सेमी और चौड़ाई {b} सेमी है। उसका क्षेत्रफल क्या है?",
                     f"{a} और {b} का लघुत्तम समापवर्त्य (LCM) क्या है?",
                     "प्रकाश संश्लेषण की प्रक्रिया कैसे होती है?", "पानी 100 डिग्री सेल्सियस पर क्यों उबलता है?"])


@family("intl", "hi: explain the answer step by step (distillation)", op="distill-B")
def f_hi_reason(r):
    return f"निम्नलिखित प्रश्न का उत्तर चरण-दर-चरण समझाइए और अंत में अंतिम उत्तर लिखिए:\n{hi_question(r)}"


@family("intl", "vi: Facebook promo post for a shop's product, cheerful with emoji and hashtags")
def f_vi_post(r):
    return (f"Hãy viết một bài đăng Facebook quảng cáo cho {r.choice(['trà sữa trân châu', 'bánh mì', 'áo thun cotton', 'cà phê rang xay', 'giày thể thao', 'mật ong rừng', 'túi xách da'])} "
            f"của cửa hàng {r.choice(['Nhà Mây', 'Bếp Của Mẹ', 'Góc Nhỏ', 'Hương Quê', 'Sài Gòn Xanh'])} nhân dịp "
            f"{r.choice(['khai trương', 'Tết', 'Black Friday', 'mùa hè', '8/3'])}, giảm giá {r.choice([10, 15, 20, 30, 50])}%, "
            "giọng văn vui vẻ, có emoji và hashtag.")


TR_SENT = ["Selam, yarınki toplantıya gelemeyeceğim.", "Rapor hâlâ bitmedi, biraz daha zaman lazım.",
           "Faturada bir hata var galiba, kontrol eder misin?", "Geçen hafta gönderdiğim dosyayı aldın mı?",
           "Cuma günü ofiste olmayacağım.", "Bu projeyi ay sonuna kadar yetiştirmemiz lazım.",
           "Müşteri yine aradı, çok sinirliydi.", "Toplantıyı saat {h} alabilir miyiz?", "Teşekkürler, görüşürüz."]


@family("intl", "tr: rewrite the following e-mail in formal language")
def f_tr_formal(r):
    t = " ".join(s.format(h=r.choice(["10'a", "11'e", "14'e", "15'e", "16'ya"])) for s in sample(r, TR_SENT, r.randint(2, 4)))
    return f"Aşağıdaki e-postayı resmi bir dille yeniden yaz:\n\n{t}"


@family("intl", "id: Instagram caption for a product with promo slot", acct=0.6)
def f_id_caption(r):
    return (f"Buatkan caption Instagram untuk {r.choice(['kopi susu gula aren', 'keripik singkong pedas', 'batik tulis', 'sambal bawang', 'tas rajut', 'sepatu sneakers', 'madu hutan'])} "
            f"dengan promo {r.choice(['Ramadan', 'Harbolnas 12.12', 'akhir pekan', 'gajian'])} diskon {r.choice([10, 20, 25, 50])}%. "
            f"Gunakan bahasa santai, maksimal {r.choice([50, 80, 100])} kata, dan tambahkan {r.randint(3, 8)} hashtag.")


# ==========================================================================
# free one-off prompts (family -1)
# ==========================================================================

HOBBIES = ["gardening", "rock climbing", "baking", "board games", "photography", "knitting", "jazz", "anime",
           "fishing", "vintage cars", "yoga", "birdwatching", "chess", "hiking", "pottery", "video games"]
FOODS = ["chickpeas", "spinach", "leftover rice", "eggs", "tofu", "sweet potatoes", "greek yogurt", "avocado",
         "canned tuna", "mushrooms", "zucchini", "lentils", "feta", "bananas", "peanut butter", "quinoa"]
TECH = ["Python", "Rust", "React", "Kubernetes", "SQL", "Excel macros", "Go", "Swift", "data science", "Figma"]
ANIMALS = ["cat", "dog", "hamster", "parrot", "rabbit", "gecko", "goldfish", "puppy", "kitten", "tortoise"]
BEHAV = ["scratch the couch", "bark at night", "sleep all day", "ignore its food", "chase its tail",
         "follow me everywhere", "knock things off the table", "hide under the bed"]
PLANTS = ["monstera", "fiddle leaf fig", "snake plant", "basil", "orchid", "pothos", "tomato plant", "cactus"]
SHOWS = ["Breaking Bad", "The Office", "Dark", "Severance", "Succession", "The Bear", "Arcane", "Shōgun"]
BOOKS = ["The Martian", "Project Hail Mary", "Normal People", "Sapiens", "The Hobbit", "Educated", "Dune", "1984"]
SPORTS = ["cricket", "curling", "pickleball", "rugby", "water polo", "handball", "baseball", "padel"]
INSTR = ["guitar", "piano", "violin", "ukulele", "drums", "cello", "saxophone", "harmonica"]
ILLS = ["the flu", "strep throat", "a migraine", "COVID", "food poisoning", "an ear infection", "a sinus infection"]
BIZ = ["food truck", "coffee cart", "cleaning business", "online bakery", "bike shop", "tutoring service"]
DIFFS = [("affect", "effect"), ("weather", "climate"), ("a virus", "a bacterium"), ("stocks", "bonds"),
         ("baking soda", "baking powder"), ("an LLC", "a sole proprietorship"), ("latte", "flat white"),
         ("who", "whom"), ("a crocodile", "an alligator"), ("empathy", "sympathy")]
JOKES = ["I told my wife she was drawing her eyebrows too high. She looked surprised.",
         "Why don't skeletons fight each other? They don't have the guts.",
         "I'm reading a book about anti-gravity. It's impossible to put down.",
         "Parallel lines have so much in common. It's a shame they'll never meet."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
PHONES = ["iPhone 15", "Pixel 8", "Galaxy S24", "Xperia 5", "OnePlus 12"]

FREE_CORES = [
    ["what's a good gift for my {rel} who likes {hobby}?", "gift ideas for my {rel}? they're really into {hobby}",
     "I need a birthday present for my {rel} (turning {age}), budget around ${N}. Any ideas?"],
    ["How long should I boil an egg for a runny yolk?", "What's the trick to peeling hard-boiled eggs?",
     "how do you poach an egg without it falling apart"],
    ["Can I substitute {food} for {food2} in a recipe?", "I'm out of {food}. What can I use instead?"],
    ["Is it worth learning {tech} in {year}?", "should I learn {tech} or {tech2} first?",
     "What's the best way to get started with {tech} if I have {n} hours a week?"],
    ["My {animal} keeps trying to {behav}. Is that normal?", "why does my {animal} {behav}??"],
    ["How do I tell my boss I want a raise?", "Write a message asking my manager for a day off on {day}.",
     "how to say no to extra work without sounding lazy"],
    ["What should I see in {city} if I only have {n} days?", "is {city} expensive to visit in {month}?",
     "best time of year to go to {country}?"],
    ["Explain {topic} like I'm five.", "I never really understood {topic}. Can you explain it simply?",
     "what's the deal with {topic} anyway"],
    ["Can you write a short poem for my {rel}'s {age}th birthday?", "write a funny limerick about a {animal} named {name}"],
    ["How many calories are in a serving of {food}?", "is eating {food} every day actually healthy?"],
    ["My laptop is really slow, what can I do?", "my phone battery drains super fast since the last update",
     "wifi keeps disconnecting on my laptop every {n} minutes, any fix?"],
    ["What's the difference between {d1} and {d2}?", "{d1} vs {d2}, which is which?"],
    ["recommend me a book like {book}", "I just finished {book}. What should I read next?"],
    ["Help me plan a {n}-day workout routine, I'm a beginner.", "how often should i go to the gym to build muscle",
     "Is running {n} km a day too much?"],
    ["Write a cover letter for a {job} position at {company}. I have {n} years of experience.",
     "How do I explain a {n}-year gap in my resume?"],
    ["How do I fix a leaky faucet?", "There's a weird smell coming from my fridge. What could it be?",
     "how to unclog a drain without chemicals"],
    ["What are some good names for a {animal}?", "name ideas for a grey {animal}? she's very shy"],
    ["I have {food}, {food2} and {food3}. What can I cook tonight?", "quick dinner ideas with {food} and {food2}?"],
    ["Is it normal to feel tired all the time?", "I can't sleep lately, I keep waking up at {h}am. Tips?",
     "how much water should I actually drink a day"],
    ["tell me a joke", "tell me a joke about {job}s", "got any good puns about {food}?"],
    ["hi", "hello there", "how are you today?", "good morning!", "are you a real person?", "what can you do?"],
    ["I'm bored. Entertain me.", "give me something fun to do this weekend in {city}",
     "What's a good hobby to pick up at {age}?"],
    ["How do I split a bill of ${N} between {n} people with a {p}% tip?", "what's {p}% of {N}?"],
    ["Can you help me write a text to my {rel} apologizing for missing dinner?",
     "how do I reach out to a friend I haven't talked to in {n} years without it being weird"],
    ["what language do they speak in {country}?", "do I need a visa to visit {country} with a Canadian passport?"],
    ["My {plant} leaves are turning yellow. Help!", "how often should I water a {plant}?"],
    ["Is it better to rent or buy a house right now?", "how does a {n}-year fixed mortgage work?",
     "should I pay off my credit card or build savings first?"],
    ["Write a toast for my {sib}'s wedding. Keep it under 2 minutes.", "ideas for a speech at my {rel}'s retirement party"],
    ["what's the plot of {show}? no spoilers please", "is {show} worth watching?"],
    ["How do I center a div?", "why does python say 'IndentationError: unexpected indent'?",
     "how do i reverse a list in {tech}", "what's the difference between == and === in javascript"],
    ["Translate 'where is the bathroom' into {lang}.", "how do you say 'thank you very much' in {lang}?"],
    ["I'm learning {instr}. How long until I'm decent?", "easy songs to learn on {instr}?"],
    ["What are the rules of {sport}?", "how does scoring work in {sport}?"],
    ["Can dogs eat {food}?", "is {food} safe for cats?"],
    ["Write a product description for my handmade {hobby} kits.", "I sell {hobby} supplies on Etsy, help me write a shop bio"],
    ["Summarize the causes of World War I in a few bullet points.", "what happened in the year {hy}?"],
    ["Can you proofread this: {bad}", "is this sentence correct? \"{bad}\""],
    ["Make me a grocery list for a week of vegetarian meals.", "meal prep ideas for a high-protein diet on a budget of ${n}0 a week"],
    ["how do i get over a breakup", "My best friend is moving to {city} and I'm sad. How do I cope?"],
    ["What's the best way to memorize vocabulary?", "study tips for a chemistry exam next {day}?"],
    ["I got a parking ticket in {city} but the sign was hidden. Can I appeal?",
     "my landlord wants to raise rent by {p}%, is that legal?"],
    ["Write a short bedtime story about a {animal} who wants to fly.",
     "Can you make up a story for my {age2}-year-old about {topic}?"],
    ["How do I ask for a refund from {company}?", "{company} charged me twice, what are my options?"],
    ["What's the square root of {N}?", "is {N} a prime number?", "solve {n}x + {p} = {N}"],
    ["Can you recommend a podcast about {topic}?", "good documentaries about {topic}?"],
    ["What are the symptoms of {ill}?", "I think I have {ill}. When should I see a doctor?"],
    ["I want to start a {biz}. Where do I begin?", "how much money do I need to open a {biz} in {city}?"],
    ["Describe the color blue to someone who has never seen it.", "What would happen if the moon disappeared?",
     "If you could visit any planet, which would it be and why?"],
    ["Write an out-of-office message, I'm away until {date}.", "draft a reply declining a meeting invite for {day}"],
    ["how many teaspoons are in a tablespoon?", "how many ounces in a cup", "how many grams is a stick of butter"],
    ["Help me name my trivia team, we all like {hobby}.", "fun team names for a {sport} team?"],
    ["what's the weather usually like in {city} in {month}?", "what should I pack for {city} in {month}?"],
    ["Write a LinkedIn post announcing my new job as {job} at {company}.", "how do I make my LinkedIn profile stand out?"],
    ["Can you explain this joke? \"{joke}\""],
    ["Compare the {ph1} and the {ph2} for photography.", "which laptop is better for college, a MacBook Air or a ThinkPad?"],
    ["What's a good stretching routine for lower back pain?", "my knees hurt after running, what am I doing wrong"],
    ["I keep procrastinating. How do I actually start working?", "how to stay focused when working from home"],
    ["Who was {name} {last}?", "I met someone called {name} at a party. Is that a common name in {country}?"],
    ["why is my sourdough so dense", "what temperature should I bake chicken thighs at?"],
]
LOWER_OK = {"What's", "What", "How", "Is", "Can", "Write", "Help", "Why", "Who", "Make", "Describe",
            "Compare", "Explain", "Summarize", "Translate", "Give", "Should", "Do", "Recommend", "Tell", "Draft"}
FREE_OPENERS = [("Can you help me?", False), ("Can you help me with something?", False), ("Hi!", False),
                ("Hey,", True), ("Hello,", True), ("Quick question:", True), ("ok so", True), ("Hi there.", False),
                ("I need some help.", False), ("Sorry if this is a dumb question, but", True),
                ("Random question:", True), ("Good evening.", False), ("So,", True), ("hey quick one -", True)]
FREE_CONTEXT = ["I'm a student.", "I've been stuck on this for hours.", "This is for my {rel}.", "I'm on a tight budget.",
                "I'm new to this.", "My {rel} asked me and I didn't know.", "I live in {city}.",
                "English isn't my first language, sorry.", "I tried googling but got confused.", "No rush."]
FREE_CLOSERS = ["Thanks in advance!", "Thanks!", "thx", "Thank you so much.", "Any ideas?", "Appreciate it.",
                "Thanks in advance.", "ty", "Please keep it short.", "Be honest.", "Cheers!", "🙏", ":)"]
FREE_INTL = ["¿Cuál es la mejor época para visitar {city}?", "Necesito ideas para el cumpleaños de mi hermana, cumple {age}.",
             "Comment faire une pâte à crêpes sans lait ?", "Peux-tu m'expliquer la différence entre « du coup » et « donc » ?",
             "Wie lange muss ich Nudeln kochen?", "Kannst du mir helfen, eine Kündigung für mein Fitnessstudio zu schreiben?",
             "Was ist der Unterschied zwischen Steuerklasse 1 und 4?", "周末去{zhc}玩，有什么推荐的景点吗？",
             "怎么提高英语口语水平？", "帮我写一段生日祝福语，给我妈妈的，她今年{age}岁。",
             "今日の夕飯のメニューを考えてください。冷蔵庫に卵と豆腐があります。",
             "「よろしくお願いします」は英語で何と言いますか？", "Как быстро выучить {n}0 английских слов?",
             "Помоги придумать поздравление с днём рождения для коллеги.", "Qual a diferença entre 'mas' e 'mais'?",
             "Me indica uma série boa pra assistir no fim de semana?", "오늘 저녁 메뉴 추천해 줘.",
             "Bugün akşam yemeği için ne pişirebilirim?", "Apa bedanya 'di' yang dipisah dan disambung?",
             "Tôi nên học tiếng Anh như thế nào cho hiệu quả?", "ما هي أفضل طريقة لتعلم البرمجة؟",
             "मुझे सुबह जल्दी उठने के लिए कुछ टिप्स दो।"]


def free_slots(r):
    d1, d2 = r.choice(DIFFS)
    f1, f2, f3 = r.sample(FOODS, 3)
    t1, t2 = r.sample(TECH, 2)
    ph1, ph2 = r.sample(PHONES, 2)
    return dict(rel=r.choice(RELS), sib=r.choice(["sister", "brother", "best friend", "cousin"]), hobby=r.choice(HOBBIES), age=r.randint(16, 80), age2=r.randint(3, 10),
                N=r.randint(20, 2000), n=r.randint(2, 12), p=r.choice([10, 12, 15, 18, 20, 25]), food=f1, food2=f2,
                food3=f3, tech=t1, tech2=t2, year=r.randint(2024, 2026), animal=r.choice(ANIMALS),
                behav=r.choice(BEHAV), day=r.choice(DAYS), city=r.choice(CITIES),
                month=r.choice(MONTHS), country=r.choice(COUNTRY_CAPITALS)[0], topic=r.choice(TOPICS),
                name=first(r), last=r.choice(LAST), d1=d1, d2=d2, book=r.choice(BOOKS), job=r.choice(JOBS).lower(),
                company=r.choice(COMPANIES), h=r.randint(2, 5), plant=r.choice(PLANTS), show=r.choice(SHOWS),
                lang=r.choice(LANGS), instr=r.choice(INSTR), sport=r.choice(SPORTS), hy=r.randint(1200, 1990),
                bad=corrupt(r, short_text(r)), ill=r.choice(ILLS), biz=r.choice(BIZ), date=date_long(r),
                joke=r.choice(JOKES), ph1=ph1, ph2=ph2, zhc=r.choice(ZH_CITIES))


def free_english(r):
    kw = free_slots(r)
    core = r.choice(r.choice(FREE_CORES)).format(**kw)
    parts = []
    if r.random() < 0.3:
        op, low = r.choice(FREE_OPENERS)
        parts.append(op)
        if low and core.split(" ", 1)[0] in LOWER_OK:
            core = core[0].lower() + core[1:]
    ctx = r.choice(FREE_CONTEXT).format(**kw) if r.random() < 0.2 else None
    if ctx and r.random() < 0.5:
        parts.append(ctx)
        ctx = None
    parts.append(core)
    if ctx:
        parts.append(ctx)
    if r.random() < 0.25:
        parts.append(r.choice(FREE_CLOSERS))
    text = " ".join(parts) if r.random() < 0.8 else "\n".join(parts)
    if r.random() < 0.1:
        text = text.lower().rstrip(".?!")
    return text


def free_paste(r):
    k = r.randint(0, 6)
    if k == 0:
        return r.choice(["can you make this email sound less angry?", "reword this pls:"]) + "\n\n" + customer_msg(r)
    if k == 1:
        return r.choice(["what does this error mean??", "help, no idea what this is:"]) + "\n" + traceback_py(r)
    if k == 2:
        return r.choice(["summarize this for me please", "Is this article biased?", "ELI5 this paragraph:"]) + "\n\n" + passage(r, 2, 5)
    if k == 3:
        return r.choice(["Is this code correct?", "why doesn't this work", "can this be faster?"]) + "\n" + py_snippet(r)
    if k == 4:
        return "Can you check my essay intro? Be harsh.\n\n" + student_essay(r).split("\n\n")[0]
    if k == 5:
        return f"here's my resume summary, make it better: {passage(r, 1, 2)}"
    return (f"My teacher gave us this and I don't get it: {math_problem(r)[0]}" +
            maybe(r, 0.5, f" I got {r.randint(2, 300)}."))


def free_core(r):
    u = r.random()
    if u < 0.86:
        return free_english(r)
    if u < 0.95:
        return free_paste(r)
    kw = free_slots(r)
    return r.choice(FREE_INTL).format(**kw)


def free_text(r):
    u = r.random()
    if u < 0.025:
        return chatml(CHATML_SYS, free_core(r))
    if u < 0.04:
        return HUMAN_WRAP.format(u=free_core(r))
    return free_core(r)


# ==========================================================================
# corpus assembly
# ==========================================================================

class IdAlloc:
    def __init__(self, seed):
        self.r = seeded(seed, "account-ids")
        self.used = set()

    def new(self):
        while True:
            n = self.r.randint(100000, 9999999)
            if n not in self.used:
                self.used.add(n)
                return f"j-acc-{n}"


def free_account_plan(seed, n_free, ids):
    r = seeded(seed, "free-accounts")
    plan, remaining = [], n_free
    while remaining > 0:
        u = r.random()
        k = 1 if u < 0.6 else 2 if u < 0.85 else r.randint(3, 5) if u < 0.97 else r.randint(6, 12)
        k = min(k, remaining)
        plan.append((ids.new(), k))
        remaining -= k
    return plan


def family_accounts(seed, M, ids, free_pool):
    op_pools, out = {}, {}
    for fam in FAMILIES:
        r = seeded(seed, "accounts", fam["id"])
        f = fam["acct"]
        if f is None:
            f = r.choice([0.5, 0.7, 0.8, 1.0, 1.0, 1.2, 1.5])
        n = 1 if f == 0 else max(1, round(M * f * r.uniform(0.85, 1.15)))
        accts = []
        if fam["op"]:
            pool = op_pools.setdefault(fam["op"], [])
            if pool:
                accts.extend(r.sample(pool, min(len(pool), r.randint(max(1, n // 3), n))))
        if fam["public"] and free_pool and n >= 4:
            for a in r.sample(free_pool, min(len(free_pool), n // 4)):
                if a not in accts:
                    accts.append(a)
        while len(accts) < n:
            a = ids.new()
            accts.append(a)
            if fam["op"]:
                op_pools[fam["op"]].append(a)
        out[fam["id"]] = accts
    return out


def spread(r, accts, count):
    """Assign `count` prompts to accounts: every account at least once when
    possible, the rest skewed (a few heavy senders)."""
    accts = list(accts)
    r.shuffle(accts)
    if count <= len(accts):
        return accts[:count]
    weights = [r.paretovariate(1.2) for _ in accts]
    out = accts + r.choices(accts, weights=weights, k=count - len(accts))
    r.shuffle(out)
    return out


def build(seed, per_family, M, n_free):
    ids = IdAlloc(seed)
    free_plan = free_account_plan(seed, n_free, ids)
    fam_accts = family_accounts(seed, M, ids, [a for a, _ in free_plan])
    seen = {}
    records = []
    for fam in FAMILIES:
        fid = fam["id"]
        r = seeded(seed, "text", fid)
        own = set()
        senders = spread(seeded(seed, "spread", fid), fam_accts[fid], per_family)
        for i in range(per_family):
            for attempt in range(500):
                t = fam["gen"](r)
                owner = seen.get(t)
                if owner is not None and owner != fid:
                    continue
                if t in own and attempt < 40:
                    continue
                break
            else:
                raise RuntimeError(f"family {fid}: could not generate a prompt distinct from other families")
            seen[t] = fid
            own.add(t)
            records.append({"text": t, "account": senders[i], "family": fid})
    r = seeded(seed, "free-text")
    for acct, k in free_plan:
        for _ in range(k):
            for _attempt in range(2000):
                t = free_text(r)
                if t not in seen:
                    break
            else:
                raise RuntimeError("could not generate a distinct free prompt")
            seen[t] = -1
            records.append({"text": t, "account": acct, "family": -1})
    seeded(seed, "shuffle").shuffle(records)
    return records


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Held-out template-family corpus 'j' (JSON Lines: text, account, family).")
    ap.add_argument("--seed", type=int, default=1, help="RNG seed (default 1)")
    ap.add_argument("--per-family", type=int, default=40, help="prompts per family (default 40, >= 1)")
    ap.add_argument("--accounts-per-family", type=int, default=10,
                    help="typical accounts per family (default 10, >= 1)")
    ap.add_argument("--free", type=int, default=1000, help="free one-off prompts (default 1000, >= 0)")
    ap.add_argument("--out", help="output file (default stdout)")
    ap.add_argument("--list", action="store_true", help="list families and exit")
    a = ap.parse_args(argv)
    if a.per_family < 1:
        ap.error("--per-family must be >= 1")
    if a.accounts_per_family < 1:
        ap.error("--accounts-per-family must be >= 1")
    if a.free < 0:
        ap.error("--free must be >= 0")
    if a.list:
        out = "".join(f"{f['id']}\t[{f['group']}] {f['desc']}\n" for f in FAMILIES)
        sys.stdout.buffer.write(out.encode("utf-8"))
        return 0
    records = build(a.seed, a.per_family, a.accounts_per_family, a.free)
    data = "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in records).encode("utf-8")
    if a.out:
        with open(a.out, "wb") as fh:
            fh.write(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
