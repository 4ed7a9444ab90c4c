// Parses real_formats.txt and fills its formats into a labelled corpus. See format_corpus.h.
//
// Every random draw goes through CorpusRng, and each draw sits in its own statement: C++ leaves
// the order of evaluation of operands and arguments unspecified, so `Word(rng) + Word(rng)`
// could give different text on different compilers.
#include "graph/templates/format_corpus.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace ringgraph::templates {
namespace internal {
namespace {

// ---------------------------------------------------------------------------------------------
// Word lists. All English lists are ASCII so that an English-only corpus has no other bytes.

// The top ranks of the Zipfian vocabulary, roughly in order of frequency in English text.
constexpr const char* kCommonEnglishWords[] = {
    "the",      "of",       "and",      "to",       "a",       "in",       "is",      "it",
    "you",      "that",     "he",       "was",      "for",     "on",       "are",     "with",
    "as",       "i",        "his",      "they",     "be",      "at",       "one",     "have",
    "this",     "from",     "or",       "had",      "by",      "not",      "but",     "what",
    "some",     "we",       "can",      "out",      "other",   "were",     "all",     "there",
    "when",     "up",       "use",      "your",     "how",     "said",     "an",      "each",
    "she",      "which",    "do",       "their",    "time",    "if",       "will",    "way",
    "about",    "many",     "then",     "them",     "would",   "like",     "so",      "these",
    "her",      "long",     "make",     "thing",    "see",     "him",      "two",     "has",
    "look",     "more",     "day",      "could",    "go",      "come",     "did",     "my",
    "no",       "most",     "people",   "over",     "know",    "than",     "call",    "first",
    "who",      "may",      "down",     "side",     "been",    "now",      "find",    "any",
    "new",      "work",     "part",     "take",     "get",     "place",    "made",    "live",
    "where",    "after",    "back",     "little",   "only",    "round",    "man",     "year",
    "came",     "show",     "every",    "good",     "me",      "give",     "our",     "under",
    "name",     "very",     "through",  "just",     "form",    "much",     "great",   "think",
    "say",      "help",     "low",      "line",     "before",  "turn",     "cause",   "same",
    "mean",     "differ",   "move",     "right",    "boy",     "old",      "too",     "does",
    "tell",     "set",      "three",    "want",     "air",     "well",     "also",    "play",
    "small",    "end",      "put",      "home",     "read",    "hand",     "port",    "large",
    "spell",    "add",      "even",     "land",     "here",    "must",     "big",     "high",
    "such",     "follow",   "act",      "why",      "ask",     "men",      "change",  "went",
    "light",    "kind",     "off",      "need",     "house",   "picture",  "try",     "us",
    "again",    "animal",   "point",    "mother",   "world",   "near",     "build",   "self",
    "earth",    "father",   "head",     "stand",    "own",     "page",     "should",  "country",
    "found",    "answer",   "school",   "grow",     "study",   "still",    "learn",   "plant",
    "cover",    "food",     "sun",      "four",     "thought", "let",      "keep",    "eye",
    "never",    "last",     "door",     "between",  "city",    "tree",     "cross",   "since",
    "hard",     "start",    "might",    "story",    "saw",     "far",      "sea",     "draw",
    "left",     "late",     "run",      "while",    "press",   "close",    "night",   "real",
    "life",     "few",      "stop",     "open",     "seem",    "together", "next",    "white",
    "children", "begin",    "got",      "walk",     "example", "ease",     "paper",   "often",
    "always",   "music",    "those",    "both",     "mark",    "book",     "letter",  "until",
    "mile",     "river",    "car",      "feet",     "care",    "second",   "group",   "carry",
    "took",     "rain",     "eat",      "room",     "friend",  "began",    "idea",    "fish",
    "mountain", "north",    "once",     "base",     "hear",    "horse",    "cut",     "sure",
    "watch",    "color",    "face",     "wood",     "main",    "enough",   "plain",   "girl",
    "usual",    "young",    "ready",    "above",    "ever",    "red",      "list",    "though",
    "feel",     "talk",     "bird",     "soon",     "body",    "dog",      "family",  "direct",
    "pose",     "leave",    "song",     "measure",  "state",   "product",  "black",   "short",
    "numeral",  "class",    "wind",     "question", "happen",  "complete", "ship",    "area",
    "half",     "rock",     "order",    "fire",     "south",   "problem",  "piece",   "told",
    "knew",     "pass",     "farm",     "top",      "whole",   "king",     "size",    "heard",
    "best",     "hour",     "better",   "true",     "during",  "hundred",  "am",      "remember",
    "step",     "early",    "hold",     "west",     "ground",  "interest", "reach",   "fast",
    "five",     "sing",     "listen",   "six",      "table",   "travel",   "less",    "morning",
    "ten",      "simple",   "several",  "vowel",    "toward",  "war",      "lay",     "against",
    "pattern",  "slow",     "center",   "love",     "person",  "money",    "serve",   "appear",
    "road",     "map",      "science",  "rule",     "govern",  "pull",     "cold",    "notice",
    "voice",    "fall",     "power",    "town",     "fine",    "certain",  "fly",     "unit",
    "lead",     "cry",      "dark",     "machine",  "note",    "wait",     "plan",    "figure",
    "star",     "box",      "noun",     "field",    "rest",    "correct",  "able",    "pound",
    "done",     "beauty",   "drive",    "stood",    "contain", "front",    "teach",   "week",
    "final",    "gave",     "green",    "quick",    "develop", "sleep",    "warm",    "free",
    "minute",   "strong",   "special",  "mind",     "behind",  "clear",    "tail",    "produce",
    "fact",     "street",   "inch",     "lot",      "nothing", "course",   "stay",    "wheel",
    "full",     "force",    "blue",     "object",   "decide",  "surface",  "deep",    "moon",
    "island",   "foot",     "yet",      "busy",     "test",    "record",   "boat",    "common",
    "gold",     "possible", "plane",    "age",      "dry",     "wonder",   "laugh",   "thousand",
    "ago",      "ran",      "check",    "game",     "shape",   "yes",      "hot",     "miss",
    "brought",  "heat",     "snow",     "bed",      "bring",   "sit",      "perhaps", "fill",
    "east",     "weight",   "language", "among",    "data",    "model",    "system",  "code",
    "value",    "user",     "result",   "file",     "report",  "market",   "company", "service",
    "price",    "account",  "customer", "team",     "project", "process",  "support", "health",
    "energy",   "policy",   "research", "student",  "water",   "history",  "method",  "level",
    "network",  "image",    "table",    "design",   "version", "error",    "function"};

constexpr const char* kSyllables[] = {
    "ka",  "lo",  "mi",   "ne",   "ru",  "sa",  "ti", "vo",  "ze",  "ba", "do", "fi",
    "gu",  "he",  "ja",   "ko",   "la",  "ma",  "no", "pe",  "qui", "ra", "se", "to",
    "ul",  "ve",  "wa",   "xi",   "yo",  "zu",  "an", "el",  "in",  "or", "us", "ter",
    "con", "pro", "tion", "ment", "ing", "est", "ly", "ab",  "str", "ph", "ou", "ea",
    "ck",  "ble", "gr",   "ight", "sh",  "th",  "ch", "ate", "ive", "ous"};

constexpr std::size_t kVocabularySize = 8000;
constexpr std::uint64_t kVocabularySeed = 0x76f2a1c3d5e4b987ULL;  // the vocabulary never varies

// Word runs that writers of every kind use; they recur across unrelated English prompts.
constexpr const char* kStockPhrases[] = {
    "in order to",         "as well as",   "for example", "at the same time", "on the other hand",
    "as soon as possible", "a lot of",     "in the end",  "at least",         "more than",
    "because of",          "according to", "such as",     "in addition",      "by the way",
    "right now",           "each other",   "as a result", "in fact",          "so that",
    "one of the",          "make sure"};

constexpr const char* kFirstNames[] = {
    "James",   "Mary",      "Robert",   "Patricia", "John",    "Jennifer",  "Michael", "Linda",
    "David",   "Elizabeth", "William",  "Barbara",  "Richard", "Susan",     "Joseph",  "Jessica",
    "Thomas",  "Sarah",     "Carlos",   "Sofia",    "Mateo",   "Valentina", "Luca",    "Giulia",
    "Hans",    "Anna",      "Pierre",   "Camille",  "Dmitri",  "Olga",      "Wei",     "Mei",
    "Hiroshi", "Yuki",      "Priya",    "Arjun",    "Fatima",  "Omar",      "Kwame",   "Amara",
    "Liam",    "Olivia",    "Noah",     "Emma",     "Ethan",   "Ava",       "Lucas",   "Mia",
    "Aiden",   "Chloe",     "Mohammed", "Aisha",    "Jin",     "Sora",      "Ingrid",  "Lars",
    "Chen",    "Nadia",     "Tariq",    "Elena",    "Diego",   "Ines",      "Kofi",    "Zara"};

constexpr const char* kLastNames[] = {
    "Smith",     "Johnson",  "Williams",  "Brown",   "Jones",     "Garcia",   "Miller",    "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez",   "Gonzalez",  "Wilson",   "Anderson",  "Taylor",
    "Moore",     "Jackson",  "Martin",    "Lee",     "Thompson",  "White",    "Harris",    "Clark",
    "Lewis",     "Walker",   "Muller",    "Schmidt", "Schneider", "Fischer",  "Dubois",    "Moreau",
    "Laurent",   "Rossi",    "Russo",     "Bianchi", "Ivanov",    "Petrov",   "Smirnov",   "Wang",
    "Li",        "Zhang",    "Liu",       "Chen",    "Sato",      "Suzuki",   "Takahashi", "Tanaka",
    "Kim",       "Park",     "Nguyen",    "Tran",    "Patel",     "Sharma",   "Singh",     "Khan",
    "Ali",       "Okafor",   "Mensah",    "Silva",   "Santos",    "Oliveira", "Kowalski",  "Novak",
    "Jensen",    "Larsen"};

// MMLU subjects, as the harness writes them.
constexpr const char* kSubjects[] = {"abstract algebra",
                                     "anatomy",
                                     "astronomy",
                                     "business ethics",
                                     "clinical knowledge",
                                     "college biology",
                                     "college chemistry",
                                     "college computer science",
                                     "college mathematics",
                                     "college medicine",
                                     "college physics",
                                     "computer security",
                                     "conceptual physics",
                                     "econometrics",
                                     "electrical engineering",
                                     "elementary mathematics",
                                     "formal logic",
                                     "global facts",
                                     "high school biology",
                                     "high school chemistry",
                                     "high school computer science",
                                     "high school european history",
                                     "high school geography",
                                     "high school government and politics",
                                     "high school macroeconomics",
                                     "high school mathematics",
                                     "high school microeconomics",
                                     "high school physics",
                                     "high school psychology",
                                     "high school statistics",
                                     "high school us history",
                                     "high school world history",
                                     "human aging",
                                     "human sexuality",
                                     "international law",
                                     "jurisprudence",
                                     "logical fallacies",
                                     "machine learning",
                                     "management",
                                     "marketing",
                                     "medical genetics",
                                     "miscellaneous",
                                     "moral disputes",
                                     "moral scenarios",
                                     "nutrition",
                                     "philosophy",
                                     "prehistory",
                                     "professional accounting",
                                     "professional law",
                                     "professional medicine",
                                     "professional psychology",
                                     "public relations",
                                     "security studies",
                                     "sociology",
                                     "us foreign policy",
                                     "virology",
                                     "world religions"};

constexpr const char* kTopics[] = {"renewable energy",
                                   "remote work",
                                   "the French Revolution",
                                   "climate change",
                                   "machine learning",
                                   "personal finance",
                                   "healthy sleep",
                                   "electric cars",
                                   "urban gardening",
                                   "the Roman Empire",
                                   "quantum computing",
                                   "supply chains",
                                   "mental health",
                                   "space travel",
                                   "cloud security",
                                   "the history of jazz",
                                   "public transport",
                                   "online privacy",
                                   "small business marketing",
                                   "coffee",
                                   "marathon training",
                                   "vaccines",
                                   "cryptocurrency",
                                   "language learning",
                                   "housing prices",
                                   "ocean plastic",
                                   "video games",
                                   "the stock market",
                                   "home workouts",
                                   "artificial intelligence",
                                   "nuclear power",
                                   "the water cycle",
                                   "photography",
                                   "time management",
                                   "customer retention",
                                   "the Cold War",
                                   "vegetarian cooking",
                                   "open source software",
                                   "wildfires",
                                   "job interviews",
                                   "team meetings",
                                   "the immune system",
                                   "board games",
                                   "solar panels",
                                   "data privacy laws",
                                   "the Renaissance",
                                   "dog training",
                                   "product launches",
                                   "microservices",
                                   "wedding planning"};

constexpr const char* kJobTitles[] = {"Software Engineer",  "Data Scientist",
                                      "Product Manager",    "Marketing Coordinator",
                                      "Registered Nurse",   "Financial Analyst",
                                      "UX Designer",        "Sales Representative",
                                      "Project Manager",    "Customer Success Manager",
                                      "DevOps Engineer",    "Graphic Designer",
                                      "Research Assistant", "Operations Manager",
                                      "Accountant",         "High School Teacher",
                                      "Content Writer",     "Mechanical Engineer",
                                      "HR Specialist",      "Business Analyst",
                                      "Backend Developer",  "Machine Learning Engineer",
                                      "Office Manager",     "Pharmacist"};

// Roles a developer writes into a system message.
constexpr const char* kSystemRoles[] = {
    "a senior software engineer who writes clean, well-tested code",
    "a patient math tutor for high school students",
    "an expert travel planner",
    "a customer support agent for an online electronics store",
    "a concise technical writer",
    "a friendly cooking assistant",
    "a legal research assistant; you are not a lawyer",
    "a data analyst who explains results in plain language",
    "a Socratic philosophy teacher",
    "a fitness coach",
    "a careful medical information assistant; you do not diagnose",
    "a marketing copywriter for a small coffee brand",
    "an SQL expert",
    "a kind and encouraging language teacher",
    "a cybersecurity analyst",
    "a product manager reviewing feature requests",
    "a history professor",
    "an assistant that only answers in valid JSON",
    "a code reviewer focused on security",
    "a career coach",
    "an e-commerce assistant that recommends products",
    "a research assistant who cites sources",
    "a helpful and harmless assistant named Max",
    "a bank's virtual assistant"};

constexpr const char* kInstructionVerbs[] = {
    "Write",   "Explain", "List",      "Describe", "Summarize", "Create", "Give",     "Generate",
    "Rewrite", "Compare", "Classify",  "Find",     "Suggest",   "Design", "Identify", "Outline",
    "Plan",    "Draft",   "Calculate", "Analyze",  "Propose",   "Name",   "Convert",  "Sort"};

constexpr const char* kEnglishQuestionOpeners[] = {"What",        "How",      "Why",
                                                   "Which",       "When",     "Where",
                                                   "Who",         "Is",       "Does",
                                                   "Can",         "Should",   "How many",
                                                   "What is the", "How do I", "Is it true that",
                                                   "In what way", "Why do",   "What happens if",
                                                   "How much",    "Are"};

constexpr const char* kEnglishRequestOpeners[] = {
    "Can you help me", "What is",   "Explain",           "How do I", "I need help with", "Please",
    "Why does",        "Could you", "Is it possible to", "Tell me",  "I want to",        "Help me",
    "What are some",   "Give me"};

// The natural languages a translation slot may name; the first seven are the text languages.
constexpr const char* kNaturalLanguages[] = {
    "English",    "Spanish",    "German",  "French",    "Russian",    "Chinese", "Japanese",
    "Portuguese", "Italian",    "Korean",  "Arabic",    "Hindi",      "Dutch",   "Turkish",
    "Polish",     "Vietnamese", "Swedish", "Ukrainian", "Indonesian", "Greek"};

enum class CodeStyle { kPython, kJavaScript, kTypeScript, kC, kJava, kCSharp };

struct ProgrammingLanguage {
  const char* name;
  CodeStyle style;
};

constexpr ProgrammingLanguage kProgrammingLanguages[] = {{"Python", CodeStyle::kPython},
                                                         {"JavaScript", CodeStyle::kJavaScript},
                                                         {"TypeScript", CodeStyle::kTypeScript},
                                                         {"C", CodeStyle::kC},
                                                         {"C++", CodeStyle::kC},
                                                         {"Java", CodeStyle::kJava},
                                                         {"C#", CodeStyle::kCSharp}};

// Words an identifier must not be on its own.
constexpr const char* kReservedWords[] = {
    "and",   "as",   "at",   "by",  "do",  "for",  "from",  "if",   "in",     "is",
    "not",   "of",   "on",   "or",  "new", "this", "int",   "with", "class",  "return",
    "while", "else", "case", "try", "let", "var",  "const", "def",  "import", "to",
    "be",    "it",   "a",    "i",   "an",  "so",   "up",    "no",   "us"};

constexpr const char* kJsonKeys[] = {
    "id",         "name",  "email",    "type",     "description", "status",   "price", "quantity",
    "created_at", "tags",  "title",    "user_id",  "country",     "enabled",  "score", "category",
    "url",        "notes", "due_date", "priority", "amount",      "currency", "items", "address"};

constexpr const char* kTopLevelDomains[] = {".com",   ".org", ".io",  ".net",
                                            ".co.uk", ".de",  ".edu", ".dev"};
constexpr const char* kMailHosts[] = {"gmail.com", "outlook.com", "yahoo.com", "proton.me",
                                      "icloud.com"};
constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};

// Foreign text languages: common words in rough order of frequency, then words people write in
// requests. The lists are short; Zipf over them still makes function words dominate.
constexpr const char* kSpanishWords[] = {
    "de",     "la",       "que",      "el",      "en",          "y",       "a",        "los",
    "se",     "del",      "las",      "un",      "por",         "con",     "no",       "una",
    "su",     "para",     "es",       "al",      "lo",          "como",    "más",      "pero",
    "sus",    "le",       "ya",       "o",       "este",        "sí",      "porque",   "esta",
    "entre",  "cuando",   "muy",      "sin",     "sobre",       "también", "me",       "hasta",
    "hay",    "donde",    "quien",    "desde",   "todo",        "nos",     "durante",  "todos",
    "casa",   "tiempo",   "año",      "día",     "mundo",       "trabajo", "ciudad",   "agua",
    "niño",   "empresa",  "problema", "sistema", "información", "datos",   "pregunta", "respuesta",
    "código", "necesito", "quiero",   "puede",   "hacer",       "tiene",   "está",     "son",
    "fue",    "después",  "mejor",    "nuevo",   "grande",      "pequeño", "siempre",  "ahora",
    "señor",  "música"};
constexpr const char* kGermanWords[] = {
    "der",     "die",      "und",     "in",      "den",    "von",    "zu",        "das",
    "mit",     "sich",     "des",     "auf",     "für",    "ist",    "im",        "dem",
    "nicht",   "ein",      "eine",    "als",     "auch",   "es",     "an",        "werden",
    "aus",     "er",       "hat",     "dass",    "sie",    "nach",   "wird",      "bei",
    "einer",   "um",       "am",      "sind",    "noch",   "wie",    "einem",     "über",
    "einen",   "so",       "zum",     "war",     "haben",  "nur",    "oder",      "aber",
    "vor",     "zur",      "bis",     "mehr",    "durch",  "man",    "dann",      "Zeit",
    "Jahr",    "Stadt",    "Frage",   "Antwort", "Arbeit", "Wasser", "Haus",      "Kinder",
    "Daten",   "Beispiel", "Problem", "möchte",  "können", "müssen", "gibt",      "schön",
    "groß",    "klein",    "heute",   "immer",   "Straße", "Größe",  "natürlich", "während",
    "Mädchen", "Bücher"};
constexpr const char* kFrenchWords[] = {
    "de",       "la",      "le",    "et",       "les",        "des",      "en",      "un",
    "du",       "une",     "que",   "est",      "pour",       "qui",      "dans",    "a",
    "par",      "plus",    "pas",   "au",       "sur",        "ne",       "se",      "ce",
    "il",       "sont",    "avec",  "mais",     "comme",      "on",       "tout",    "nous",
    "sa",       "aussi",   "elle",  "fait",     "été",        "où",       "très",    "sans",
    "deux",     "leur",    "ou",    "même",     "après",      "déjà",     "être",    "avoir",
    "faire",    "temps",   "année", "monde",    "travail",    "question", "réponse", "données",
    "problème", "système", "voilà", "ça",       "fenêtre",    "école",    "ville",   "première",
    "français", "peut",    "veux",  "besoin",   "enfant",     "maison",   "eau",     "jour",
    "nouveau",  "grand",   "petit", "toujours", "maintenant", "hôpital",  "naïf"};
constexpr const char* kRussianWords[] = {
    "и",     "в",        "не",    "на",      "я",       "быть",    "он",        "с",       "что",
    "а",     "по",       "это",   "она",     "этот",    "к",       "но",        "они",     "мы",
    "как",   "из",       "у",     "который", "то",      "за",      "свой",      "весь",    "год",
    "от",    "так",      "о",     "для",     "ты",      "же",      "все",       "тот",     "мочь",
    "вы",    "человек",  "такой", "его",     "сказать", "только",  "или",       "ещё",     "бы",
    "себя",  "один",     "время", "работа",  "вопрос",  "ответ",   "данные",    "город",   "дом",
    "день",  "жизнь",    "нужно", "можно",   "очень",   "сейчас",  "пример",    "система", "задача",
    "слово", "компания", "вода",  "дети",    "новый",   "большой", "маленький", "всегда",  "код",
    "ошибка"};
constexpr const char* kChineseWords[] = {
    "的",   "一",   "是",   "不",   "了",   "在",   "人",   "有",   "我",   "他",   "这",   "个",
    "们",   "中",   "来",   "上",   "大",   "为",   "和",   "国",   "地",   "到",   "以",   "说",
    "时",   "要",   "就",   "出",   "会",   "可以", "你",   "对",   "生",   "能",   "而",   "子",
    "那",   "得",   "于",   "着",   "下",   "自己", "之",   "年",   "过",   "发",   "后",   "作",
    "里",   "用",   "道",   "行",   "所",   "然",   "家",   "种",   "事",   "成",   "方",   "多",
    "经",   "么",   "去",   "法",   "学",   "如",   "问题", "数据", "系统", "工作", "时间", "公司",
    "城市", "朋友", "今天", "知道", "需要", "帮助", "代码", "水",   "孩子"};
constexpr const char* kJapaneseWords[] = {
    "の",     "に",       "は",   "を",     "た",       "が",       "で",     "て",     "と",
    "し",     "れ",       "さ",   "ある",   "いる",     "も",       "する",   "から",   "な",
    "こと",   "として",   "い",   "や",     "れる",     "など",     "ない",   "この",   "ため",
    "その",   "よう",     "また", "もの",   "という",   "あり",     "まで",   "られ",   "なる",
    "へ",     "か",       "だ",   "これ",   "によって", "おり",     "より",   "による", "なり",
    "られる", "において", "ば",   "なく",   "しかし",   "について", "私",     "日本",   "時間",
    "会社",   "仕事",     "問題", "データ", "質問",     "答え",     "今日",   "東京",   "学校",
    "友達",   "説明",     "方法", "確認",   "水",       "子供",     "新しい", "大きい", "小さい",
    "いつも", "コード"};

// ---------------------------------------------------------------------------------------------
// Small helpers.

template <typename T, std::size_t N>
const T& Pick(const T (&list)[N], CorpusRng& rng) {
  return list[rng.Below(N)];
}

// Capitalizes a leading ASCII or Cyrillic (UTF-8, U+0430..U+044F) letter; other scripts stay.
std::string Capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  if (s.size() >= 2) {
    const auto lead = static_cast<unsigned char>(s[0]);
    const auto trail = static_cast<unsigned char>(s[1]);
    if (lead == 0xD0 && trail >= 0xB0 && trail <= 0xBF) {  // а..п -> А..П
      s[1] = static_cast<char>(trail - 0x20);
    } else if (lead == 0xD1 && trail >= 0x80 && trail <= 0x8F) {  // р..я -> Р..Я
      s[0] = static_cast<char>(0xD0);
      s[1] = static_cast<char>(trail + 0x20);
    }
  }
  return s;
}

std::string Lowercased(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += lines[i];
  }
  return out;
}

std::vector<std::string> SplitOnSpaces(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    if (j > i) words.emplace_back(text.substr(i, j - i));
    i = j + 1;
  }
  return words;
}

// Words drawn with probability proportional to 1 / (rank + 2.7), the Zipf-Mandelbrot law with
// the offset Mandelbrot fitted to English; the offset keeps the few top words of a short list
// from filling every sentence. The cumulative weights are sums of exactly rounded quotients, so
// the table is the same on every IEEE-754 platform.
class ZipfTable {
 public:
  ZipfTable() = default;
  explicit ZipfTable(std::vector<std::string> words) : words_(std::move(words)) {
    double total = 0;
    cumulative_.reserve(words_.size());
    for (std::size_t rank = 0; rank < words_.size(); ++rank) {
      total += 1.0 / (static_cast<double>(rank + 1) + 2.7);  // rank counted from 1
      cumulative_.push_back(total);
    }
  }
  const std::string& Draw(CorpusRng& rng) const {
    const double target = rng.Uniform() * cumulative_.back();
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
    if (it == cumulative_.end()) --it;
    return words_[static_cast<std::size_t>(it - cumulative_.begin())];
  }
  std::size_t size() const { return words_.size(); }

 private:
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

// A language that text fillings can be written in.
struct TextLanguage {
  std::size_t natural_language = 0;  // index into kNaturalLanguages
  ZipfTable words;
  std::string joiner = " ";  // between words
  std::string full_stop = ".";
  std::string question_open;  // before a question ("¿" in Spanish)
  std::string question_close = "?";
  std::vector<std::string> question_openers;
  std::vector<std::string> imperatives;  // instruction and request openers
  bool uses_stock_phrases = false;
};

template <std::size_t N>
std::vector<std::string> ToStrings(const char* const (&list)[N]) {
  return std::vector<std::string>(std::begin(list), std::end(list));
}

std::vector<std::string> BuildEnglishVocabulary() {
  std::vector<std::string> vocabulary;
  std::set<std::string> seen;
  for (const char* word : kCommonEnglishWords) {
    if (seen.insert(word).second) vocabulary.emplace_back(word);
  }
  CorpusRng rng(kVocabularySeed);
  while (vocabulary.size() < kVocabularySize) {
    std::string word;
    const std::uint64_t syllables = rng.Between(2, 4);
    for (std::uint64_t s = 0; s < syllables; ++s) word += Pick(kSyllables, rng);
    if (seen.insert(word).second) vocabulary.push_back(std::move(word));
  }
  return vocabulary;
}

bool IsReserved(const std::string& word) {
  for (const char* reserved : kReservedWords) {
    if (word == reserved) return true;
  }
  return false;
}

}  // namespace

// Per-prompt choices that several slots of one prompt share.
struct PromptState {
  std::size_t text_language = 0;  // index into SlotFiller::languages_; 0 is English
  std::size_t code_language = 0;  // index into kProgrammingLanguages
  int source_language = -1;       // index into kNaturalLanguages once a slot has named it
  int target_language = -1;
  int programming_languages_named = 0;
};

// The vocabularies and one filler per slot type. Immutable after construction.
class SlotFiller {
 public:
  SlotFiller();

  PromptState NewPrompt(double non_english_share, CorpusRng& rng) const;
  std::string Fill(std::string_view slot, PromptState& state, CorpusRng& rng) const;
  std::string FreeText(PromptState& state, CorpusRng& rng) const;

 private:
  const TextLanguage& Language(const PromptState& state) const {
    return languages_[state.text_language];
  }
  // `count` whitespace-separated words of running text (no punctuation at the end).
  std::vector<std::string> WordRun(const TextLanguage& language, std::size_t count,
                                   CorpusRng& rng) const;
  std::string Join(const TextLanguage& language, const std::vector<std::string>& words) const;
  std::string Sentence(const TextLanguage& language, std::size_t words, CorpusRng& rng) const;
  // Sentences totalling `words` words; paragraph breaks when `paragraphs` is set.
  std::string Sentences(const TextLanguage& language, std::size_t words, bool paragraphs,
                        CorpusRng& rng) const;

  std::string Question(const TextLanguage& language, CorpusRng& rng) const;
  std::string Instruction(const TextLanguage& language, CorpusRng& rng) const;
  std::string Input(const TextLanguage& language, CorpusRng& rng) const;
  std::string Answer(const TextLanguage& language, CorpusRng& rng) const;
  std::string Choice(const TextLanguage& language, CorpusRng& rng) const;
  std::string System(CorpusRng& rng) const;
  std::string Title(const TextLanguage& language, CorpusRng& rng) const;
  std::string Topic(const TextLanguage& language, CorpusRng& rng) const;
  std::string Number(CorpusRng& rng) const;
  std::string Name(CorpusRng& rng) const;
  std::string Date(CorpusRng& rng) const;
  std::string DomainWord(CorpusRng& rng) const;
  std::string Url(CorpusRng& rng) const;
  std::string Email(CorpusRng& rng) const;
  std::string Json(CorpusRng& rng) const;
  std::string JsonValue(const std::string& key, CorpusRng& rng) const;
  std::string Identifier(bool camel_case, CorpusRng& rng) const;
  std::string Code(const PromptState& state, CorpusRng& rng) const;

  std::vector<TextLanguage> languages_;  // English first, then the foreign text languages
};

SlotFiller::SlotFiller() {
  TextLanguage english;
  english.natural_language = 0;
  english.words = ZipfTable(BuildEnglishVocabulary());
  english.question_openers = ToStrings(kEnglishQuestionOpeners);
  english.imperatives = ToStrings(kInstructionVerbs);
  english.uses_stock_phrases = true;
  languages_.push_back(std::move(english));

  auto add = [this](std::size_t natural, std::vector<std::string> words, std::string joiner,
                    std::string full_stop, std::string question_open, std::string question_close,
                    std::vector<std::string> openers, std::vector<std::string> imperatives) {
    TextLanguage language;
    language.natural_language = natural;
    language.words = ZipfTable(std::move(words));
    language.joiner = std::move(joiner);
    language.full_stop = std::move(full_stop);
    language.question_open = std::move(question_open);
    language.question_close = std::move(question_close);
    language.question_openers = std::move(openers);
    language.imperatives = std::move(imperatives);
    languages_.push_back(std::move(language));
  };
  add(1, ToStrings(kSpanishWords), " ", ".", "¿", "?",
      {"Qué", "Cómo", "Por qué", "Cuál es", "Dónde", "Cuándo", "Es posible que"},
      {"Escribe", "Explica", "Haz una lista de", "Resume", "Describe", "Dame"});
  add(2, ToStrings(kGermanWords), " ", ".", "", "?",
      {"Was", "Wie", "Warum", "Welche", "Wann", "Wo", "Gibt es"},
      {"Schreibe", "Erkläre", "Nenne", "Fasse zusammen:", "Beschreibe", "Gib mir"});
  add(3, ToStrings(kFrenchWords), " ", ".", "", " ?",
      {"Qu'est-ce que", "Comment", "Pourquoi", "Quel est", "Où", "Quand", "Est-ce que"},
      {"Écris", "Explique", "Donne-moi", "Résume", "Décris", "Fais une liste de"});
  add(4, ToStrings(kRussianWords), " ", ".", "", "?",
      {"Что", "Как", "Почему", "Какой", "Где", "Когда", "Можно ли"},
      {"Напиши", "Объясни", "Перечисли", "Кратко изложи", "Опиши", "Дай"});
  add(5, ToStrings(kChineseWords), "", "。", "", "？",
      {"为什么", "如何", "什么是", "哪个", "怎么", "是否"},
      {"请写", "解释", "列出", "总结", "描述", "请给我"});
  add(6, ToStrings(kJapaneseWords), "", "。", "", "ですか？",
      {"なぜ", "どのように", "何が", "どこで", "いつ", "どれが"},
      {"説明して", "書いて", "まとめて", "教えて", "一覧にして", "翻訳して"});
}

PromptState SlotFiller::NewPrompt(double non_english_share, CorpusRng& rng) const {
  PromptState state;
  const bool foreign = rng.Chance(non_english_share);
  const std::uint64_t foreign_language = 1 + rng.Below(languages_.size() - 1);
  state.text_language = foreign ? static_cast<std::size_t>(foreign_language) : 0;
  state.code_language = static_cast<std::size_t>(rng.Below(std::size(kProgrammingLanguages)));
  return state;
}

std::vector<std::string> SlotFiller::WordRun(const TextLanguage& language, std::size_t count,
                                             CorpusRng& rng) const {
  std::vector<std::string> words;
  while (words.size() < count) {
    const double roll = rng.Uniform();
    if (language.uses_stock_phrases && roll < 0.06) {
      for (std::string& word : SplitOnSpaces(Pick(kStockPhrases, rng))) {
        words.push_back(std::move(word));
      }
    } else if (roll < 0.075) {
      words.push_back(std::to_string(rng.Between(2, 2024)));
    } else if (roll < 0.085) {
      words.push_back(Pick(kFirstNames, rng));
    } else {
      std::string word = language.words.Draw(rng);
      if (language.joiner == " " && rng.Chance(0.05)) word += ",";
      words.push_back(std::move(word));
    }
  }
  words.resize(count);
  if (!words.empty() && !words.back().empty() && words.back().back() == ',') {
    words.back().pop_back();
  }
  return words;
}

std::string SlotFiller::Join(const TextLanguage& language,
                             const std::vector<std::string>& words) const {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out += language.joiner;
    out += word;
  }
  return out;
}

std::string SlotFiller::Sentence(const TextLanguage& language, std::size_t words,
                                 CorpusRng& rng) const {
  return Capitalized(Join(language, WordRun(language, words, rng))) + language.full_stop;
}

std::string SlotFiller::Sentences(const TextLanguage& language, std::size_t words, bool paragraphs,
                                  CorpusRng& rng) const {
  std::string out;
  std::size_t remaining = words;
  std::uint64_t sentences_in_paragraph = 0;
  std::uint64_t paragraph_length = rng.Between(2, 5);
  while (remaining > 0) {
    // Sentences of 5-20 words; the last one takes what is left, never fewer than 5 words.
    std::size_t length = remaining;
    if (remaining >= 25) length = static_cast<std::size_t>(rng.Between(5, 20));
    remaining -= length;
    if (!out.empty()) {
      if (paragraphs && sentences_in_paragraph >= paragraph_length) {
        out += "\n\n";
        sentences_in_paragraph = 0;
        paragraph_length = rng.Between(2, 5);
      } else {
        out += language.joiner;
      }
    }
    out += Sentence(language, length, rng);
    ++sentences_in_paragraph;
  }
  return out;
}

std::string SlotFiller::Question(const TextLanguage& language, CorpusRng& rng) const {
  // Most questions are short; a third run long, like word problems.
  const bool long_question = rng.Chance(0.3);
  const std::size_t count =
      static_cast<std::size_t>(long_question ? rng.Between(21, 40) : rng.Between(6, 20));
  const std::string& opener =
      language.question_openers[rng.Below(language.question_openers.size())];
  // In languages written without spaces the opener is one word whatever its length.
  std::vector<std::string> words =
      language.joiner == " " ? SplitOnSpaces(opener) : std::vector<std::string>{opener};
  std::vector<std::string> rest = WordRun(language, count - words.size(), rng);
  words.insert(words.end(), rest.begin(), rest.end());
  return language.question_open + Join(language, words) + language.question_close;
}

std::string SlotFiller::Instruction(const TextLanguage& language, CorpusRng& rng) const {
  const std::string& verb = language.imperatives[rng.Below(language.imperatives.size())];
  const std::size_t first_words = static_cast<std::size_t>(rng.Between(5, 25));
  std::string out = verb + language.joiner + Join(language, WordRun(language, first_words, rng)) +
                    language.full_stop;
  if (rng.Chance(0.35)) {
    const std::size_t second_words = static_cast<std::size_t>(rng.Between(5, 20));
    out += language.joiner;
    out += Sentence(language, second_words, rng);
  }
  return out;
}

std::string SlotFiller::Input(const TextLanguage& language, CorpusRng& rng) const {
  const std::uint64_t shape = rng.Below(4);
  if (shape <= 1) {  // running text
    const std::size_t words = static_cast<std::size_t>(rng.Between(5, 60));
    return Sentences(language, words, /*paragraphs=*/false, rng);
  }
  if (shape == 2) {  // a short list
    std::string out;
    const std::uint64_t items = rng.Between(2, 5);
    for (std::uint64_t i = 0; i < items; ++i) {
      const std::size_t words = static_cast<std::size_t>(rng.Between(2, 8));
      if (i) out += "\n";
      out += "- " + Join(language, WordRun(language, words, rng));
    }
    return out;
  }
  std::string out;  // a record of labelled fields
  const std::uint64_t fields = rng.Between(2, 4);
  for (std::uint64_t f = 0; f < fields; ++f) {
    if (f) out += "; ";
    out += Capitalized(language.words.Draw(rng)) + ": ";
    if (rng.Chance(0.5)) {
      out += std::to_string(rng.Between(1, 5000));
    } else {
      out += language.words.Draw(rng);
    }
  }
  return out;
}

std::string SlotFiller::Answer(const TextLanguage& language, CorpusRng& rng) const {
  if (rng.Chance(0.25)) {  // a short answer
    switch (rng.Below(3)) {
      case 0:
        return Number(rng);
      case 1:
        return Name(rng);
      default: {
        const std::size_t words = static_cast<std::size_t>(rng.Between(1, 4));
        return Capitalized(Join(language, WordRun(language, words, rng)));
      }
    }
  }
  const std::size_t words = static_cast<std::size_t>(rng.Between(5, 80));
  return Sentences(language, words, /*paragraphs=*/false, rng);
}

std::string SlotFiller::Choice(const TextLanguage& language, CorpusRng& rng) const {
  const double roll = rng.Uniform();
  if (roll < 0.2) return Number(rng);
  if (roll < 0.3) return Name(rng);
  const std::size_t words = static_cast<std::size_t>(rng.Between(1, 6));
  return Join(language, WordRun(language, words, rng));
}

std::string SlotFiller::System(CorpusRng& rng) const {
  // System messages are written by developers, usually in English whatever the users write.
  std::string out = "You are ";
  out += Pick(kSystemRoles, rng);
  out += ".";
  if (rng.Chance(0.5)) {
    const std::size_t words = static_cast<std::size_t>(rng.Between(8, 20));
    out += " " + Sentence(languages_[0], words, rng);
  }
  if (rng.Chance(0.3)) {
    out += " Always answer in ";
    out += Pick(kNaturalLanguages, rng);
    out += ".";
  }
  return out;
}

std::string SlotFiller::Title(const TextLanguage& language, CorpusRng& rng) const {
  if (rng.Chance(0.3)) return Pick(kJobTitles, rng);
  const std::size_t count = static_cast<std::size_t>(rng.Between(2, 7));
  std::vector<std::string> words = WordRun(language, count, rng);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!words[i].empty() && words[i].back() == ',') words[i].pop_back();
    if (i == 0 || words[i].size() > 3) words[i] = Capitalized(words[i]);
  }
  return Join(language, words);
}

std::string SlotFiller::Topic(const TextLanguage& language, CorpusRng& rng) const {
  if (language.natural_language == 0 && rng.Chance(0.6)) return Pick(kTopics, rng);
  const std::size_t count = static_cast<std::size_t>(rng.Between(1, 3));
  std::vector<std::string> words = WordRun(language, count, rng);
  for (std::string& word : words) {
    if (!word.empty() && word.back() == ',') word.pop_back();
  }
  return Join(language, words);
}

std::string SlotFiller::Number(CorpusRng& rng) const {
  const double roll = rng.Uniform();
  if (roll < 0.5) return std::to_string(rng.Between(1, 100));
  if (roll < 0.75) return std::to_string(rng.Between(101, 10000));
  if (roll < 0.9) {
    const std::uint64_t whole = rng.Between(0, 999);
    const std::uint64_t fraction = rng.Between(1, 99);
    return std::to_string(whole) + "." + std::to_string(fraction);
  }
  return std::to_string(rng.Between(10000, 9999999));
}

std::string SlotFiller::Name(CorpusRng& rng) const {
  std::string out = Pick(kFirstNames, rng);
  out += " ";
  out += Pick(kLastNames, rng);
  return out;
}

std::string SlotFiller::Date(CorpusRng& rng) const {
  const std::uint64_t year = rng.Between(2015, 2026);
  const std::uint64_t month = rng.Between(1, 12);
  const std::uint64_t day = rng.Between(1, 28);
  auto two_digits = [](std::uint64_t n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  switch (rng.Below(4)) {
    case 0:
      return std::to_string(year) + "-" + two_digits(month) + "-" + two_digits(day);
    case 1:
      return std::string(kMonths[month - 1]) + " " + std::to_string(day) + ", " +
             std::to_string(year);
    case 2:
      return two_digits(day) + "/" + two_digits(month) + "/" + std::to_string(year);
    default:
      return std::to_string(day) + " " + kMonths[month - 1] + " " + std::to_string(year);
  }
}

std::string SlotFiller::DomainWord(CorpusRng& rng) const {
  // Prefer words long enough to look like a site's name.
  std::string word = languages_[0].words.Draw(rng);
  for (int attempt = 0; attempt < 4 && word.size() < 4; ++attempt) {
    word = languages_[0].words.Draw(rng);
  }
  return word;
}

std::string SlotFiller::Url(CorpusRng& rng) const {
  std::string out = "https://";
  switch (rng.Below(4)) {
    case 0: {
      out += "github.com/" + Lowercased(Pick(kFirstNames, rng)) + "/";
      out += DomainWord(rng);
      return out;
    }
    case 1: {
      out += "en.wikipedia.org/wiki/" + Capitalized(DomainWord(rng));
      out += "_" + DomainWord(rng);
      return out;
    }
    default:
      break;
  }
  if (rng.Chance(0.5)) out += "www.";
  out += DomainWord(rng);
  out += Pick(kTopLevelDomains, rng);
  const std::uint64_t segments = rng.Below(4);
  for (std::uint64_t s = 0; s < segments; ++s) {
    out += "/" + DomainWord(rng);
    if (rng.Chance(0.3)) out += "-" + DomainWord(rng);
  }
  if (rng.Chance(0.2)) out += "?id=" + std::to_string(rng.Between(1, 99999));
  return out;
}

std::string SlotFiller::Email(CorpusRng& rng) const {
  const std::string first = Lowercased(Pick(kFirstNames, rng));
  const std::string last = Lowercased(Pick(kLastNames, rng));
  switch (rng.Below(3)) {
    case 0: {
      std::string out = first + "." + last + "@" + DomainWord(rng);
      out += Pick(kTopLevelDomains, rng);
      return out;
    }
    case 1:
      return first.substr(0, 1) + last + "@" + DomainWord(rng) + ".com";
    default: {
      std::string out = first + last + std::to_string(rng.Between(1, 99)) + "@";
      out += Pick(kMailHosts, rng);
      return out;
    }
  }
}

std::string SlotFiller::JsonValue(const std::string& key, CorpusRng& rng) const {
  if (key == "email") return "\"" + Email(rng) + "\"";
  if (key == "name") return "\"" + Name(rng) + "\"";
  if (key == "url") return "\"" + Url(rng) + "\"";
  if (key == "created_at" || key == "due_date") return "\"" + Date(rng) + "\"";
  switch (rng.Below(7)) {
    case 0:
    case 1: {
      const std::size_t words = static_cast<std::size_t>(rng.Between(1, 4));
      std::vector<std::string> run = WordRun(languages_[0], words, rng);
      for (std::string& word : run) {
        if (!word.empty() && word.back() == ',') word.pop_back();
      }
      return "\"" + Join(languages_[0], run) + "\"";
    }
    case 2:
      return std::to_string(rng.Between(0, 10000));
    case 3: {
      const std::uint64_t whole = rng.Between(0, 500);
      const std::uint64_t fraction = rng.Between(1, 99);
      return std::to_string(whole) + "." + std::to_string(fraction);
    }
    case 4:
      return rng.Chance(0.5) ? "true" : "false";
    case 5: {
      std::string out = "[";
      const std::uint64_t items = rng.Between(1, 4);
      const bool strings = rng.Chance(0.5);
      for (std::uint64_t i = 0; i < items; ++i) {
        if (i) out += ", ";
        if (strings) {
          out += "\"" + DomainWord(rng) + "\"";
        } else {
          out += std::to_string(rng.Between(0, 999));
        }
      }
      return out + "]";
    }
    default:
      return "null";
  }
}

std::string SlotFiller::Json(CorpusRng& rng) const {
  const std::uint64_t key_count = rng.Between(2, 6);
  std::vector<std::string> keys;
  while (keys.size() < key_count) {
    std::string key;
    if (rng.Chance(0.6)) {
      key = Pick(kJsonKeys, rng);
    } else {
      key = Identifier(/*camel_case=*/false, rng);
    }
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  }
  const bool pretty = rng.Chance(0.5);
  std::string out = pretty ? "{\n" : "{";
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (pretty) out += "  ";
    out += "\"" + keys[k] + "\": " + JsonValue(keys[k], rng);
    if (k + 1 < keys.size()) out += pretty ? ",\n" : ", ";
  }
  out += pretty ? "\n}" : "}";
  return out;
}

std::string SlotFiller::Identifier(bool camel_case, CorpusRng& rng) const {
  std::string first = DomainWord(rng);
  std::string second;
  if (rng.Chance(0.6) || IsReserved(first)) second = DomainWord(rng);
  if (second.empty()) return first;
  return camel_case ? first + Capitalized(second) : first + "_" + second;
}

std::string SlotFiller::Code(const PromptState& state, CorpusRng& rng) const {
  const CodeStyle style = kProgrammingLanguages[state.code_language].style;
  const bool python = style == CodeStyle::kPython;
  const bool camel = style != CodeStyle::kPython && style != CodeStyle::kC;
  const std::string indent = python ? "    " : (style == CodeStyle::kC ? "    " : "  ");
  const std::size_t total_lines = static_cast<std::size_t>(rng.Between(2, 15));
  std::vector<std::string> lines;
  std::vector<std::string> variables;

  auto declare = [&](const std::string& name) -> std::string {
    switch (style) {
      case CodeStyle::kPython:
        return name;
      case CodeStyle::kJavaScript:
      case CodeStyle::kTypeScript:
        return "let " + name;  // later lines may reassign it
      case CodeStyle::kCSharp:
        return "var " + name;
      default:
        return "int " + name;
    }
  };
  const std::string end = python ? "" : ";";
  auto operand = [&]() -> std::string {
    if (!variables.empty() && rng.Chance(0.7)) return variables[rng.Below(variables.size())];
    return std::to_string(rng.Between(0, 100));
  };
  auto expression = [&]() -> std::string {
    static constexpr const char* kOperators[] = {" + ", " - ", " * ", " / ", " % "};
    std::string out = operand();
    out += Pick(kOperators, rng);
    out += operand();
    return out;
  };
  // Appends one statement of at most `budget` lines, indented by `pad`; returns the lines used.
  auto statement = [&](std::size_t budget, const std::string& pad) -> std::size_t {
    const std::size_t block_lines = python ? 2 : 3;
    const std::uint64_t kind = rng.Below(budget >= block_lines ? 5 : 3);
    if (kind <= 1 || variables.empty()) {  // a new variable
      std::string name = Identifier(camel, rng);
      std::string value = expression();
      lines.push_back(pad + declare(name) + " = " + value + end);
      variables.push_back(std::move(name));
      return 1;
    }
    if (kind == 2) {  // a call
      std::string callee = Identifier(camel, rng);
      std::string argument = operand();
      const std::uint64_t number = rng.Between(1, 64);
      lines.push_back(pad + callee + "(" + argument + ", " + std::to_string(number) + ")" + end);
      return 1;
    }
    const std::string& target = variables[rng.Below(variables.size())];
    const std::uint64_t limit = rng.Between(2, 1000);
    if (kind == 3) {  // a conditional
      if (python) {
        lines.push_back(pad + "if " + target + " > " + std::to_string(limit) + ":");
        lines.push_back(pad + indent + target + " = " + target + " - " + std::to_string(limit));
      } else {
        lines.push_back(pad + "if (" + target + " > " + std::to_string(limit) + ") {");
        lines.push_back(pad + indent + target + " -= " + std::to_string(limit) + ";");
        lines.push_back(pad + "}");
      }
      return block_lines;
    }
    switch (style) {  // a loop
      case CodeStyle::kPython:
        lines.push_back(pad + "for i in range(" + std::to_string(limit) + "):");
        lines.push_back(pad + indent + target + " += i");
        break;
      case CodeStyle::kJavaScript:
      case CodeStyle::kTypeScript:
        lines.push_back(pad + "for (let i = 0; i < " + std::to_string(limit) + "; i++) {");
        lines.push_back(pad + indent + target + " += i;");
        lines.push_back(pad + "}");
        break;
      default:
        lines.push_back(pad + "for (int i = 0; i < " + std::to_string(limit) + "; ++i) {");
        lines.push_back(pad + indent + target + " += i;");
        lines.push_back(pad + "}");
        break;
    }
    return block_lines;
  };

  const std::size_t frame_lines = python ? 2 : 3;  // header + return (+ closing brace)
  if (total_lines < frame_lines + 1 || rng.Chance(0.2)) {
    std::size_t used = 0;  // a loose snippet of statements
    while (used < total_lines) used += statement(total_lines - used, "");
    return JoinLines(lines);
  }
  std::string function_name = Identifier(camel, rng);
  if (style == CodeStyle::kCSharp) function_name = Capitalized(function_name);
  std::string first_parameter = Identifier(camel, rng);
  std::string second_parameter = Identifier(camel, rng);
  if (second_parameter == first_parameter) second_parameter += "2";
  variables = {first_parameter, second_parameter};
  switch (style) {
    case CodeStyle::kPython:
      lines.push_back("def " + function_name + "(" + first_parameter + ", " + second_parameter +
                      "):");
      break;
    case CodeStyle::kJavaScript:
      lines.push_back("function " + function_name + "(" + first_parameter + ", " +
                      second_parameter + ") {");
      break;
    case CodeStyle::kTypeScript:
      lines.push_back("function " + function_name + "(" + first_parameter + ": number, " +
                      second_parameter + ": number): number {");
      break;
    case CodeStyle::kC:
      lines.push_back("int " + function_name + "(int " + first_parameter + ", int " +
                      second_parameter + ") {");
      break;
    case CodeStyle::kJava:
      lines.push_back("public static int " + function_name + "(int " + first_parameter + ", int " +
                      second_parameter + ") {");
      break;
    case CodeStyle::kCSharp:
      lines.push_back("public static int " + function_name + "(int " + first_parameter + ", int " +
                      second_parameter + ")");
      lines.push_back("{");
      break;
  }
  const std::size_t header_lines = lines.size();
  const std::size_t body_budget = total_lines > header_lines + frame_lines - 1
                                      ? total_lines - header_lines - (frame_lines - 1)
                                      : 0;
  std::size_t used = 0;
  while (used < body_budget) used += statement(body_budget - used, indent);
  const std::string result = variables[rng.Below(variables.size())];
  lines.push_back(indent + "return " + result + end);
  if (!python) lines.push_back("}");
  return JoinLines(lines);
}

std::string SlotFiller::Fill(std::string_view slot, PromptState& state, CorpusRng& rng) const {
  const TextLanguage& language = Language(state);
  if (slot == "question") return Question(language, rng);
  if (slot == "context") {
    const std::size_t words = static_cast<std::size_t>(rng.Between(40, 200));
    return Sentences(language, words, /*paragraphs=*/true, rng);
  }
  if (slot == "passage") {
    const std::size_t words = static_cast<std::size_t>(rng.Between(40, 180));
    return Sentences(language, words, /*paragraphs=*/false, rng);
  }
  if (slot == "document") {
    const std::size_t words = static_cast<std::size_t>(rng.Between(80, 250));
    return Sentences(language, words, /*paragraphs=*/true, rng);
  }
  if (slot == "answer") return Answer(language, rng);
  if (slot == "choice") return Choice(language, rng);
  if (slot == "subject") return Pick(kSubjects, rng);
  if (slot == "instruction") return Instruction(language, rng);
  if (slot == "input") return Input(language, rng);
  if (slot == "system") return System(rng);
  if (slot == "code") return Code(state, rng);
  if (slot == "language") {
    // The first mention names the language the prompt's code is in; later ones another.
    std::size_t index = state.code_language;
    if (state.programming_languages_named++ > 0) {
      const std::uint64_t offset = 1 + rng.Below(std::size(kProgrammingLanguages) - 1);
      index = (index + offset) % std::size(kProgrammingLanguages);
    }
    return kProgrammingLanguages[index].name;
  }
  if (slot == "source_lang" || slot == "target_lang") {
    if (state.source_language < 0) {
      // A prompt written in another language translates from it.
      state.source_language = language.natural_language != 0
                                  ? static_cast<int>(language.natural_language)
                                  : static_cast<int>(rng.Below(std::size(kNaturalLanguages)));
    }
    if (slot == "source_lang") return kNaturalLanguages[state.source_language];
    if (state.target_language < 0) {
      const std::uint64_t offset = 1 + rng.Below(std::size(kNaturalLanguages) - 1);
      state.target_language =
          static_cast<int>((static_cast<std::uint64_t>(state.source_language) + offset) %
                           std::size(kNaturalLanguages));
    }
    return kNaturalLanguages[state.target_language];
  }
  if (slot == "number") return Number(rng);
  if (slot == "name") return Name(rng);
  if (slot == "title") return Title(language, rng);
  if (slot == "sentence") {
    const std::size_t words = static_cast<std::size_t>(rng.Between(6, 25));
    return Sentence(language, words, rng);
  }
  if (slot == "json") return Json(rng);
  if (slot == "url") return Url(rng);
  if (slot == "email") return Email(rng);
  if (slot == "quote") {
    const std::size_t words = static_cast<std::size_t>(rng.Between(6, 20));
    return Sentence(language, words, rng);
  }
  if (slot == "topic") return Topic(language, rng);
  if (slot == "date") return Date(rng);
  return "";  // not reached for parsed formats: SplitFormatText rejects unknown slots
}

std::string SlotFiller::FreeText(PromptState& state, CorpusRng& rng) const {
  const TextLanguage& language = Language(state);
  const bool english = language.natural_language == 0;
  // Mostly short requests, some long ones.
  const std::size_t words =
      static_cast<std::size_t>(rng.Chance(0.6) ? rng.Between(5, 40) : rng.Between(41, 120));
  std::string out;
  std::size_t used = 0;
  if (rng.Chance(0.4)) {
    std::string opener;
    if (english) {
      opener = Pick(kEnglishRequestOpeners, rng);
    } else if (rng.Chance(0.5)) {
      opener = language.imperatives[rng.Below(language.imperatives.size())];
    } else {
      opener = language.question_openers[rng.Below(language.question_openers.size())];
    }
    used = english ? SplitOnSpaces(opener).size() : 1;
    // The opening sentence is a short request; the rest of the prompt follows as sentences.
    const std::size_t opening_words = static_cast<std::size_t>(rng.Between(3, 15));
    const std::size_t rest =
        std::max<std::size_t>(1, std::min(opening_words, words > used ? words - used : 1));
    out = opener + language.joiner + Join(language, WordRun(language, rest, rng));
    out += rng.Chance(0.5) ? language.question_close : language.full_stop;
    used += rest;
  }
  if (used < words) {
    if (!out.empty()) out += language.joiner;
    out += Sentences(language, words - used, /*paragraphs=*/words > 80, rng);
  }
  if (rng.Chance(0.15)) {
    out += english ? " It is about " : language.joiner;
    out += Number(rng);
    out += english ? " in total." : language.full_stop;
  }
  if (rng.Chance(0.08)) {
    const std::size_t quote_words = static_cast<std::size_t>(rng.Between(6, 20));
    out += english ? " Someone wrote: \"" : language.joiner + "\"";
    out += Sentence(language, quote_words, rng) + "\"";
  }
  if (rng.Chance(0.06)) {
    out += english ? " Link: " : language.joiner;
    out += Url(rng);
  }
  if (rng.Chance(0.12)) {
    out += "\n\n```\n" + Code(state, rng) + "\n```";
  }
  return out;
}

}  // namespace internal

// ---------------------------------------------------------------------------------------------
// Parsing.

namespace {

bool IsKnownSlot(std::string_view name) {
  return std::find(std::begin(kFormatSlotNames), std::end(kFormatSlotNames), name) !=
         std::end(kFormatSlotNames);
}

bool IsLongSlot(std::string_view name) {
  return std::find(std::begin(kLongFormatSlotNames), std::end(kLongFormatSlotNames), name) !=
         std::end(kLongFormatSlotNames);
}

bool IsKnownKind(std::string_view kind) {
  return std::find(std::begin(kFormatKinds), std::end(kFormatKinds), kind) !=
         std::end(kFormatKinds);
}

template <std::size_t N>
std::string JoinNames(const std::string_view (&names)[N]) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string_view Trimmed(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

std::string LinePrefix(std::size_t line) { return "line " + std::to_string(line) + ": "; }

// SplitFormatText with line numbers counted from `first_line`.
Result<std::vector<FormatPiece>> SplitFormatTextFrom(std::string_view text,
                                                     std::size_t first_line) {
  std::vector<FormatPiece> pieces;
  std::string fixed;
  std::size_t line = first_line;
  auto flush_fixed = [&]() {
    if (!fixed.empty()) pieces.push_back({std::move(fixed), false});
    fixed.clear();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      fixed += '{';
      i += 2;
      continue;
    }
    if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
      fixed += '}';
      i += 2;
      continue;
    }
    if (c == '}') {
      return Status::InvalidArgument(LinePrefix(line) +
                                     "unbalanced brace: '}' closes no slot; write a literal "
                                     "brace as }}");
    }
    if (c == '{') {
      const std::size_t close = text.find_first_of("{}\n", i + 1);
      if (close == std::string_view::npos || text[close] != '}') {
        return Status::InvalidArgument(LinePrefix(line) +
                                       "unbalanced brace: '{' is not closed on its line; close "
                                       "the slot or write a literal brace as {{");
      }
      const std::string_view name = text.substr(i + 1, close - i - 1);
      if (!IsKnownSlot(name)) {
        return Status::InvalidArgument(LinePrefix(line) + "unknown slot {" + std::string(name) +
                                       "}; use one of " + JoinNames(kFormatSlotNames) +
                                       ", or write literal braces as {{ and }}");
      }
      flush_fixed();
      pieces.push_back({std::string(name), true});
      i = close + 1;
      continue;
    }
    fixed += c;
    ++i;
  }
  flush_fixed();
  return pieces;
}

// One block of the file while it is being read.
struct PendingBlock {
  PromptFormat format;
  std::size_t header_line = 0;
  std::size_t first_text_line = 0;
  std::vector<std::string_view> lines;
};

Status FinishBlock(PendingBlock& block, std::vector<PromptFormat>& formats) {
  while (!block.lines.empty() && block.lines.back().empty()) block.lines.pop_back();
  std::string text;
  for (std::size_t i = 0; i < block.lines.size(); ++i) {
    if (i) text += '\n';
    text += block.lines[i];
  }
  Result<std::vector<FormatPiece>> pieces = SplitFormatTextFrom(text, block.first_text_line);
  if (!pieces.ok()) {
    return Status::InvalidArgument(pieces.status().message() + " (in format '" + block.format.name +
                                   "')");
  }
  const bool has_long_slot =
      std::any_of(pieces->begin(), pieces->end(),
                  [](const FormatPiece& piece) { return piece.is_slot && IsLongSlot(piece.text); });
  if (!has_long_slot) {
    return Status::InvalidArgument(LinePrefix(block.header_line) + "format '" + block.format.name +
                                   "' has no long slot; add one of " +
                                   JoinNames(kLongFormatSlotNames));
  }
  block.format.text = std::move(text);
  formats.push_back(std::move(block.format));
  return Status::Ok();
}

}  // namespace

Result<std::vector<FormatPiece>> SplitFormatText(std::string_view text) {
  return SplitFormatTextFrom(text, 1);
}

Result<std::vector<PromptFormat>> ParsePromptFormats(std::string_view file_text) {
  std::vector<PromptFormat> formats;
  std::set<std::string, std::less<>> names;
  std::optional<PendingBlock> block;
  std::size_t line_number = 0;
  std::size_t position = 0;
  while (position < file_text.size()) {
    std::size_t end = file_text.find('\n', position);
    if (end == std::string_view::npos) end = file_text.size();
    std::string_view line = file_text.substr(position, end - position);
    position = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF checkouts

    if (line.substr(0, 3) == "===") {
      if (block) {
        RINGGRAPH_RETURN_IF_ERROR(FinishBlock(*block, formats));
        block.reset();
      }
      std::vector<std::string_view> fields;
      std::string_view header = line.substr(3);
      for (int f = 0; f < 2; ++f) {
        const std::size_t bar = header.find('|');
        if (bar == std::string_view::npos) break;
        fields.push_back(Trimmed(header.substr(0, bar)));
        header = header.substr(bar + 1);
      }
      fields.push_back(Trimmed(header));
      if (fields[0].empty()) {
        return Status::InvalidArgument(LinePrefix(line_number) +
                                       "format block has no name; write '=== <name> | <kind> | "
                                       "<source>'");
      }
      if (fields.size() < 3) {
        return Status::InvalidArgument(LinePrefix(line_number) + "header of '" +
                                       std::string(fields[0]) +
                                       "' needs three fields; write '=== <name> | <kind> | "
                                       "<source>'");
      }
      if (names.count(fields[0]) > 0) {
        return Status::InvalidArgument(LinePrefix(line_number) + "duplicate name '" +
                                       std::string(fields[0]) + "'; give each format its own");
      }
      if (!IsKnownKind(fields[1])) {
        return Status::InvalidArgument(LinePrefix(line_number) + "unknown kind '" +
                                       std::string(fields[1]) + "' for '" + std::string(fields[0]) +
                                       "'; use one of " + JoinNames(kFormatKinds));
      }
      names.emplace(fields[0]);
      block.emplace();
      block->format.name = std::string(fields[0]);
      block->format.kind = std::string(fields[1]);
      block->format.source = std::string(fields[2]);
      block->header_line = line_number;
      block->first_text_line = line_number + 1;
      continue;
    }
    if (block) {
      block->lines.push_back(line);
    } else if (!line.empty() && line[0] != '#' && !Trimmed(line).empty()) {
      return Status::InvalidArgument(LinePrefix(line_number) +
                                     "text outside a format block; start a block with '=== "
                                     "<name> | <kind> | <source>' or make the line a # comment");
    }
  }
  if (block) RINGGRAPH_RETURN_IF_ERROR(FinishBlock(*block, formats));
  return formats;
}

Result<std::vector<PromptFormat>> LoadPromptFormats(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IoError(path + ": cannot open the formats file (" + std::strerror(errno) +
                           "); check the path");
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) {
    return Status::IoError(path + ": reading the formats file failed; check the file");
  }
  Result<std::vector<PromptFormat>> formats = ParsePromptFormats(contents.str());
  if (!formats.ok()) return formats.status().WithContext(path);
  return formats;
}

// ---------------------------------------------------------------------------------------------
// The corpus.

FormatCorpus::FormatCorpus(std::vector<PromptFormat> formats, FormatCorpusOptions options)
    : formats_(std::move(formats)),
      options_(options),
      filler_(std::make_shared<const internal::SlotFiller>()) {
  pieces_.reserve(formats_.size());
  for (const PromptFormat& format : formats_) {
    Result<std::vector<FormatPiece>> pieces = SplitFormatText(format.text);
    if (pieces.ok()) {
      pieces_.push_back(std::move(pieces).value());
    } else {
      pieces_.push_back({FormatPiece{format.text, false}});
    }
  }
}

std::string FormatCorpus::Fill(std::uint32_t format, CorpusRng& rng) const {
  internal::PromptState state = filler_->NewPrompt(options_.non_english_share, rng);
  std::string out;
  for (const FormatPiece& piece : pieces_[format]) {
    if (piece.is_slot) {
      out += filler_->Fill(piece.text, state, rng);
    } else {
      out += piece.text;
    }
  }
  return out;
}

std::string FormatCorpus::FreeText(CorpusRng& rng) const {
  internal::PromptState state = filler_->NewPrompt(options_.non_english_share, rng);
  return filler_->FreeText(state, rng);
}

std::vector<LabelledPrompt> FormatCorpus::Generate() const {
  CorpusRng rng(options_.seed * 0xbf58476d1ce4e5b9ULL + 0x5f0c3a1bULL);
  std::vector<LabelledPrompt> prompts;
  prompts.reserve(formats_.size() * options_.prompts_per_format + options_.free_text_prompts);
  for (std::uint32_t f = 0; f < format_count(); ++f) {
    for (std::uint32_t k = 0; k < options_.prompts_per_format; ++k) {
      prompts.push_back({Fill(f, rng), static_cast<std::int32_t>(f)});
    }
  }
  for (std::uint32_t k = 0; k < options_.free_text_prompts; ++k) {
    prompts.push_back({FreeText(rng), kFreeText});
  }
  ShuffleCorpus(prompts, rng);
  return prompts;
}

}  // namespace ringgraph::templates
