#!/usr/bin/python3
"""Held-out evaluation corpus "E" for the prompt-template miner.

Writes a JSON Lines corpus; one object per line:
    {"text": <prompt>, "account": <account id>, "family": <int>}

Contents
  * 62 template families (ids 0..61).  Each family is one prompt template of
    the kind real users of an LLM API write for bulk querying, data generation
    or everyday use: fixed wording plus one or more slots filled per prompt.
    The families are grouped as follows (see --list):
      - 15 short templates (3-8 fixed words), fillings from one word up to
        several sentences, slots at the start, middle or end;
      - 15 long system-style templates (2-5 fixed sentences, 1-3 slots);
      - 11 templates with structured slots (multi-line code, JSON, URLs,
        e-mail addresses, dates, numbers, bullet lists, quoted strings);
      - 8 templates whose fillings are long paragraphs (50-200 words of
        compositionally generated prose);
      - 6 templates with the small surface variation a real script has
        (optional "Please ", optional trailing sentence, alternating words
        such as brief/short, casing and punctuation differences);
      - 7 few-shot / multi-turn formats (Q/A examples, "### Instruction"
        blocks, role-tagged chat transcripts, ChatML).
    Accounts of family f are "e-f{f}-a{k}", k < --accounts-per-family.  Every
    account gets at least one prompt (when there are enough prompts), the
    rest are spread with a mild skew.
  * Free texts (family -1), each from its own account "e-free-{i}": one-off
    prompts assembled from many small interchangeable pieces (greetings,
    context sentences, ~150 request wordings, constraints, sign-offs, case
    and punctuation noise), 5-60 words long, so no wording recurs often.

Flags
  --seed N                 random seed (default 1); output is deterministic
  --per-family N           prompts per family (default 40, must be >= 1)
  --accounts-per-family N  accounts per family (default 10, must be >= 1)
  --free-texts N           number of free texts (default 1000, must be >= 0)
  --out PATH               output file (default: stdout)
  --list                   print "id<TAB>short description" per family, exit
Bad flag values give a message on stderr and exit code 2.  Output lines are
shuffled.  Standard library only.

Provenance: this set was written independently, without reading the miner
(graph/templates/), the other benchmark sets (tools/bench/template_families_*)
or the tests.  Because it is meant as a held-out set, its misses should only
be read (and used to change the miner) after a newer held-out set exists to
take its place.

History: scored as held out on 2026-12-06 (recall 0.52/0.50/0.52 for seeds
1-3 on the miner of that morning, 0.59/0.57/0.57 after the day's first two
changes, which were made on set D). Its misses were then read, while set F
(template_families_f.py) was being written to take its place; E is no longer
held out.

usage: tools/bench/template_families_e.py --seed 1 --out E.jsonl &&
       tools/bench/template_pairs.py E.jsonl
"""

import argparse
import json
import random
import re
import sys
import unicodedata

def W(s):
    return s.split()

def L(s):
    s = " ".join(s.split())
    return [x.strip() for x in s.split("|") if x.strip()]

# ---------------------------------------------------------------------------
# Grammar pools.  {key} inside an alternative expands recursively.
# ---------------------------------------------------------------------------
G = {}
G["first"] = W("""Olivia
Liam Emma Noah Ava Elijah Sophia Mateo Isabella Lucas Mia Amir Priya Chen Yuki Fatima Omar Lena Jonas Sofia Diego Aisha Kofi Ingrid Rafael Hana Tomasz Nia Arjun Mei Carlos Elena Dmitri Zara Felix Nora
Hugo Leila Mateus Ana Ravi Keiko Samuel Grace Ibrahim Chloe Marco Julia Tariq Freya Oscar Amara Pablo Svetlana Kenji Rosa Malik Clara Anders Lucia Tunde Maya Viktor Esther Jamal Helena Bruno Ines Kai""")
G["last"] = W("""Smith Garcia Nguyen Patel Kowalski Müller Rossi Johansson Okafor Tanaka Silva Haddad Novak Kim Dubois Fischer Moreno Ivanova Chen Mensah Lindqvist O'Brien Schmidt Costa Yilmaz Park
Sato Hernandez Fernandes Andersen Baker Cohen Kaur Alvarez Murphy Nakamura Petrov Brown Wilson Santos Jensen Romero Abebe Weber Horvat Takahashi Lopez Reyes Singh Walker Hughes Bauer Gallo Ortiz
Kaplan Ferreira Dlamini Varga Bianchi Eriksen Wójcik""")
G["name"] = ["{first}", "{first} {last}", "{first} {last}"]
G["city"] = L("""Lisbon|Nairobi|Osaka|Toronto|Lyon|Krakow|Austin|Melbourne|Bogotá|Seoul|Cairo|Oslo|Hanoi|Denver|Porto|Glasgow|Istanbul|
Mumbai|Lagos|Santiago|Vienna|Montreal|Reykjavik|Dublin|Marrakesh|Kyoto|Bangkok|Buenos Aires|Cape Town|Edinburgh|Helsinki|Tbilisi|Valencia|Seattle|Chicago|Manila|Jakarta|Lima|Athens|Prague|Budapest|
Copenhagen|Munich|Naples|Bordeaux|Rotterdam|Antwerp|Zurich|Tallinn|Vilnius|Sarajevo|Accra|Kigali|Dakar|Tunis|Amman|Beirut|Doha|Dubai|Karachi|Kathmandu|Colombo|Taipei|Busan|Sapporo|Auckland|Perth|
Vancouver|Halifax|Boston|Nashville|Portland|Minneapolis|New Orleans|Havana|Quito|Montevideo|Medellín|Guadalajara|Oaxaca|Salvador|Recife|Cork|Bristol|Leeds|Gothenburg|Bergen|Turku|Gdańsk|Ljubljana|
Split|Plovdiv|Cluj-Napoca|Thessaloniki|Izmir|Almaty|Ulaanbaatar""")
G["country"] = L("""Portugal|Kenya|Japan|Canada|France|Poland|Brazil|Australia|Colombia|South Korea|Egypt|Norway|Vietnam|Mexico|Scotland|Turkey|India|Nigeria|Chile|Austria|Ireland|Iceland|Morocco|
Thailand|Argentina|South Africa|Finland|Georgia|Spain|Italy|Greece|Czechia|Hungary|Denmark|Germany|Belgium|Switzerland|Estonia|Lithuania|Ghana|Rwanda|Senegal|Tunisia|Jordan|Lebanon|Qatar|Pakistan|
Nepal|Sri Lanka|Taiwan|New Zealand|Peru|Uruguay|Ecuador|Cuba|Bolivia|Slovenia|Croatia|Bulgaria|Romania|Kazakhstan|Mongolia|the Philippines|Indonesia|Malaysia|Ethiopia|Tanzania|Uganda|Zambia|Namibia|
Latvia|Slovakia|Serbia|Albania|Armenia|Uzbekistan|Bangladesh|Laos|Cambodia|Paraguay|Costa Rica|Panama|Jamaica|Fiji""")
G["lang"] = W("""Spanish French German Portuguese Italian Japanese Korean Mandarin Arabic Hindi Dutch Swedish Polish Turkish Greek Vietnamese Indonesian Russian Ukrainian Czech Finnish Hebrew Thai
Swahili Norwegian Danish Romanian Hungarian Tagalog Bengali Catalan Icelandic""")
G["adj"] = W("""quiet broken shiny heavy ancient tiny enormous rusty fragile expensive cheap colorful faded handmade wooden vintage modern noisy stubborn curious friendly mysterious bright dusty
elegant clumsy careful brave lazy cheerful grumpy gentle fierce delicate sturdy portable wireless foldable waterproof secondhand oversized lightweight bitter sweet spicy crispy frozen steaming soggy
fresh stale golden silver crimson turquoise purple invisible forgotten hidden borrowed abandoned crowded empty haunted peaceful chaotic slippery sticky ambitious sleepy anxious honest polite strange
ordinary remarkable suspicious generous""")
G["noun"] = W("""lamp bicycle kettle umbrella notebook ladder suitcase guitar blender printer laptop mirror sofa backpack camera telescope wallet violin teapot carpet curtain drawer fence garden
balcony window chimney bridge lighthouse harbor tractor helmet scooter canoe tent compass lantern hammer shovel keyboard monitor router charger headset drone microwave fridge toaster oven sink faucet
radiator painting sculpture poster calendar diary envelope parcel ticket receipt invoice contract passport sandwich pizza cake pie soup salad omelette pancake cookie croissant muffin burrito dumpling
cat dog parrot hamster goldfish rabbit tortoise horse goat chicken owl fox squirrel hedgehog sweater jacket scarf boot sneaker hat glove necklace bracelet ring watch plant cactus orchid tomato pumpkin
mushroom pineapple mango lemon avocado carrot""")
G["animal"] = W("""otter penguin giraffe hedgehog raccoon octopus sloth badger flamingo walrus lemur koala axolotl pelican beaver narwhal chameleon ferret llama capybara platypus dolphin moose lynx""")
G["pet_kind"] = L("cat|dog|parrot|hamster|rabbit|tortoise|goldfish|ferret|bearded dragon|guinea pig|corgi|rescue greyhound")
G["role"] = L("""data analyst|nurse|high school teacher|software engineer|
graphic designer|accountant|pharmacist|project manager|barista|civil engineer|paralegal|social worker|UX researcher|electrician|veterinarian|marketing coordinator|warehouse supervisor|
dental hygienist|product manager|chef|journalist|librarian|physiotherapist|real estate agent|flight attendant|lab technician|recruiter|sales rep|carpenter|copy editor|PhD student|DevOps engineer|
museum guide|bus driver|event planner|translator|financial advisor|game developer|dietitian|architect|customer success manager|security analyst|kindergarten teacher|photographer|truck driver|
biologist|radio producer|small business owner|medical student|retired engineer|stay-at-home parent|freelance illustrator|police officer|farmer|tattoo artist|yoga instructor|mechanic|court reporter|
pilot|music teacher""")
G["relation"] = L("""sister|brother|mom|dad|boss|roommate|partner|grandmother|grandfather|best friend|coworker|neighbor|cousin|aunt|uncle|son|daughter|wife|husband|girlfriend|boyfriend|landlord|
teammate|professor|mentor""")
G["thing"] = L("""vaccines|solar panels|credit scores|tides|sourdough starters|black holes|electric cars|noise-cancelling headphones|index funds|vinyl records|rainbows|earthquakes|bees|volcanoes|
3D printers|password managers|mortgages|antibiotics|hurricanes|coral reefs|nuclear reactors|heat pumps|time zones|dreams|microwaves|submarines|fireflies|glaciers|tariffs|batteries|airplanes|
satellites|fungi|migraines|allergies|stock options|tax brackets|language models|search engines|compilers|wind turbines|octopuses|auroras|hiccups|jet lag|muscle cramps|sunburns|rust|soap|cheese|coffee|
chocolate|elevators|traffic lights|credit cards|spam filters|hearing aids|QR codes|barcodes|thermostats|noise complaints|food deserts""")
G["field"] = L("""urban planning|marine biology|behavioral economics|machine learning|art history|organic chemistry|supply chain management|public health|astrophysics|cognitive psychology|
graphic design|linguistics|cybersecurity|nutrition science|climate science|game design|constitutional law|accounting|ethnomusicology|robotics|epidemiology|philosophy of mind|data visualization|
architecture|agronomy|neuroscience|film studies|macroeconomics|statistics|forestry|journalism|nursing|materials science|anthropology|veterinary medicine|renewable energy|cryptography|archaeology|
sports science|music theory""")
G["tech"] = L("""gradient descent|eventual consistency|idempotency|dependency injection|a race condition|garbage collection|tail call optimization|a content delivery network|zero-knowledge proofs|
the CAP theorem|backpropagation|a hash collision|copy-on-write|memoization|a bloom filter|load balancing|sharding|a deadlock|two-phase commit|public key cryptography|a mutex|the event loop|
a vector database|retrieval augmented generation|overfitting|regularization|transfer learning|tokenization|a Merkle tree|consistent hashing|rate limiting|blue-green deployment|canary releases|
infrastructure as code|a service mesh|a reverse proxy|DNS propagation|TCP slow start|a memory leak|lazy evaluation|currying|monads|type inference|the borrow checker|a just-in-time compiler|
speculative execution|cache invalidation|database normalization|an ORM|WebSockets|server-side rendering|tree shaking|a virtual DOM|OAuth scopes|JSON Web Tokens|cross-site scripting|SQL injection|
a man-in-the-middle attack|end-to-end encryption|differential privacy|federated learning|a convolutional layer|attention heads|beam search|temperature sampling|quantization|a Kalman filter|
Fourier transforms|Bayesian inference|p-hacking|a confidence interval|the central limit theorem|Simpson's paradox|Monte Carlo simulation|a Markov chain|dynamic programming|big O notation|
a binary search tree|a heap|a trie|topological sorting|Dijkstra's algorithm|compound interest|inflation|quantitative easing|herd immunity|photosynthesis|plate tectonics|the greenhouse effect|
natural selection|the placebo effect|opportunity cost|supply and demand|the Doppler effect""")
G["vocab"] = W("""ephemeral ubiquitous serendipity lucid pragmatic obfuscate quixotic laconic sanguine ineffable perfunctory ambivalent cacophony esoteric gregarious idiosyncratic juxtapose melancholy
nonchalant obsequious paradigm quintessential recalcitrant sycophant tenacious unctuous vicarious wistful zeitgeist anachronism benevolent capricious diaphanous ebullient fastidious garrulous hegemony
iconoclast juggernaut kitsch lethargic magnanimous nefarious ostentatious petulant querulous resilient sardonic taciturn umbrage verbose whimsical yearning zealous acquiesce belligerent candor
deference effervescent facetious gratuitous hubris impetuous jovial loquacious mercurial nostalgia opulent placate precocious reticent scrupulous trepidation unilateral vindicate wanderlust aplomb
bucolic cognizant dichotomy euphemism fortuitous gauche hyperbole inertia jargon liminal mundane nuance oscillate palimpsest quandary rhetoric solipsism tangential uncanny vestige wane ambiguity
bureaucracy catharsis dogma empathy fallacy gaslighting heuristic irony leverage metaphor nihilism oligarchy paradox quorum redundancy stoicism synergy tautology verisimilitude entropy osmosis
amortization arbitrage collateral depreciation equity liquidity mitochondria enzyme isotope catalyst latency recursion polymorphism encapsulation middleware firmware allegory alliteration onomatopoeia
filibuster gerrymandering referendum sovereignty diaspora feudalism mercantilism umami emulsion fermentation terroir tannin schadenfreude hygge saudade petrichor defenestration sonder apophenia
limerence kerfuffle brouhaha flummoxed""")
G["idiom"] = L("""break a leg|bite the bullet|the ball is in your court|once in a blue moon|spill the beans|hit the sack|under the weather|cost an arm and a leg|let the cat out of the bag|
beat around the bush|burn the midnight oil|cut corners|get cold feet|jump the gun|on thin ice|the elephant in the room|a blessing in disguise|bark up the wrong tree|call it a day|pull someone's leg|
speak of the devil|the last straw|throw in the towel|touch base|move the needle|low-hanging fruit|circle back|boil the ocean|take it with a grain of salt|back to square one|the whole nine yards|
sit on the fence|no spring chicken|add insult to injury|hit the ground running|read the room|ship has sailed|bob's your uncle""")
G["people"] = L("""Ada Lovelace|Nikola Tesla|Marie Curie|Frida Kahlo|Mansa Musa|Hypatia|Ibn Battuta|Rosalind Franklin|Alan Turing|Grace Hopper|Harriet Tubman|Simón Bolívar|Genghis Khan|Cleopatra|
Leonardo da Vinci|Johannes Gutenberg|Florence Nightingale|Srinivasa Ramanujan|Nelson Mandela|Catherine the Great|Confucius|Hatshepsut|Galileo Galilei|Mary Shelley|Katherine Johnson|Wangari Maathai|
Ernest Shackleton|Zheng He|Emmy Noether|Sojourner Truth|Toussaint Louverture|Murasaki Shikibu|Charles Babbage|Hedy Lamarr|Rachel Carson|Akbar the Great|Tycho Brahe|Ida B. Wells|Jean-Michel Basquiat|
Sacagawea|Ludwig van Beethoven|Amelia Earhart|Nicolaus Copernicus|Otto von Bismarck|Queen Victoria|Hannibal Barca|Margaret Hamilton|Alexander von Humboldt|Chinua Achebe|Lise Meitner|
Ferdinand Magellan|Pablo Neruda|Yuri Gagarin|Dorothy Hodgkin|Tim Berners-Lee|Ashoka|Joan of Arc|Sun Tzu|Rumi|Gregor Mendel|Niels Bohr|Coco Chanel|Bessie Coleman|Ibn Sina|Al-Khwarizmi|
Sor Juana Inés de la Cruz|Kwame Nkrumah|Ching Shih|Vasco da Gama|Hildegard of Bingen""")
G["invention"] = L("the printing press|the first compiler|the stethoscope|the bicycle|vulcanized rubber|the World Wide Web|the telephone|the periodic table|the barcode|the ballpoint pen|the dishwasher|the first antibiotic|the jet engine|the windshield wiper")
G["event"] = L("""the French Revolution|
the 2008 financial crisis|the fall of the Roman Empire|the Dust Bowl|the Great Depression|the Irish potato famine|the First World War|the collapse of the Soviet Union|the Arab Spring|the Black Death|
the dot-com crash|the Protestant Reformation|the Haitian Revolution|the Thirty Years' War|the Cuban Missile Crisis|the 1970s oil crisis|the Industrial Revolution|the partition of India|
the Chernobyl disaster|the Asian financial crisis|the fall of the Berlin Wall|the Meiji Restoration|the American Civil War|the Opium Wars|the Mexican Revolution|coral bleaching|urban sprawl|
teacher shortages|rising housing prices in {country}|the decline of local newspapers|traffic congestion in {city}|wildfires in {country}|inflation in the 1970s|the decline of bee populations|
soil erosion|burnout among {role}s|the {year} blackout in {city}|low voter turnout|antibiotic resistance|the obesity epidemic|the shrinking of the Aral Sea|the collapse of the cod fishery|
hyperinflation in Weimar Germany""")
G["street"] = L("""Maple Street|Elm Avenue|Harbor Road|King Street|Station Road|Oak Lane|Mill Street|Bridge Road|Church Street|Park Avenue|Market Square|Canal Street|Hill Road|River Walk|
Victoria Road|Baker Lane""")
G["weekday"] = W("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
G["month"] = W("January February March April May June July August September October November December")
G["season"] = W("spring summer autumn winter")
G["room"] = L("kitchen|bathroom|garage|basement|living room|attic|home office|bedroom|hallway|garden shed")
G["device"] = L("laptop|phone|gaming PC|old MacBook|router|Raspberry Pi|smart TV|tablet|e-reader|dishwasher")
G["color"] = W("red blue yellow green white black orange purple")
G["element"] = L("gold|iron|sodium|potassium|silver|lead|tin|mercury|tungsten|copper|helium|neon|calcium|zinc")
G["musician"] = L("Miles Davis|Jimi Hendrix|Fela Kuti|Glenn Gould|Django Reinhardt|Ravi Shankar|Yo-Yo Ma|Charlie Parker|Nina Simone|Paco de Lucía")
G["ingredient"] = L("""chickpeas|
spinach|feta|eggs|rice|lentils|canned tomatoes|garlic|ginger|coconut milk|tofu|chicken thighs|salmon|potatoes|sweet potatoes|zucchini|mushrooms|onions|carrots|bell peppers|pasta|parmesan|lemons|
yogurt|oats|bananas|peanut butter|black beans|corn tortillas|cabbage|kale|bacon|shrimp|quinoa|couscous|halloumi|mozzarella|pesto|miso paste|soy sauce|honey|apples|leeks|cauliflower|broccoli|
ground beef|frozen peas|cream cheese|bread crumbs|cilantro|basil|chorizo|sardines|butternut squash""")
G["dish_style"] = L("""spicy|lemon garlic|creamy|one-pot|smoky|crispy|honey-glazed|Thai-style|Moroccan-spiced|herbed|slow-cooked|sheet-pan|coconut|miso|pesto|cajun|sweet and sour|roasted|grilled|
chipotle|gluten-free|vegan""")
G["dish_base"] = L("""chickpea curry|salmon|mushroom risotto|chicken thighs|tofu stir-fry|lentil soup|pasta|fish tacos|vegetable lasagna|pork chops|shrimp noodles|black bean burgers|cauliflower|
egg fried rice|beef stew|gnocchi|quinoa salad|pancakes|banana bread|potato gratin|ramen|shakshuka|dumplings|flatbread""")
G["dish"] = ["{dish_style} {dish_base}", "{dish_style} {dish_base}", "{dish_base} with {ingredient}"]
G["dish_simple"] = L("lasagna|pho|paella|ramen|tacos|pancakes|sushi|hummus|borscht|pad thai|biryani|goulash|falafel|moussaka|pierogi|ceviche|risotto|curry")
G["brandA"] = W("""North
Blue Silver Bright Iron Green Red Swift Clear Lumen Terra Nova Stone Oak Cedar Harbor Summit Pixel Quantum Atlas Orbit Vertex Maple Falcon Crescent Echo Zen Polar Delta Apex Sun River Cloud Willow
Granite Copper Amber Kestrel Meridian""")
G["brandB"] = W("wind field works line point gate stack ridge bridge leaf forge path wave light crest bay dale spark")
G["orgtype"] = L("""Logistics|Labs|Health|Bank|Foods|Systems|Insurance|Media|
Energy|Motors|Analytics|Pharmaceuticals|Airlines|Retail|Software|Studios|Robotics|Telecom|Realty|Outfitters""")
G["org"] = ["{brandA}{brandB} {orgtype}", "{brandA} {orgtype}", "{brandA}{brandB}"]
G["item"] = L("""air purifier|backpack|standing desk|electric kettle|smartwatch|water bottle|yoga mat|desk lamp|
bluetooth speaker|rice cooker|office chair|hiking boot|rain jacket|coffee grinder|baby monitor|robot vacuum|phone case|travel pillow|mechanical keyboard|espresso machine|e-bike|blender|tent|
sleeping bag|label printer|webcam|noise machine|cast iron skillet|camera bag|running vest""")
G["padj"] = L("UltraQuiet|AirLite|ProMax|EcoSmart|FlexFit|ClearView|Everyday|Compact|Trail|Studio|Nomad|Classic|Fusion|Aero|Core|Plus")
G["product"] = ["the {brandA}{brandB} {padj} {item}", "the {brandA} {item} {model}", "a {brandA}{brandB} {item}", "the {padj} {item} from {brandA}{brandB}"]
G["goods"] = L("""handmade ceramics|
outdoor gear|vintage vinyl records|organic skincare|board games|pet supplies|kitchen knives|children's books|running shoes|smart home devices|art supplies|refurbished phones|houseplants|specialty tea|
camping stoves|baby clothes|bike parts|musical instruments|craft beer kits""")
G["biz_kind"] = L("""bike repair shop|bakery|dog grooming salon|tax consulting firm|coffee roastery|plant nursery|yoga studio|food truck|bookstore|cleaning service|tattoo studio|language school|
escape room|craft brewery|vintage clothing store|wedding photography business|IT support company|daycare|climbing gym|ice cream parlor|pottery studio|moving company|vegan restaurant|recording studio|
hostel""")
G["biz_qual"] = L("family-run|24-hour|mobile|eco-friendly|retro|luxury|budget|online|neighborhood|women-owned|pet-friendly|minimalist|rural|student-run")
G["business"] = ["a {biz_qual} {biz_kind}", "a {biz_kind} in {city}", "my {biz_qual} {biz_kind}", "a new {biz_kind}"]
G["biz_simple"] = L("bakery|hardware store|taxi company|flower shop|repair shop|restaurant|bookshop|pharmacy|butcher shop")
G["hobby_noun"] = L("chess|birdwatching|sourdough|jazz|bouldering|origami|gardening|astronomy|pottery|retro games|crosswords|fly fishing|salsa dancing|calligraphy")
G["hobby_ing"] = L("""running|
learning {lang}|baking bread|playing chess|rock climbing|painting watercolors|coding in the evenings|volunteering at a shelter|playing the piano|birdwatching|knitting|building furniture|journaling""")
G["tool"] = L("""Notion|Excel|Google Sheets|Trello|Jira|Obsidian|VS Code|Vim|PyCharm|Slack|Teams|Discord|Figma|Canva|Python|R|Julia|Rust|Go|PostgreSQL|MySQL|SQLite|MongoDB|Docker|Podman|AWS|GCP|Azure|
Linux|macOS|Windows|an iPad|a Kindle|Duolingo|Anki|Zoom|WordPress|Squarespace|Shopify|Airtable""")
G["tool2"] = G["tool"]
G["doc"] = L("budget|slide deck|contract|roadmap|onboarding doc|press release|Q{q} forecast|invoice|proposal|FAQ|spec")
G["title"] = ["The {tadj} {tnoun}", "{tnoun} of {city}", "The Last {tnoun}", "A {tnoun} for {first}", "{tadj} {tnoun}s", "The {tnoun} and the {tnoun}"]
G["tadj"] = W("Silent Hollow Crimson Quiet Broken Distant Paper Glass Wandering Hidden Burning Midnight Salt Iron Winter Lost")
G["tnoun"] = W("Garden Lighthouse Orchard Cartographer River Clockmaker Harbor Archive Violin Fox Tide Engine Letter Island Orchid Signal")
G["genre"] = L("fantasy|crime fiction|poetry|science fiction|historical fiction|graphic novels|cookbooks|travel writing|horror|romance|biographies|popular science")
G["occasion"] = L("birthday|retirement|wedding|graduation|farewell|anniversary|housewarming")
G["people_kind"] = L("residents|students|small business owners|commuters|farmers|nurses|retirees|parents|tenants|drivers|teachers|shop owners")

# --- sentences -------------------------------------------------------------
G["subj"] = L("""my neighbor|
the new intern|our team lead|a friend of mine|my {relation}|{first}|{first} from accounting|the landlord|the delivery driver|our downstairs neighbor|the kids next door|my {relation}'s dog|
the city council|the night shift manager|a stranger at the bus stop|the school principal|our startup|the local library|the bakery on {street}|my old professor|the plumber|the IT department|the band|
the coach|the museum curator|the hotel staff|my dentist|the florist|the tour guide|{first} {last}""")
G["vpast"] = W("""forgot repaired painted sold ordered lost found borrowed cancelled rescheduled delivered photographed reviewed rearranged returned misplaced redesigned cleaned donated hid broke
assembled measured replaced inspected wrapped shipped renamed tested""")
G["vbase"] = W("""forget repair paint sell order find borrow cancel reschedule deliver photograph review rearrange return redesign clean donate assemble measure replace inspect wrap ship rename test""")
G["vpp"] = W("""forgotten repaired painted sold ordered found borrowed cancelled rescheduled delivered reviewed returned cleaned donated assembled measured replaced inspected shipped tested""")
G["ving"] = W("repairing painting selling ordering borrowing reviewing rearranging cleaning assembling measuring replacing inspecting testing")
G["obj"] = L("the {adj} {noun}|a {adj} {noun}|my {noun}|the {noun}|the {noun} from {city}|our {adj} {noun}|{first}'s {noun}|the {noun} in the {room}")
G["when"] = L("""yesterday|
last weekend|before the meeting|after lunch|on the way to {city}|this morning|during the storm|right before the holidays|on {weekday}|in {month}|three days ago|while we were on vacation|
at the last minute|without telling anyone|for the second time this month|twice in one week""")
G["clause"] = L("""{subj} {vpast} {obj}|the {noun} was {adj}|{subj} will {vbase} {obj}|{subj} never {vpast} {obj}|nobody noticed the {adj} {noun}|prices in {city} went up again|
the {noun} costs {price}|the meeting moved to {weekday}|{subj} is moving to {city}|the {noun} in the {room} is {adj}|{subj} quit without notice|the order never arrived""")
G["sentence"] = L("""{subj} {vpast} {obj} {when}.|{subj} {vpast} {obj}.|{subj} said that {clause}.|If {clause}, {clause}.|We should have {vpp} {obj} {when}.|{subj} is convinced that {clause}.|
I can't believe {clause}.|Nobody told me that {clause}.|{subj} wants to {vbase} {obj} before {weekday}.|The {noun} in the {room} is {adj} again.|{subj} has been {ving} {obj} all week.|
{subj} will {vbase} {obj} {when}.|Apparently {clause}.|The {adj} {noun} belongs to {subj}.|After {subj} {vpast} {obj}, {clause}.|{subj} asked whether {clause}.""")
G["ctx"] = L("""I saw it in {source_casual}.|My {relation} used it {when} and I didn't want to ask.|It came up in a meeting and everyone nodded like they knew.|Is it formal or casual?|
I'm a {role}, if that matters.|{sentence}|Not sure if I'm spelling it right.|Please give an example sentence too.|I'm learning English and this confuses me.|Context: {sentence}|
It was in a {genre} book I'm reading.|Asking because {clause}.""")
G["source_casual"] = L("a podcast|a news article|an email from HR|a novel|a TikTok video|my textbook|a job posting|a contract|a Reddit thread|a crossword")

# --- paragraphs --------------------------------------------------------------
G["p_news"] = L("""{org} announced on {weekday} that it would {corp_plan} by {deadline}.|
According to {source}, {metric} rose by {pct} percent over the past {n} {periods}.|Critics argue that {claim}, while supporters say {claim}.|
{name}, a {role} based in {city}, described the change as {adj_desc}.|The decision affects roughly {bignum} {people_kind} in {country}.|Officials in {city} declined to comment on {issue}.|
In {year}, {org} tried something similar, and {outcome}.|A spokesperson for {org} said the company remained committed to {value}.|
Local businesses near {street} reported {change} since the {event_noun} began.|The study, which followed {bignum} participants for {n} {periods}, found that {finding}.|
Analysts expect {metric} to {trend_verb} further before the end of {year_future}.|{name} told reporters that {claim}.|It remains unclear whether {clause}.|
Meanwhile, {org} has quietly {vpp} its {adj} {noun} program.|Some experts believe {claim}; others are less certain.|For many {people_kind}, the bigger question is {big_q}.|
The {event_noun} drew about {bignum} visitors, slightly {more_less} than last year.""")
G["p_personal"] = L("""I grew up in {city}, where my {relation} ran a small {biz_simple}.|When I was {age}, I {vpast} {obj} and learned that {lesson}.|
Over the last {n} {periods} I have been {hobby_ing}, mostly on weekends.|Working as a {role} taught me that {lesson}.|The hardest moment came when {clause}.|I still remember {memory}.|
At first I thought {clause}, but I was wrong.|Since then, I have tried to {goal_verb} every day.|My {relation} always said that {saying}.|That experience is the reason I want to study {field}.|
I am not the most {adj_trait} person, but I am {adj_trait2}.|Looking back, {reflection}.|In my second year I started a {hobby_noun} club that grew to {n} members.|
I failed my first {field} exam, and it changed how I study.""")
G["p_feedback"] = L("""I bought {product} {ago} and {first_impression}.|The {part} feels {quality} and {part_detail}.|Delivery took {n} days, which was {delivery_judgement}.|
Customer service {cs_experience}.|What really annoys me is that {annoyance}.|For {price}, I expected {expectation}.|On the positive side, {positive}.|
I have contacted support {n_small} times and {cs_result}.|If the next update does not fix {issue_product}, I will {threat}.|My {relation} has the older model and never had this problem.|
The app keeps {app_problem}, especially when {trigger}.|Honestly, {opinion_product}.|The packaging was {quality} and half the screws were missing.|
I use it mostly for {purpose}, so I need it to be reliable.|After the last update, {issue_product} got worse, not better.|
The {part} and the {part} are both {quality}, which is not acceptable at this price.|I read the reviews before buying, and I should have listened.|Returning it was a nightmare because {annoyance}.""")
G["p_story"] = L("""The {weather_noun} had not stopped for {n} days when {first} finally {story_action}.|Nobody in {village} remembered who had built the {adj} {structure} on the hill.|
{first} counted the {small_things} twice, then a third time, just to be sure.|Somewhere below, a {animal} {animal_action}.|{first} had promised {first} that {promise}.|
The letter was short: '{letter_line}.'|By the time the {vehicle} reached {place_story}, the sky had turned {color}.|Inside the {container}, wrapped in {fabric}, lay {mystery_object}.|
'{dialogue_line},' {first} said, without looking up.|It was the kind of {time_of_day} when {atmosphere}.|For a long moment, nobody moved.|Then the {sound} came again, closer this time.|
{first} had never trusted the {adj} {noun} in the {room}.|The road out of {village} was closed again, and the radio said nothing about why.|
{first} pulled the {fabric_short} tighter and kept walking toward the {structure}.|There were {n} windows in the house, and only one of them was lit.|
Years later, {first} would swear that the {animal} had been waiting for them.|The {noun} on the table was still warm, which made no sense at all.|Outside, the {weather_noun} grew worse.""")
G["fabric_short"] = L("coat|scarf|blanket|cloak|shawl")
G["p_science"] = L("""{thing_cap} work by {mechanism}.|Researchers at {university} recently showed that {finding}.|
This matters because {reason}.|A common misconception is that {misconception}.|In practice, {practice}.|The effect is strongest when {condition}.|
Early experiments in the {decade} suggested that {finding}, but later work {later}.|One way to picture it is to imagine {analogy}.|Understanding {tech} helps explain why {clause_sci}.|
Most textbooks skip this detail, which is a pity.|Engineers at {org} spent {n} years trying to work around this.|The underlying idea dates back to the {decade}.|
Measurements taken in {city} showed a {pct} percent difference between morning and evening.|Nobody fully understands why {clause_sci}, although several theories exist.|
For {people_kind}, the practical consequence is that {thing} wear out sooner than expected.|Put simply, {tech} is a way of trading {trade} for {trade}.""")
G["trade"] = L("speed|accuracy|memory|simplicity|safety|cost|energy|time|flexibility")
G["corp_plan"] = L("""cut its carbon emissions in half|open {n} new stores in {country}|
phase out {adj} packaging|move its headquarters to {city}|hire {bignum} new staff|stop selling {thing}|raise prices on most of its products|merge with {org}""")
G["deadline"] = L("the end of the year|{year_future}|next spring|the third quarter|{month} {year_future}")
G["source"] = L("""a report from {org}|figures released by the statistics office|
a survey of {bignum} households|researchers at {university}|internal documents seen by reporters|the latest census""")
G["metric"] = L("""the average rent in {city}|the number of cyclists in {city}|online sales of {thing}|unemployment among young {role}s|demand for {thing}|the price of {ingredient}|
air pollution near {street}|attendance at public libraries""")
G["claim"] = L("""the plan moves too fast|the change will mostly benefit large companies|{people_kind} were not consulted|the numbers are misleading|the policy will save money in the long run|
the real problem is {issue}|small towns will be left behind|it is the only realistic option|{thing} are being blamed unfairly|the benefits outweigh the costs""")
G["adj_desc"] = L("long overdue|a step in the right direction|confusing at best|deeply unfair|surprisingly sensible|rushed|a pleasant surprise|a missed opportunity")
G["issue"] = L("""rising rents|
the new parking rules|late trains|noise from the construction site|the closure of the {noun} factory|water quality|school funding|the lack of bike lanes|plans for a new stadium|delays at the hospital""")
G["outcome"] = L("the project was quietly abandoned|sales doubled within a year|customers complained loudly|nothing much changed|the results were mixed")
G["value"] = L("transparency|affordable prices|its employees|the local community|sustainability|customer privacy")
G["change"] = L("a drop in foot traffic|longer queues|a surprising boost in sales|more tourists than usual|fewer deliveries")
G["event_noun"] = L("festival|roadworks|strike|renovation|heatwave|marathon|trade fair|election campaign|book fair|flower show")
G["finding"] = L("""people who {habit} tend to {outcome_person}|
{thing} are more common than previously thought|short walks after meals lower blood sugar|students remember more when they {habit}|{pct} percent of participants changed their habits|
the effect disappears after {n} weeks|{thing} affect sleep quality more than caffeine""")
G["habit"] = L("sleep less than six hours|cook at home|read before bed|walk to work|use their phones at dinner|take short breaks|learn a second language|keep a journal")
G["outcome_person"] = L("report higher stress|live slightly longer|spend less money|sleep better|make fewer mistakes|feel lonelier")
G["trend_verb"] = W("rise fall stabilize fluctuate climb")
G["more_less"] = W("more fewer")
G["big_q"] = L("whether they can still afford to stay|what happens after the funding runs out|who will pay for the repairs|how long the delays will last")
G["university"] = L("the University of {city}|{city} Polytechnic|a lab in {country}|the {last} Institute|a hospital in {city}")
G["periods"] = W("months years weeks")
G["lesson"] = L("""patience matters more than talent|
asking for help is not a weakness|deadlines are negotiable but trust is not|small habits add up|people remember how you made them feel|you can learn almost anything with enough practice|
failure is information""")
G["memory"] = L("""the smell of {dish_simple} in my grandmother's kitchen|the day our {noun} caught fire|my first night shift as a {role}|the silence after the exam results were posted|
walking across {city} at dawn with my {relation}""")
G["goal_verb"] = L("write for thirty minutes|learn something new|call someone I care about|practice {hobby_noun}|move my body")
G["saying"] = L("""you should leave every place better than you found it|
nobody is too busy, it's about priorities|the best time to start was yesterday|good work speaks for itself, but only if someone listens""")
G["adj_trait"] = W("organized outgoing patient confident talented disciplined")
G["adj_trait2"] = W("curious persistent reliable honest hardworking adaptable")
G["reflection"] = L("I am grateful it happened the way it did|I would make the same choice again|I wish I had asked for help sooner|that was the moment I grew up")
G["ago"] = L("{n} weeks ago|last month|in {month}|a few days ago|over a year ago")
G["first_impression"] = L("at first I loved it|it looked great out of the box|it worked fine for a while|I was disappointed immediately|it seemed like a good deal")
G["part"] = L("handle|battery|screen|zipper|lid|strap|charging port|power button|hinge|fabric|app|remote")
G["quality"] = W("flimsy solid cheap premium loose stiff sturdy wobbly")
G["part_detail"] = L("""it already shows scratches|
the color is not what the photos showed|it gets warm after ten minutes|it rattles when I walk|it is hard to clean|it smells like plastic""")
G["delivery_judgement"] = L("faster than promised|longer than advertised|acceptable|ridiculous for a local order|fine")
G["cs_experience"] = L("""was friendly but useless|never replied to my email|
solved the issue in ten minutes|kept transferring me between departments|offered a voucher instead of a refund""")
G["annoyance"] = L("""there is no way to turn off the notifications|the manual is only in {lang}|it needs an account just to turn on|the replacement parts cost almost as much as a new one|
the subscription auto-renewed without warning""")
G["expectation"] = L("much better build quality|at least a basic warranty|a charger in the box|something that lasts longer than a month")
G["positive"] = L("the design is beautiful|the battery lasts for days|it is very quiet|setup took two minutes|my kids love it")
G["cs_result"] = L("still have no answer|got three different answers|was told to restart it|was promised a callback that never came")
G["issue_product"] = L("the connection drops|the sync problem|the battery drain|the login loop|the noise")
G["threat"] = L("return it|switch to a competitor|leave a one-star review everywhere|ask my bank for a chargeback")
G["app_problem"] = L("crashing|logging me out|forgetting my settings|asking for permissions|freezing")
G["trigger"] = L("I open the camera|the phone is on battery saver|I switch networks|it has been running for a while|I use it at night")
G["opinion_product"] = L("I would not buy it again|it is fine for the price|I expected more from this brand|I am giving it one more chance")
G["weather_noun"] = W("rain snow wind fog heat")
G["story_action"] = L("opened the door|climbed down to the cellar|answered the letter|left the village|lit the lamp|sold the horse")
G["village"] = L("the village|the valley|the old quarter|the harbor town|{city}")
G["structure"] = L("tower|chapel|windmill|stone wall|observatory|greenhouse")
G["small_things"] = L("coins|matches|letters|keys|stars|bottles")
G["animal_action"] = L("barked twice|scratched at the door|called into the dark|went silent|shifted in the straw")
G["promise"] = L("they would be home before winter|nothing would change|the secret would stay buried|the map would never be sold")
G["letter_line"] = L("Do not come back|The key is under the third stone|I know what you did|Everything is forgiven|Wait for me at the station")
G["vehicle"] = L("train|cart|ferry|bus|old truck")
G["place_story"] = L("the border|the coast|{city}|the last station|the crossroads")
G["container"] = L("box|trunk|drawer|suitcase|tin")
G["fabric"] = L("old newspaper|a silk scarf|a wool blanket|oilcloth")
G["mystery_object"] = L("a photograph of a stranger|a {adj} {noun}|a key nobody recognized|a diary written in {lang}|a child's shoe")
G["dialogue_line"] = L("We're late|You shouldn't have come|It's still here|I told you so|Don't open it")
G["time_of_day"] = W("morning evening night afternoon")
G["atmosphere"] = L("""the whole town seemed to hold its breath|
even the dogs stayed quiet|everything smelled of smoke and apples|the streetlights flickered for no reason""")
G["sound"] = W("knock whistle footsteps bell scream")
G["mechanism"] = L("""converting {energy} into {energy}|trapping heat in a thin layer|exploiting small differences in pressure|
breaking long molecules into shorter ones|storing charge in layers of material|reflecting certain wavelengths of light""")
G["energy"] = L("light|heat|motion|chemical energy|electricity|sound")
G["reason"] = L("it changes how we design {thing}|small errors add up quickly|most people never notice it|it affects millions of {people_kind}|the cost of getting it wrong is high")
G["misconception"] = L("{thing} are a recent invention|bigger is always better|the effect is instant|it only happens in warm climates|more data always means better results")
G["practice"] = L("engineers rely on rules of thumb|the difference is often too small to measure|most systems combine several approaches|the hardest part is measuring it reliably")
G["condition"] = L("temperatures are low|the system is under heavy load|the samples are small|nobody is watching|the material is very thin")
G["later"] = L("failed to reproduce the result|added important caveats|confirmed it with better instruments|showed the opposite")
G["analogy"] = L("a crowded train at rush hour|water flowing through pipes of different widths|a library where books are constantly moved|a choir slowly drifting out of tune|a queue at a busy bakery")
G["clause_sci"] = L("{thing} behave so differently in winter|some {people_kind} notice it first|the numbers rarely match the forecast|small changes matter so much")

# --- reviews, messages, misc ---------------------------------------------------
G["pos_detail"] = L("it looks even better in person|setup took two minutes|the battery lasts forever|it's so quiet|my kids adore it|worth every cent|the color is gorgeous")
G["pos_adj"] = W("great fantastic comfortable reliable sturdy delicious friendly gorgeous excellent")
G["neg_detail"] = L("the instructions are useless|it smells like burnt plastic|it stopped charging after a week|the stitching came apart|it is much smaller than pictured|the app never connects")
G["neg_adj"] = W("rude slow flimsy noisy overpriced disappointing uncomfortable greasy")
G["rev_pos"] = L("""Absolutely love this {noun}, {pos_detail}.|
Five stars, {pos_detail}.|Works exactly as described and arrived {n} days early.|Best {dish_simple} I've had in {city}, the staff were {pos_adj}.|
My {relation} uses it every day and says it's {pos_adj}.|Surprisingly {pos_adj} for the price.|The {part} is {pos_adj} and {pos_detail}.|Would happily buy {product} again.""")
G["rev_neg"] = L("""Broke after {n} days and {neg_detail}.|Do not buy this {noun}, {neg_detail}.|Waited {n} weeks and it arrived damaged.|The {dish_simple} was cold and the waiter was {neg_adj}.|
Way too {neg_adj} for the price.|Customer service {cs_experience} and I still have no refund.|The {part} feels {quality} and {neg_detail}.|Returned {product} after {n} days.""")
G["rev_mixed"] = L("{rev_pos} {rev_neg}|The {part} is {pos_adj}, but {neg_detail}.|Not bad, not great. {neg_detail}, though {pos_detail}.")
G["review"] = ["{rev_pos}", "{rev_neg}", "{rev_mixed}"]
G["problem"] = L("""it still hasn't arrived|
the box was damaged|the {part} stopped working after {n} days|I was charged twice|I received the wrong color|the tracking link doesn't work|the discount code {promo} was not applied|
one item is missing""")
G["request"] = L("I'd like a replacement.|Can I get a refund?|What are my options?|Please advise.|How do I return it?|Please fix this asap.")
G["question_store"] = L("""do you ship to {country}?|
can I change the delivery address on order {ordernum}?|is {product} back in stock?|what is your return window for sale items?|do you offer gift wrapping?|can I pay in installments?|
how do I use the code {promo}?""")
G["cmsg"] = L("""Hi, I ordered {product} on {date_text} and {problem}. {request}|{problem_cap}. Order {ordernum}. {request}|hello, {question_store}|
I've written {n_small} times already. {problem_cap} and nobody is answering. {request}|Quick question: {question_store}|
My {relation} gave me {product} as a gift and {problem}. Can I exchange it without a receipt?|{problem_cap}!!! {request}|Hi there, {question_store} Also, {problem}. {request}""")
G["comment"] = L("""gg everyone, that last round was {round_adj}|anyone want to team up for ranked tonight? I'm on {region} servers|CHEAP {game_item} at {url_short} !!! best prices, DM me|
you are the worst {game_role} I've ever seen, just uninstall|patch {version} finally fixed the {adj} {noun} glitch, thanks devs|click here for free skins >>> {url_short}|
Does anyone know how to beat the {boss} without the {weapon}?|lol imagine losing to a level {n} {game_role}|reported. stop {toxic_behavior} in every match|
I've been playing since {year} and this is the best update yet|selling my account, {n} legendary {weapon}s, {price}, message me|nobody asked for your opinion, {insult}|
great guide, the tip about the {weapon} saved me hours|server down again?? third time this week in {region}""")
G["round_adj"] = L("insane|so close|a mess|actually fun|pure chaos|intense|embarrassing")
G["game_item"] = L("game coins|rare skins|ranked boosting|level-up services")
G["game_role"] = W("healer tank sniper support jungler")
G["boss"] = L("Frost Warden|Hollow King|{tadj} Titan|swamp witch|Clockwork Hydra")
G["weapon"] = L("crossbow|flame sword|ice staff|grappling hook|tower shield")
G["toxic_behavior"] = L("feeding|spamming chat|quitting early|trash talking")
G["insult"] = L("go touch grass|nobody likes you|stay mad|cry about it")
G["region"] = L("EU|NA|Asia|OCE|South America")
G["task_todo"] = L("""send the revised {doc} to {first}|
book the room for the {event_noun}|update the {doc}|follow up with {org}|review {first}'s {doc}|fix the {adj} {noun} on the website|collect quotes from {n_small} vendors|prepare the {month} report|
test the new {noun} feature|call the {role} about {issue}|renew the {noun} license|order new chairs for the office|draft the {doc} for {org}|clean up the shared drive|
schedule interviews for the {role} role""")
G["bullet"] = L("""{task_todo}|pay the {bill} bill|book flights to {city}|email {first} about the {noun}|buy a gift for my {relation}|cancel the {tool} subscription|fix the {adj} {noun} in the {room}|
prepare slides for {weekday}'s review|renew my passport|call the dentist|finish the {field} assignment|water the plants|reply to {org}|back up the {device}|return {product}""")
G["bill"] = L("electricity|internet|water|phone|gym|car insurance")
G["topic"] = L("""{tech}|the history of {thing}|how {thing} work|{field}|{event}|the role of {thing} in {field}|
{thing} and their impact on {people_kind}|the basics of {field}|the future of {thing}|{thing}""")
G["topic_short"] = L("{tech}|{thing}|the {doc}|the {event_noun}|{field}|hiring|the office move|pricing")
G["interest"] = L("""street food|modern architecture|hiking|museums|live jazz|vintage shopping|
street art|craft beer|photography|history|beaches|markets|gardens|nightlife|cycling|local wine|bookshops|ceramics|old churches|theme parks""")
G["trivia"] = L("""What is the capital of {country}?|What language is mostly spoken in {country}?|What color do you get when you mix {color} and {color}?|Is a {animal} a mammal, a bird, or a reptile?|
What is {n} times {n}?|Which continent is {city} on?|What's the opposite of {adj}?|What is the chemical symbol for {element}?|If today is {weekday}, what day is it in {n} days?|
What do you call a baby {animal}?|How would you describe {thing} in one word?|What's the main ingredient in {dish_simple}?|Which season comes after {season}?|What currency is used in {country}?|
What instrument did {musician} play?|What material is a {noun} usually made of?|Which is bigger, a {animal} or a {animal}?|My {relation} thinks {trivia_claim}. True or false?|
What's the plural of {noun}?""")
G["trivia_claim"] = L("goldfish have a three-second memory|lightning never strikes twice|bats are blind|{animal}s can swim|tomatoes are vegetables")
G["headline"] = L("""{n} {thing_title} That Will Change How You Think About {field_cap}|
You Won't Believe What {first} Found in the {noun_cap}|{org} Announces Bold New {item_cap}|Why {thing_title} Are Ruining Everything, And What To Do About It|{city} Residents Furious Over {issue_cap}|
Study: {finding_cap}|This Simple {noun_cap} Trick Saves {n} Minutes a Day|Doctors Hate This {adj_cap} Habit|{org} Reports {pct}% Drop in Profits|Is {tech_cap} Dead? Experts Weigh In|
I Tried {hobby_ing} for {n} Days. Here's What Happened|{first} {last} Reveals the Secret to {field_cap}""")
G["setting"] = L("""a {adj} lighthouse on the coast of {country}|{city} in the year {year_far}|a night train between {city} and {city}|an abandoned {structure} in the mountains|
a crowded {biz_simple} during a blackout|a research station in Antarctica|a small village where it never stops raining|the last day of a failing {biz_simple}|a space station orbiting Jupiter|
a school for {adj} {animal}s""")
G["character"] = L("""{a_adj} {role} named {first}|a retired {role} who collects {noun}s|{first}, a {age}-year-old who cannot lie|a talking {animal} with {adj} manners|
twin sisters who run a {biz_simple}|a ghost who is afraid of {noun}s|{first} {last}, the only {role} in town""")
G["profession"] = L("""blacksmith|lighthouse keeper|ship's cook|village doctor|train conductor|bookbinder|beekeeper|night watchman|circus acrobat|clockmaker|fisherman|schoolteacher|innkeeper|
gold prospector|radio operator""")
G["rp_place"] = L("{city}|a fishing village on the coast of {country}|the mountains above {city}|a mining town in {country}|the old port of {city}")
G["rp_msg"] = L("""What was the hardest winter you remember?|
How did you learn your trade?|What do you think of {thing}?|Tell me about your {relation}.|What would you do with {price}?|Have you ever been to {city}?|
What's the strangest thing a customer ever asked you?|Do you regret anything?|What does a normal {weekday} look like for you?|Can you teach me something about {hobby_noun}?|Why did you never leave?|
Who was the most {adj} person you ever met?""")
G["audience"] = L("""busy parents|college students|{role}s|first-time home buyers|retirees who love gardening|remote workers|amateur photographers|people who hate mornings|small business owners|
marathon runners|new pet owners|{role}s in {city}|teenagers who game|frequent business travelers|people with tiny apartments""")
G["qa_question"] = L("""Who announced the change?|What did the study find?|When is the deadline?|Which city is mentioned first?|How many participants were involved?|What do critics argue?|
Why did {org} decide to {corp_plan}?|Who is {first} {last}?|What happened in {year}?|How much did {metric} change?|What is the main concern of {people_kind}?""")
G["store"] = L("{brandA}{brandB} Books|The {tadj} Page|{first}'s Bookshop|Chapter & {tnoun}|{brandA} Street Books")
G["bank"] = L("{brandA}{brandB} Bank|{brandA} Credit Union|First {brandA} Savings|{brandA}{brandB} Financial")
G["u1"] = L("""Do you have {title} in stock?|
I'm looking for a gift for my {relation} who loves {genre}.|What are your opening hours on {weekday}?|Can you recommend something like {title}?|Do you ship to {city}?|
Is the new {genre} book by {first} {last} out yet?|I need {n_small} copies of {title} for my book club.|Any good {genre} for a long flight?""")
G["a1"] = L("""Yes, we have {n_small} copies of {title} on the shelf right now.|Great choice! For fans of {genre} I'd suggest {title} or {title}.|We're open from 9 am to {n_small} pm on {weekday}s.|
We can order it for you; it usually arrives within {n} days.|Unfortunately it's sold out, but {title} is similar and in stock.|Absolutely. {title} has been very popular this month.""")
G["u2"] = L("""Can you put one aside for me?|How much is it?|Do you have it in paperback?|Great, is there a discount for students?|Could you gift-wrap it?|What about something for a {age}-year-old?|
And do you have anything by {first} {last}?|Thanks! Can I pay by card?""")
G["c1"] = L("""Hi, I see a charge of {price} from {org} that I don't recognize.|My card was declined at a {biz_simple} today, why?|How do I raise my daily transfer limit?|I lost my card in {city}.|
Can I open a savings account online?|Why was I charged an overdraft fee of {price}?|I want to dispute a transaction from {date_text}.|My salary hasn't arrived yet.""")
G["ag1"] = L("""I'm sorry to hear that. Could you confirm the last four digits of the card?|I can help with that. Was the card used in person or online?|
Sure. For security, can you tell me the date of your last transaction?|I've frozen the card for now so no further payments can go through.|
Thanks for reaching out. Let me check the details on your account.""")
G["c2"] = L("""It ends in {d4}.|Online, I think, around {time}.|Yes, please send a new card to my home address.|How long will that take?|Can you just reverse it?|
I'm traveling until {date_text}, is that a problem?|Okay, what do I need to do next?|That's not me, I was in {city} that day.""")
G["items"] = L("apples|marbles|stickers|pencils|cookies|stamps|books|seashells|cards|balloons|stones|tickets")
G["ut_table"] = W("orders customers invoices employees products shipments sessions reviews payments tickets subscriptions events")
G["sql_req"] = L("""the top {n} customers by total amount in {year}|
the number of rows per status for the last {n} days|the average price per category, sorted descending|all records created after {date_iso} where status is 'pending'|
the month-over-month growth in total amount|duplicate emails and how many times each appears|the second highest salary in each department|users who have not placed an order in {n} months|
the running total of amount by day|each region's share of the total, as a percentage|the median rating per product for {year}|rows where quantity is negative or null""")

# --- free text grammar -------------------------------------------------------
G["f_greet"] = L("""hey|hi|hi there,|hello!|ok so|quick question:|hmm,|good morning.|yo|so|random question but|help!|
question for you:|hey, hope you're well.|alright,|okay,|hello again|sorry if this is dumb, but|this might be a weird one:|not sure who else to ask, but|morning!|ugh.|real quick,""")
G["f_ctx"] = L("""{iam} {role_a} {in_city}.|{role_a_cap} here, {based} {city}.|{iam} {role_a} and {situation}.|as {role_a}, {situation}.|my {relation} {vpast} {obj} {when}.|
{we_plan} {plan_event} {for_when}.|I've been {hobby_ing} {dur}.|I started {hobby_ing} {n} {periods} ago.|{switch} {tool} to {tool2} {switch_when}.|{forced} {tool}.|
I have {n} days until {deadline_event}.|{deadline_event_cap} is in {n} days.|{lang_sorry}|{budget} {price}.|I have {a_adj} {noun} and {noidea}.|I inherited {a_adj} {noun} from my {relation}.|
context: {sentence}|{study} {field}.|{field} student here.|{live} {city}{live_tail}.|my {relation} is turning {age} next {weekday}.|it's my {relation}'s {occasion} soon.|
I {tried} {attempt} but {attempt_fail}.|{attempt_cap} didn't work.|tried {attempt}, no luck.|{shift}.|I'm new to {field}.|total beginner at {hobby_noun}.|{for_proj} {project_kind}{proj_tail}.|
{asker} asked me this {asktime}.|{moved} {country}{moved_tail}.|{situation_cap}.|{bg} {clause}.|I'm {age} and {situation}.|here's the situation: {sentence} {sentence}|
so basically {clause}, and {clause}.|my {relation} {insists} {claimt}.|{asking_for} my {relation}, who is {role_a}.|{sentence}""")
G["noidea"] = L("no idea what to do with it|nowhere to put it|my {relation} wants it gone|no clue how old it is|no manual")
G["asking_for"] = L("I'm asking for|this is for|question on behalf of|asking on behalf of|trying to help")
G["tried"] = L("already tried|tried|have been trying|gave up after trying|looked into")
G["attempt_fail"] = L("it didn't help|nothing changed|it made things worse|no luck so far|it only worked for a day")
G["iam"] = L("I'm|I am|I work as|currently working as|I've been")
G["in_city"] = L("in {city}|at {org}|for a {biz_simple}|in a small town near {city}|at a startup in {city}|for the city of {city}")
G["based"] = L("based in|living in|working out of|from")
G["we_plan"] = L("we're planning|we're organizing|I'm in charge of|my {relation} and I are planning|I'm helping with|I volunteered to run")
G["for_when"] = L("in {month}|for {month}|this {season}|next {weekday}|in {n} weeks|for the end of {month}")
G["dur"] = L("for about {n} {periods} now|since {month}|for {n} {periods}|on and off for years|since the pandemic")
G["switch"] = L("our team just switched from|we moved from|my boss made us switch from|I'm migrating from|we're halfway through moving from")
G["switch_when"] = L("last {month}|this week|and it's chaos|for reasons nobody explained|")
G["forced"] = L("my company forces us to use|at work we're stuck with|our school requires|my team lives in|everyone at my job uses|I'm forced to use|our client insists on")
G["lang_sorry"] = L("English isn't my first language, so bear with me.|sorry for my English.|my {lang} is better than my English, sorry.|excuse the typos, on my phone.|pardon the English, I'm a native {lang} speaker.|typing fast, sorry for errors.")
G["budget"] = L("my budget is around|I can spend maybe|money is tight,|hard limit of|willing to go up to|I have roughly")
G["study"] = L("I'm studying|I'm in my {ordinal} year of|I just started a course in|I'm doing a minor in|I teach intro")
G["live"] = L("I live in a small apartment in|I share a flat in|we just moved into a tiny place in|I'm renting a room in|we own an old house outside")
G["live_tail"] = [' with {n_small} roommates', ' with my {relation}', ' with a {pet_kind}', ' and the walls are thin', ', third floor, no elevator']
G["shift"] = L("I work night shifts, so my schedule is weird|I work {n}-hour shifts at a {biz_simple}|my hours as {role_a} are unpredictable|I'm on call every other weekend|I commute {n} hours a day")
G["for_proj"] = L("this is for a|it's for my|I need it for a|asking for a|working on a")
G["proj_tail"] = ['', ' due {weekday}', ' about {thing}', ' with {n_small} friends', " I've been stuck on for weeks"]
G["asker"] = L("my kid|my {age}-year-old|my {relation}|a student|a customer|my nephew|a coworker|someone on a forum")
G["asktime"] = L("and I blanked|at dinner|yesterday and I had no answer|during a road trip|and now I'm curious|and I pretended to know")
G["moved"] = L("I just moved to|I've been living in|I'm visiting|I'm relocating to|I'm currently in")
G["moved_tail"] = ['', ' for work', ' for {n} {periods}', ' with my {relation}', " and don't speak the language yet"]
G["bg"] = L("for background,|long story short,|some context:|basically,|the thing is,|FYI")
G["insists"] = L("keeps telling me|swears that|is convinced|read somewhere that|argues")
G["situation"] = L("""I keep procrastinating on {deadline_event}|
my manager wants a report on {topic_short} by {weekday}|I'm switching careers into {field}|I have an interview at {org} next week|I can't sleep before 2 am|I'm trying to save for a trip to {country}|
my {relation} and I {disagree} about this|I'm running out of ideas""")
G["disagree"] = L("disagree|keep arguing|can't agree|had a fight")
G["plan_event"] = L("a surprise party|a road trip through {country}|a small wedding|a hackathon|a garage sale|a family reunion|a charity run")
G["deadline_event"] = L("my thesis defense|the product launch|my driving test|the {field} exam|our move|the quarterly review|a half marathon")
G["attempt"] = L("restarting it|googling for an hour|asking on a forum|turning it off and on again|watching a YouTube tutorial|vinegar and baking soda")
G["project_kind"] = L("school project|side project|novel|podcast|board game|newsletter|startup pitch|thesis")
G["task"] = L("""get rid of fruit flies in my {room}|
make {dish} without an oven|stop my {device} from overheating|remove a red wine stain from a white shirt|split rent fairly with {n_small} roommates|back up photos from my phone|
learn {lang} in {n} months|negotiate a raise as a {role}|fix a squeaky door|keep basil alive indoors|read faster without losing comprehension|get my {age}-year-old to sleep earlier|
write a resignation letter that doesn't burn bridges|merge two git branches with conflicts|center a div|reduce my electricity bill in winter|train a puppy not to bite|pick a good watermelon|
make cold brew at home|calm down before a presentation|cancel a gym membership that won't let me leave|convert a PDF to Word|set up a budget spreadsheet|clean a cast iron pan|
find a mentor as a {role}|memorize a speech|unclog a drain without chemicals|stop overthinking texts|speed up my old {device}|prepare for a {field} exam|start running at {age}|
tell if an egg is still good|make friends in {city}|organize {n} years of digital photos""")
G["write"] = L("write me|can you write|draft|I need|compose|whip up|could you put together|help me write|give me")
G["artifact"] = L("""a limerick|a short poem|a toast|a two-line joke|a product blurb|
a LinkedIn post|a bedtime story|a rap verse|an apology note|a wedding speech opener|a birthday message|a motivational quote|a short essay|a song chorus|a riddle|a movie pitch""")
G["subject"] = L("""my {relation}'s {adj} {noun}|{thing}|{tech}|a {adj} {animal} who loves {hobby_noun}|my first week as a {role}|moving to {city}|{field}|my team's {event_noun}|Mondays|
leftover {dish_simple}|losing my keys again|our {adj} office {noun}""")
G["pair"] = L("""baking soda and baking powder|a Roth IRA and a traditional IRA|affect and effect|latency and throughput|weather and climate|a virus and a bacterium|stocks and bonds|
a crocodile and an alligator|UX and UI|a psychologist and a psychiatrist|jam and jelly|a hurricane and a typhoon|TCP and UDP|git merge and git rebase|a lease and a rental agreement|
an LLC and a sole proprietorship|espresso and ristretto|empathy and sympathy|a comet and an asteroid|RAM and storage|mean and median|weight and mass|a will and a trust|Python lists and tuples|
sparkling wine and champagne""")
G["phen"] = L("""do cats knead blankets|does bread go stale faster in the fridge|do onions make you cry|do my headphones always tangle|does my code work locally but not in CI|
is Pluto not a planet anymore|do we get goosebumps|does coffee make me sleepy|does my {device} drain so fast overnight|do leaves change color|does ice float|do people procrastinate|
does {city} have such bad traffic|do old books smell like that|do spicy foods feel hot|does my voice sound weird on recordings|do {thing} exist|is the ocean salty""")
G["judg"] = L("rude|weird|normal|safe|okay|unprofessional|legal|smart|worth it|too late|a bad idea")
G["action"] = L("""eat {dish_simple} for breakfast|text my {relation} after {n} days of silence|
quit a job after {n} months|bring my {pet_kind} to the office|skip a friend's {occasion} party|wear sneakers to a wedding|ask my {relation} for money|learn {lang} at {age}|run every day|
drink coffee after 6 pm|charge my phone overnight|ask for feedback after a rejection|take a gap year before grad school|reuse zip-lock bags|leave a {role} a bad review""")
G["media"] = L("books|podcasts|movies|board games|albums|TV shows|video games|YouTube channels")
G["purpose"] = L("""taking notes|managing a small team|a school project|budgeting|writing a novel|
data analysis|a side project|learning to code|running a newsletter|tracking habits|a 3-person startup|home finances|planning a wedding|a portfolio site""")
G["sit"] = L("""my landlord won't return my deposit|I accidentally deleted a production table|my {pet_kind} ate chocolate|I missed my connecting flight in {city}|
my coworker keeps taking credit for my work|I locked my keys in the car|my tax return was rejected|my {device} fell in water|I sent an email to the wrong person|my sourdough won't rise|
I got two job offers on the same day|my package says delivered but it isn't here|my {relation} forgot my birthday|I think I'm underpaid as a {role}""")
G["gadget"] = L("laptop|mechanical keyboard|running shoe|rice cooker|e-bike|mirrorless camera|standing desk|office chair|vacuum|air fryer|monitor|tent|stroller|espresso machine|drawing tablet")
G["purpose2"] = L("college|video editing|long commutes|a small kitchen|beginners|travel|a home office|flat feet|a family of {n_small}|gaming|winter camping|programming")
G["idea_target"] = L("""a {age}th birthday party|
a team-building activity for remote workers|a science fair project about {thing}|a date night at home|dinner with only {ingredient} and {ingredient}|a rainy Sunday with kids|
a small garden on a balcony|a podcast about {field}|a Halloween costume for a {role}|a side hustle as a {role}|a YouTube channel about {hobby_noun}|a 5-minute icebreaker|
gifts for my {relation} who loves {hobby_noun}|a fundraiser for our {biz_simple}""")
G["long_task"] = L("""learn to swim as an adult|get a passport in {country}|recover from a sprained ankle|become fluent in {lang}|drive from {city} to {city}|train for a marathon|defrost a turkey|
build a shed|learn {tool}|get a first job as a {role}|paint a two-bedroom apartment""")
G["hypo"] = L("""you never change your car's oil|the moon disappeared|I don't pay a parking ticket|everyone used the same password|I put a fork in the microwave|bees went extinct|
the internet went down for a week|I skip one day of antibiotics|{country} adopted a four-day work week|I ignore a jury duty summons|you only drink coffee for a week""")
G["kind"] = W("kind tactful funny gentle diplomatic")
G["confession"] = L("""I'm moving to {city}|I broke their {adj} {noun}|I'm not coming to the {occasion} party|I don't like their cooking|
I got a new job|I forgot our anniversary|I spent the savings on a {gadget}|I'm quitting the band|I'm dropping out of {field}|I adopted a {pet_kind}""")
G["claimt"] = L("""goldfish have a three-second memory|we only use 10% of our brains|lightning never strikes twice|bulls hate the color red|the Great Wall is visible from space|
bananas are radioactive|hot water freezes faster than cold|cracking your knuckles causes arthritis|eating late makes you gain weight|a full moon affects sleep|closing apps saves battery|
sugar makes kids hyper""")
G["consume"] = L("read|watch|play|listen to")
G["opinion_q"] = L("""honest opinion: is {field} a good career in {year_future}?|pineapple on pizza, yes or no, and why?|are {thing} overrated?|
should I learn {tool} or {tool2} first?|is a master's in {field} worth it?|is it too late to start {hobby_ing} at {age}?|do you think remote work is here to stay?|
what's the most underrated book about {field}?|tabs or spaces? defend your answer|is {city} a good place to live for a {role}?""")
G["event_kind"] = L("""a job interview at a startup|a parent-teacher conference|a first date|an apartment viewing|a doctor's appointment|a networking event|a performance review|a hackathon|
a team offsite|a book club|a salary negotiation""")
G["plan_kind"] = W("workout meal study reading savings cleaning practice")
G["goal"] = L("losing 5 kg|a beginner|my {field} finals|getting back in shape after a break|someone who hates cardio|a vegetarian teenager|passing the driving test|a busy {role}")
G["roast_target"] = L("""morning routine: {sentence}|
startup idea: an app that {app_idea}|playlist: {title}, {title}, and {title}|band name: {title}|bio: {role}, {hobby_noun} enthusiast, {city}|cover letter opening: {sentence}""")
G["app_idea"] = L("rates your {noun}|matches {pet_kind}s with owners|reminds you to drink water|splits bills with {relation}s|tracks {hobby_noun} progress|finds parking in {city}")
G["social"] = L("""make small talk at parties|
end a phone call politely|remember names|say no to extra work|keep in touch with old friends|split the bill without drama|ask for a day off|leave a group chat quietly|network without feeling fake|
give feedback to a senior {role}""")
G["polite"] = L("""decline a wedding invitation|ask my {relation} to pay me back|tell a {role} they made a mistake|leave a meeting early|ask a neighbor to turn down the music|
remind a client about an unpaid invoice|tell guests to take their shoes off|turn down a job offer""")
G["phrase"] = L("""good luck|where is the train station|I'm allergic to peanuts|happy birthday|can I get the bill|nice to meet you|I'm sorry for your loss|how much does this cost|see you tomorrow|
I don't understand|cheers|congratulations on the baby""")
G["f_core"] = L("""how do I {task}?|how can I {task}?|what's the easiest way to {task}?|any tips on how to {task}?|is there a way to {task}?|I want to {task}. where do I start?|
trying to {task} and failing, what am I missing?|best way to {task}?|walk me through how to {task}|can you teach me to {task}|{write} {artifact} about {subject}|
{write} {artifact} for my {relation}'s {occasion}|{artifact} about {subject}, please|I'd love {artifact} on {subject}|what's the difference between {pair}?|
I always mix up {pair}. how are they different?|{pair}: same thing or not?|explain the difference between {pair}, I'm in a hurry|is there any real difference between {pair}?|why {phen}?|
why exactly {phen}?|ok but why {phen}?|does anyone actually know why {phen}?|is it {judg} to {action}?|would it be {judg} to {action}?|be honest, is it {judg} to {action}?|
thoughts: is it {judg} to {action}?|recommend {n_small} {media} similar to {title}|any {media} like {title}?|I loved {title}. what should I {consume} next?|looking for {media} in the vein of {title}|
compare {tool} and {tool2} for {purpose}|{tool} or {tool2} for {purpose}?|thinking about switching from {tool} to {tool2} for {purpose}. worth it?|pros of {tool} over {tool2}?|
which is better for {purpose}: {tool} or {tool2}?|what should I do if {sit}?|{sit}. what now?|help, {sit}|what are my options if {sit}?|best {gadget} for {purpose2} under {price}?|
looking for a {gadget} for {purpose2}, budget {price}|{gadget} recommendations? mostly for {purpose2}|which {gadget} should I get for {purpose2}|explain {tech} in a way a {role} would understand|
{tech} in plain words?|I keep hearing about {tech}. what is it actually?|can someone explain {tech} without math|ELI5 {tech}|what problem does {tech} solve?|give me {n_small} ideas for {idea_target}|
brainstorm {idea_target} with me|need ideas for {idea_target}, nothing too expensive|any fun ideas for {idea_target}?|how long does it take to {long_task}?|roughly how long to {long_task}?|
realistic timeline to {long_task}?|can I {long_task} in {n} weeks?|what happens if {hypo}?|what would happen if {hypo}?|hypothetically, what if {hypo}?|serious question: what if {hypo}?|
turn this into a tweet: {sentence}|make this sound friendlier: {sentence}|proofread pls: {sentence}|is this sentence correct? {sentence}|{sentence} Does that sound passive-aggressive?|
rewrite: {sentence}|{sentence} {sentence} can you make this shorter?|I need a {kind} way to tell my {relation} that {confession}|how do I tell my {relation} that {confession}?|
what's a gentle way to let my {relation} know {confession}|help me break it to my {relation} that {confession}|is it true that {claimt}?|myth or fact: {claimt}|I read that {claimt}. legit?|
summarize the plot of {title} without spoilers|what is {title} about?|just finished {title} and I'm confused about the ending|{opinion_q}|calculate {calc}|what's {calc}?|quick math: {calc}|
can you compute {calc}|what are good questions to ask at {event_kind}?|what should I ask during {event_kind}?|give me smart questions for {event_kind}|make a {n_small}-day {plan_kind} plan for {goal}|
can you build me a {plan_kind} schedule for {goal}|roast my {roast_target}|be brutally honest about my {roast_target}|rate my {roast_target}|how do people {social}?|how are you supposed to {social}?|
is there a trick to {social}?|why is it so hard to {social}?|what's a polite way to {polite}?|how do I politely {polite}?|nicest way to {polite}?|how do you say "{phrase}" in {lang}?|
what's '{phrase}' in {lang}?|{lang} for "{phrase}"?|{dish} recipe for {n_small} people|{city} in {month}: worth visiting?|{tech} interview questions|
my {gadget} stopped working after {n} months, what do I do|{thing} vs {thing}, which matters more for {people_kind}?|where should I eat in {city} if I love {interest}?|
is {price} a fair price for a used {gadget}?|name ideas for {business}?|what's the etiquette for tipping in {country}?|what do {role}s actually do all day?""")
G["f_cons"] = L("""keep it under {n_words} words|no bullet points please|use simple language|make it funny|answer in {lang}|explain it for a {age}-year-old|be honest|short answer is fine|
cite sources if you can|don't overthink it|I need this in the next hour|give me a table|step by step please|one paragraph max|avoid jargon|be blunt|assume I know nothing|metric units please|
UK spelling|as a numbered list|with examples|casual tone|no emojis""")
G["f_close"] = L("thanks!|thank you|ty|thx in advance|appreciate it|:)|cheers|much appreciated|you're a lifesaver|lol|please and thank you|no rush")

def _price(r):
    cur = r.choice(["$", "$", "€", "£"])
    v = r.choice([r.randint(5, 99), r.randint(100, 2500), r.randint(3, 60) * 100])
    return f"{cur}{v:,}" if r.random() < 0.8 else f"{cur}{v}.{r.randint(0, 99):02d}"

def _date_text(r):
    m = r.choice(G["month"])
    d = r.randint(1, 28)
    y = r.randint(2019, 2025)
    return r.choice([f"{m} {d}", f"{m} {d}, {y}", f"{d} {m}", f"{y}-{G['month'].index(m) + 1:02d}-{d:02d}",
                     f"{d:02d}/{G['month'].index(m) + 1:02d}/{y}", f"{m[:3]} {d}"])

def _time(r):
    h, mi = r.randint(7, 19), r.choice([0, 0, 15, 30, 45])
    if r.random() < 0.5:
        return f"{h:02d}:{mi:02d}"
    return f"{(h - 1) % 12 + 1}{':%02d' % mi if mi else ''} {'am' if h < 12 else 'pm'}"

FN = {
    "n": lambda r: str(r.randint(2, 14)),
    "n_small": lambda r: str(r.randint(2, 7)),
    "n_words": lambda r: str(r.choice([50, 100, 150, 200, 280, 300])),
    "q": lambda r: str(r.randint(1, 4)),
    "d4": lambda r: f"{r.randint(0, 9999):04d}",
    "age": lambda r: str(r.randint(6, 85)),
    "year": lambda r: str(r.randint(1955, 2023)),
    "year_future": lambda r: str(r.randint(2025, 2032)),
    "year_far": lambda r: str(r.randint(2150, 3400)),
    "decade": lambda r: f"{r.randint(192, 201)}0s",
    "pct": lambda r: str(r.randint(3, 48)) if r.random() < 0.7 else f"{r.randint(1, 20)}.{r.randint(1, 9)}",
    "bignum": lambda r: f"{r.randint(120, 98000):,}",
    "price": _price,
    "date_text": _date_text,
    "date_iso": lambda r: f"{r.randint(2018, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
    "time": _time,
    "promo": lambda r: r.choice(["SPRING", "WELCOME", "SAVE", "VIP", "FLASH", "BF"]) + str(r.randint(5, 50)),
    "ordernum": lambda r: r.choice(["#", "", "no. "]) + str(r.randint(100000, 9999999)),
    "model": lambda r: r.choice(["X", "S", "Pro ", "Mk ", "V", ""]) + str(r.randint(2, 12)),
    "version": lambda r: f"{r.randint(1, 9)}.{r.randint(0, 30)}.{r.randint(0, 9)}",
    "url_short": lambda r: f"{r.choice(G['brandA']).lower()}{r.choice(['-deals', 'coins', '-boost', 'shop'])}.{r.choice(['xyz', 'ru', 'top', 'biz'])}",
    "calc": lambda r: r.choice([
        f"15% of {_price(r)}", f"{r.randint(12, 999)} * {r.randint(3, 87)}", f"an 18% tip on a {_price(r)} bill",
        f"how many seconds are in {r.randint(2, 9)} weeks", f"{r.randint(100, 9999)} divided by {r.randint(3, 97)} to 3 decimals",
        f"the area of a circle with radius {r.randint(2, 40)} cm", f"{r.randint(2, 9)}^{r.randint(5, 20)}",
        f"the monthly payment on a {_price(r)} loan at {r.randint(2, 12)}% over {r.randint(2, 30)} years"]),
    "problem_cap": lambda r: cap(X(r, "{problem}")),
    "situation_cap": lambda r: cap(X(r, "{situation}")),
    "a_adj": lambda r: a_an(r.choice(G["adj"])),
    "role_a_cap": lambda r: cap(a_an(r.choice(G["role"]))),
    "role_a": lambda r: a_an(r.choice(G["role"])),
    "ordinal": lambda r: r.choice(["first", "second", "third", "final", "fourth"]),
    "deadline_event_cap": lambda r: cap(X(r, "{deadline_event}")),
    "attempt_cap": lambda r: cap(X(r, "{attempt}")),
    "thing_title": lambda r: title_case(r.choice(G["thing"])),
    "thing_cap": lambda r: cap(r.choice(G["thing"])),
    "field_cap": lambda r: title_case(r.choice(G["field"])),
    "noun_cap": lambda r: cap(r.choice(G["noun"])),
    "adj_cap": lambda r: cap(r.choice(G["adj"])),
    "item_cap": lambda r: title_case(r.choice(G["item"])),
    "issue_cap": lambda r: title_case(X(r, "{issue}")),
    "finding_cap": lambda r: title_case(X(r, "{finding}")),
    "tech_cap": lambda r: title_case(re.sub(r"^(a|an|the) ", "", r.choice(G["tech"]))),
}

_SLOT = re.compile(r"\{(\w+)\}")
_ART = re.compile(r"\b([Aa]) (?!uni|use|usu|one|eu|Eu|Uni)([aeiouAEIOU])")

def _x(r, s):
    def rep(m):
        k = m.group(1)
        if k in G:
            return _x(r, r.choice(G[k]))
        return FN[k](r)
    return _SLOT.sub(rep, s)

def X(r, s):
    """Expand a grammar string and fix a/an in front of vowels."""
    return _ART.sub(lambda m: m.group(1) + "n " + m.group(2), _x(r, s))

def g(r, key):
    return X(r, "{" + key + "}")

def cap(s):
    return s[:1].upper() + s[1:] if s else s

def title_case(s):
    small = {"a", "an", "the", "of", "in", "on", "and", "or", "to", "for", "at", "by"}
    out = []
    for i, w in enumerate(s.split()):
        out.append(w if (i and w in small) else w[:1].upper() + w[1:])
    return " ".join(out)

def a_an(w):
    return ("an " if w[:1].lower() in "aeio" else "a ") + w

def sentences(r, k):
    return " ".join(cap(g(r, "sentence")) for _ in range(k))

THEMES = {"news": "p_news", "personal": "p_personal", "feedback": "p_feedback", "story": "p_story", "science": "p_science"}

def paragraph(r, theme, lo=50, hi=200):
    """Prose of lo..hi words from the theme's sentence frames (no frame twice in a row)."""
    key = THEMES[theme]
    target = r.randint(lo, hi)
    out, words, last = [], 0, None
    unused = list(G[key])
    for _ in range(60):
        if unused:
            fr = unused.pop(r.randrange(len(unused)))
        else:
            fr = r.choice(G["sentence"] + G["p_news" if theme in ("science", "news") else "p_personal"])
        if fr == last:
            continue
        last = fr
        s = cap(X(r, fr))
        if theme == "story" and r.random() < 0.1:
            s = cap(g(r, "sentence"))
        n = len(s.split())
        if words >= lo and words + n > hi:
            break
        out.append(s)
        words += n
        if words >= target:
            break
    return " ".join(out)

def corrupt(r, s):
    """Introduce typical grammar/spelling mistakes."""
    swaps = [(" their ", " there "), (" the ", " teh "), (" was ", " were "), (" is ", " are "), (" have ", " of "),
             ("'s ", "s "), (" a ", " "), (" to ", " too "), (" it ", " it it "), ("ed ", " "), (", ", " ")]
    s = " " + s + " "
    for a, b in r.sample(swaps, r.randint(2, 4)):
        if a in s:
            s = s.replace(a, b, 1)
    s = s.strip()
    if r.random() < 0.4:
        s = s[:1].lower() + s[1:]
    if r.random() < 0.3:
        s = s.rstrip(".")
    return s

def ascii_fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().replace("'", "")

# ---------------------------------------------------------------------------
# Structured fillings: code, JSON, URLs, e-mails, dates, bullets.
# ---------------------------------------------------------------------------
IDW = W("""user
order item price total count name record value score data result entry line file path node key cache buffer queue task job event message payload token session account invoice product cart rating label
vector row column batch chunk page index limit offset""")
VERBS = W("get compute load parse filter merge update build find count normalize validate fetch sum group clean dedupe")

PY_SHAPES = [
    """def @fn@(@xs@, threshold=@n@):
    result = []
    for i in range(len(@xs@) - 1):
        if @xs@[i] > threshold:
            result.append(@xs@[i])
    return result""",
    """def @fn@(path):
    counts = {}
    with open(path) as f:
        for line in f:
            @w@ = line.strip().split("@sep@")[@k@]
            counts[@w@] = counts.get(@w@, 0) + 1
    return sorted(counts.items(), key=lambda kv: kv[1], reverse=True)[:@n@]""",
    """class @Cls@:
    def __init__(self, @a@, @b@=@n@):
        self.@a@ = @a@
        self.@b@ = @b@

    def @m@(self, amount):
        if amount < 0:
            raise ValueError("amount must be positive")
        self.@a@ += amount * self.@b@
        return self.@a@""",
    """def @fn@(n, cache={}):
    if n in cache:
        return cache[n]
    if n < 2:
        return n
    cache[n] = @fn@(n - 1) + @fn@(n - 2)
    return cache[n]""",
    """async def @fn@(session, urls):
    results = {}
    for url in urls:
        async with session.get(url, timeout=@n@) as resp:
            results[url] = await resp.json()
    return results""",
    """import pandas as pd

df = pd.read_csv("@file@.csv")
df = df[df["@a@"] > @n@]
summary = df.groupby("@b@")["@a@"].@agg@()
print(summary.head(@k@))""",
    """def @fn@(@xs@):
    seen = set()
    out = []
    for @w@ in @xs@:
        key = @w@.lower().strip()
        if key not in seen:
            seen.add(key)
        out.append(@w@)
    return out""",
    """def @fn@(@xs@, @w@):
    lo, hi = 0, len(@xs@)
    while lo < hi:
        mid = (lo + hi) // 2
        if @xs@[mid] < @w@:
            lo = mid
        else:
            hi = mid
    return lo""",
]
JS_SHAPES = [
    """function @fnc@(@xsc@) {
  let total = 0;
  for (let i = 0; i <= @xsc@.length; i++) {
    total += @xsc@[i].@a@;
  }
  return total / @xsc@.length;
}""",
    """async function @fnc@(id) {
  const res = await fetch(`/api/@file@/${id}`);
  if (!res.ok) throw new Error("Request failed: " + res.status);
  const data = await res.json();
  return data.@a@ ?? @n@;
}""",
    """const @fnc@ = (@xsc@) => @xsc@
  .filter(x => x.@a@ !== undefined)
  .map(x => ({ ...x, @a@: x.@a@ * @n@ }))
  .sort((a, b) => b.@a@ - a.@a@);""",
    """let @w@ = 0;
document.querySelector("#@file@-btn").addEventListener("click", () => {
  @w@ =+ 1;
  document.getElementById("@a@").textContent = `Clicked ${@w@} times`;
});""",
]
SQL_SHAPES = [
    """SELECT @a@, COUNT(*) AS n
FROM @file@
WHERE created_at >= '@date@'
GROUP BY @a@
HAVING COUNT(*) > @n@
ORDER BY n DESC;""",
    """SELECT c.name, SUM(o.@a@) AS total
FROM customers c
LEFT JOIN @file@ o ON o.customer_id = c.id
WHERE o.status = 'paid'
GROUP BY c.name
ORDER BY total DESC
LIMIT @n@;""",
    """UPDATE @file@
SET @a@ = @a@ * 1.@k@
WHERE @b@ IN (SELECT @b@ FROM archived_@file@);""",
]
BASH_SHAPES = [
    """#!/bin/bash
for f in @file@/*.csv; do
  name=$(basename "$f" .csv)
  gzip -c "$f" > "backup/$name.csv.gz"
done""",
    """#!/bin/bash
set -e
COUNT=$(grep -c "@a@" /var/log/@file@.log)
if [ "$COUNT" -gt @n@ ]; then
  echo "too many @a@ entries: $COUNT" | mail -s "alert" ops@example.com
fi""",
]

def ident(r, k=None):
    return "_".join(r.sample(IDW, k or r.randint(1, 2)))

def camel(s):
    p = s.split("_")
    return p[0] + "".join(x.capitalize() for x in p[1:])

def fill(s, d):
    return re.sub(r"@(\w+)@", lambda m: d[m.group(1)], s)

def code(r, lang=None):
    lang = lang or r.choice(["Python", "Python", "Python", "JavaScript", "JavaScript", "SQL", "Bash"])
    fn = r.choice(VERBS) + "_" + ident(r)
    xs = ident(r, 1) + "s"
    d = {"fn": fn, "fnc": camel(fn), "xs": xs, "xsc": camel(xs), "n": str(r.randint(2, 500)),
         "k": str(r.randint(0, 9)), "w": ident(r, 1), "sep": r.choice([",", ";", "\\t", "|"]),
         "Cls": "".join(x.capitalize() for x in ident(r, 2).split("_")), "a": ident(r, 1), "b": ident(r, 1),
         "m": r.choice(VERBS), "file": ident(r), "agg": r.choice(["mean", "sum", "max", "median", "count"]),
         "date": g(r, "date_iso")}
    if d["a"] == d["b"]:
        d["b"] += "_id"
    shapes = {"Python": PY_SHAPES, "JavaScript": JS_SHAPES, "SQL": SQL_SHAPES, "Bash": BASH_SHAPES}[lang]
    return lang, fill(r.choice(shapes), d)

def json_obj(r, kind=None):
    kind = kind or r.choice(["user", "order", "config", "event"])
    nm = g(r, "first"), g(r, "last")
    if kind == "user":
        o = {"id": r.randint(1, 99999), "name": f"{nm[0]} {nm[1]}",
             "email": email(r, nm), "age": r.choice([r.randint(16, 90), r.randint(16, 90), -r.randint(1, 5), "thirty"]),
             "tags": r.sample(["admin", "beta", "vip", "trial", "staff", "newsletter"], r.randint(0, 3)),
             "address": {"city": g(r, "city"), "zip": str(r.randint(10000, 99999))}}
        for k in r.sample(["email", "age", "tags", "address", "name"], r.randint(0, 2)):
            del o[k]
        if r.random() < 0.3:
            o["active"] = r.random() < 0.5
    elif kind == "order":
        o = {"order_id": g(r, "ordernum").lstrip("#no. "), "customer": f"{nm[0]} {nm[1]}",
             "items": [{"sku": f"{r.choice('ABCDEFGHK')}{r.choice('XYZRT')}-{r.randint(100, 9999)}", "qty": r.randint(1, 5),
                        "price": round(r.uniform(2, 400), 2)} for _ in range(r.randint(1, 3))],
             "shipped": r.random() < 0.5, "created_at": g(r, "date_iso") + f"T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:00Z"}
    elif kind == "config":
        o = {"service": ident(r).replace("_", "-"), "port": r.randint(1024, 65000), "debug": r.random() < 0.3,
             "replicas": r.randint(1, 12), "database": {"host": f"db-{r.randint(1, 9)}.internal", "pool_size": r.randint(2, 64)},
             "features": r.sample(["search", "export", "sso", "dark_mode", "webhooks", "audit_log"], r.randint(1, 4))}
    else:
        o = {"event": r.choice(["page_view", "signup", "purchase", "logout", "error"]), "user_id": r.randint(1, 10 ** 6),
             "ts": r.randint(1_600_000_000, 1_730_000_000), "props": {"path": "/" + ident(r).replace("_", "/"),
                                                                     "ref": url(r) if r.random() < 0.5 else None}}
    return json.dumps(o, indent=r.choice([None, 2, 2, 4]), ensure_ascii=False)

def email(r, nm=None):
    f, l = nm or (g(r, "first"), g(r, "last"))
    f, l = ascii_fold(f).lower(), ascii_fold(l).lower()
    dom = r.choice([f"{r.choice(G['brandA']).lower()}{r.choice(G['brandB'])}.com", "gmail.com", "outlook.com",
                    f"{r.choice(G['brandA']).lower()}.io", "proton.me", f"uni-{ascii_fold(g(r, 'city')).lower().replace(' ', '')}.edu"])
    user = r.choice([f"{f}.{l}", f"{f[0]}{l}", f"{f}{r.randint(1, 99)}", f"{f}_{l}", f"{l}.{f[0]}"])
    return f"{user}@{dom}"

def url(r):
    dom = f"{r.choice(['', '', 'www.', 'blog.', 'docs.', 'news.'])}{r.choice(G['brandA']).lower()}{r.choice(G['brandB'])}.{r.choice(['com', 'org', 'io', 'net', 'co.uk', 'de', 'dev'])}"
    slug = "-".join(g(r, "title").lower().replace("'", "").split()) if r.random() < 0.5 else \
        "-".join(re.sub(r"[^a-z0-9 ]", "", g(r, "topic").lower()).split()[:7])
    parts = [r.choice(["", "blog", "articles", "en", "news", "guides", "p"]), str(r.randint(2015, 2025)) if r.random() < 0.4 else "", slug]
    u = f"https://{dom}/" + "/".join(p for p in parts if p)
    if r.random() < 0.25:
        u += f"?utm_source={r.choice(['newsletter', 'twitter', 'rss'])}&id={r.randint(100, 99999)}"
    return u

def bullets(r, lo=3, hi=9):
    mark = r.choice(["- ", "* ", "• ", "num"])
    items = list(dict.fromkeys(g(r, "bullet") for _ in range(r.randint(lo, hi) + 3)))[:r.randint(lo, hi)]
    return "\n".join((f"{i + 1}. " if mark == "num" else mark) + it for i, it in enumerate(items))

def date_any(r):
    y, m, d = r.randint(1990, 2030), r.randint(1, 12), r.randint(1, 28)
    mn = G["month"][m - 1]
    return r.choice([f"{y}-{m:02d}-{d:02d}", f"{mn} {d}, {y}", f"{d} {mn} {y}", f"{m}/{d}/{y}", f"{d}.{m}.{y}", f"{mn[:3]} {d} {y}"])

# ---------------------------------------------------------------------------
# Families
# ---------------------------------------------------------------------------
FAMILIES = []

def family(desc):
    def deco(fn):
        FAMILIES.append((desc, fn))
        return fn
    return deco

def varied(r, core, p_more=0.45):
    """A core value, sometimes followed by 1-3 context sentences (length variety)."""
    if r.random() < p_more:
        return core + r.choice([". ", " - ", ". ", "? "]) + " ".join(cap(g(r, "ctx")) for _ in range(r.randint(1, 3)))
    return core

# ---- short templates ----

@family("short: Explain the meaning of: {term}")
def f_meaning(r):
    core = r.choice([g(r, "vocab"), g(r, "vocab"), f"'{g(r, 'idiom')}'", g(r, "tech"), f'"{g(r, "vocab")}"'])
    return "Explain the meaning of: " + varied(r, core, 0.4)

@family("short: List five words that rhyme with {word}.")
def f_rhyme(r):
    w = r.choice([g(r, "noun"), g(r, "vocab"), g(r, "adj"), g(r, "noun") + " (it's for " + a_an(g(r, "occasion")) + " poem for my " + g(r, "relation") + ")",
                  f"'{g(r, 'noun')}', ideally two-syllable ones that work in a chorus about {g(r, 'subject')}"])
    return f"List five words that rhyme with {w}."

@family("short: Give me the TL;DR of this: {text}")
def f_tldr(r):
    t = r.choice([lambda: sentences(r, r.randint(1, 3)), lambda: paragraph(r, r.choice(["news", "science", "feedback"]), 25, 160)])()
    return "Give me the TL;DR of this: " + t

@family("short: Is {number} a prime number?")
def f_prime(r):
    n = r.choice([str(r.randint(2, 200)), str(r.randint(1000, 99999)), f"{r.randint(10 ** 6, 10 ** 9):,}",
                  str(r.randint(10 ** 12, 10 ** 18)), f"2^{r.randint(5, 61)} - 1", f"{r.randint(11, 99)} squared plus one",
                  f"{r.randint(100, 9999)} (asking for my kid's homework)", f"the number {r.randint(100, 999)}{r.randint(100, 999)}"])
    return f"Is {n} a prime number?"

@family("short: Fix the grammar in this: {sentences}")
def f_grammar(r):
    return "Fix the grammar in this: " + " ".join(corrupt(r, cap(g(r, "sentence"))) for _ in range(r.randint(1, 4)))

@family("short: How would you say this in Japanese? {text}")
def f_japanese(r):
    t = r.choice([lambda: g(r, "phrase"), lambda: cap(g(r, "phrase")) + "!", lambda: sentences(r, 1), lambda: sentences(r, r.randint(2, 4)),
                  lambda: f'"{cap(g(r, "phrase"))}" (to my {g(r, "relation")}, so casual)'])()
    return "How would you say this in Japanese? " + t

@family("short: Write a haiku about {subject}.")
def f_haiku(r):
    s = r.choice([g(r, "noun"), f"{g(r, 'adj')} {g(r, 'noun')}s", g(r, "thing"), f"the first snow in {g(r, 'city')}",
                  g(r, "subject"), f"{g(r, 'tech')}", f"my {g(r, 'relation')}'s {g(r, 'pet_kind')} who {g(r, 'animal_action')} every night",
                  f"{g(r, 'season')} in {g(r, 'city')}, when {g(r, 'clause')}"])
    return f"Write a haiku about {s}."

@family("short: {question} Answer with a single word.")
def f_oneword(r):
    return g(r, "trivia") + " Answer with a single word."

@family("short: Pros and cons of {thing}, please.")
def f_proscons(r):
    t = r.choice([g(r, "thing"), f"moving to {g(r, 'city')}", f"buying {g(r, 'product')}", f"switching from {g(r, 'tool')} to {g(r, 'tool')}",
                  f"learning {g(r, 'lang')}", f"becoming {a_an(g(r, 'role'))}", f"{g(r, 'tech')}", f"studying {g(r, 'field')}",
                  f"taking a gap year before university, given that {g(r, 'clause')} and my {g(r, 'relation')} thinks it's a mistake"])
    return f"Pros and cons of {t}, please."

@family("short: Explain {topic} like I'm five.")
def f_eli5(r):
    return f"Explain {g(r, 'topic')} like I'm five."

@family("short: Who was {person} and why are they famous?")
def f_who(r):
    p = r.choice([g(r, "people"), g(r, "people"), g(r, "people"), f"the person who invented {g(r, 'invention')}",
                  f"{g(r, 'people')} (my {g(r, 'relation')} mentioned them at dinner)"])
    return f"Who was {p} and why are they famous?"

UNITS = [("kilometers", "mile"), ("miles", "kilometer"), ("grams", "pound"), ("ounces", "kilogram"), ("cups", "liter"),
         ("teaspoons", "tablespoon"), ("seconds", "day"), ("minutes", "week"), ("feet", "meter"), ("inches", "yard"),
         ("milliliters", "gallon"), ("bytes", "megabyte"), ("hours", "year"), ("centimeters", "foot"), ("pints", "quart")]

@family("short: How many {unit} are there in {qty} {unit}?")
def f_units(r):
    u2, u1 = r.choice(UNITS)
    q = r.choice([str(r.randint(2, 500)), f"{r.randint(1, 99)}.{r.randint(1, 9)}", "1/4 of a", "half a", "one",
                  f"{r.randint(2, 9)} and a half", f"{r.randint(1000, 90000):,}"])
    unit = u1 if q in ("1/4 of a", "half a", "one") else u1 + "s"
    return f"How many {u2} are there in {q} {unit}?"

@family("short: Classify the sentiment: {review}")
def f_sentiment(r):
    t = r.choice([lambda: g(r, "review"), lambda: " ".join(g(r, "review") for _ in range(r.randint(2, 4))),
                  lambda: paragraph(r, "feedback", 40, 120), lambda: r.choice(["meh", "love it!!", "never again", "10/10", "it's fine I guess"])])()
    return "Classify the sentiment: " + t

@family("short: Suggest a catchy title for: {text}")
def f_title(r):
    t = r.choice([f"a blog post about {g(r, 'topic')}", f"my podcast episode where {g(r, 'clause')}", paragraph(r, r.choice(list(THEMES)), 40, 130),
                  f"a talk for {g(r, 'audience')} about {g(r, 'tech')}", f"a YouTube video on {g(r, 'task')}", sentences(r, 2)])
    return "Suggest a catchy title for: " + t

@family("short: Tips for {activity}? Keep it short.")
def f_tips(r):
    a = r.choice(["learning to play the cello", "training for a half marathon", "growing tomatoes", "cooking for one",
                  "traveling with a toddler", "working from home", "public speaking", "saving for a house", "learning to draw",
                  "hosting a dinner party", "moving abroad", "camping in the rain", "studying for the bar exam", "starting a podcast",
                  f"learning {g(r, 'lang')}", f"visiting {g(r, 'city')}", f"a first job as {a_an(g(r, 'role'))}", f"{g(r, 'task')}",
                  f"{g(r, 'hobby_ing')}", f"getting into {g(r, 'hobby_noun')}"])
    tail = r.choice(["", "", " as a beginner", " on a budget", " with two kids", " in winter", f" after {r.randint(2, 20)} years off",
                     f" when {g(r, 'clause')}"])
    return f"Tips for {a}{tail}? Keep it short."

# ---- long system-style templates ----

@family("long: customer support assistant for {company} selling {goods}; reply to {message}")
def f_support(r):
    return (f"You are a helpful customer support assistant for {g(r, 'org')}, an online store that sells {g(r, 'goods')}. "
            "Always be polite and concise. Never promise refunds or discounts; instead, refer the customer to the returns page. "
            f"Reply to the following customer message:\n\n{g(r, 'cmsg')}")

@family("long: expert copywriter, product description for {product} aimed at {audience}")
def f_copy(r):
    return (f"You are an expert copywriter. Write a product description for {g(r, 'product')} aimed at {g(r, 'audience')}. "
            "Keep it under 120 words, avoid superlatives, and end with a one-line call to action.")

@family("long: extract action items from raw meeting notes {notes}")
def f_notes(r):
    m = r.choice(["- ", "* ", ""])
    frames = ["{first} to {task_todo} by {date_text}", "discussed {topic_short}; no decision yet", "{first}: {sentence}",
              "need someone to {task_todo}", "budget for the {noun} approved ({price})", "next sync {weekday} {time}",
              "{first} will check with {org} about {issue}", "action: {task_todo}", "{first} + {first} own the {doc}"]
    notes = "\n".join(m + X(r, r.choice(frames)) for _ in range(r.randint(3, 9)))
    return ("The text below contains raw notes from a team meeting. Extract every action item as a numbered list, including the owner "
            'and the deadline for each. If no owner is mentioned, write "unassigned". Do not include discussion points that are not '
            f"action items.\n\nNotes:\n{notes}")

@family("long: moderation classifier SAFE/SPAM/ABUSIVE for gaming forum comment {comment}")
def f_moderation(r):
    c = g(r, "comment") if r.random() < 0.75 else g(r, "comment") + ". " + g(r, "comment")
    return ("You are a content moderation classifier for a gaming forum. Label the comment below as SAFE, SPAM, or ABUSIVE. "
            f"Respond with the label only and no explanation.\n\nComment: {c}")

@family("long: translate English into {lang} preserving formatting/placeholders; {text}")
def f_translate_fmt(r):
    t = r.choice([lambda: sentences(r, r.randint(1, 3)),
                  lambda: f"Hi {{name}}, your order {g(r, 'ordernum')} ships on {g(r, 'date_text')}. Questions? Reply to this email.",
                  lambda: f"<b>{cap(g(r, 'phrase'))}</b>\n{sentences(r, 1)}", lambda: bullets(r, 2, 4),
                  lambda: f"Your {g(r, 'item')} ({g(r, 'padj')}-{r.randint(100, 999)}) is ready for pickup at {g(r, 'street')}."])()
    return (f"Translate the following text from English into {g(r, 'lang')}. Preserve all formatting, line breaks and placeholders "
            f"such as {{name}}. Do not translate brand names or product codes.\n\nText: {t}")

def word_problem(r):
    a, b, c = r.randint(2, 40), r.randint(2, 30), r.randint(10, 99)
    return r.choice([f"Solve {a}x + {b} = {c}.", f"What is {a}/{b} + {r.randint(1, 9)}/{r.randint(2, 12)}?",
                     f"{g(r, 'first')} has {a + b} {g(r, 'items')} and gives {b} to a friend. How many are left?",
                     f"Find the area of a triangle with base {a} cm and height {b} cm.",
                     f"A train leaves {g(r, 'city')} at {a + 40} km/h. How far does it travel in {r.randint(2, 6)} hours?",
                     f"Factor x^2 + {a + b}x + {a * b}.", f"What is {r.randint(5, 60)}% of {c * 10}?",
                     f"If {r.randint(2, 9)} pencils cost {_price(r)}, how much do {r.randint(10, 30)} pencils cost?"])

@family("long: patient math tutor for grade {grade}; guiding questions; problem {problem}")
def f_tutor(r):
    return (f"Act as a patient math tutor for a student in grade {r.randint(3, 12)}. Do not give the final answer directly. "
            "Instead, ask one guiding question at a time and wait for the student's reply. "
            f"Here is the problem the student is stuck on: {word_problem(r)}")

@family("long: professional chef recipe using only {ingredients} within {minutes} minutes")
def f_chef(r):
    ing = ", ".join(dict.fromkeys(g(r, "ingredient") for _ in range(r.randint(3, 8))))
    return ("You are a professional chef who specializes in quick home cooking. "
            f"Create a recipe that uses only these ingredients: {ing}. It must take no more than {r.choice(range(10, 65, 5))} minutes "
            "from start to finish. List the steps in order and include a short note on substitutions.")

@family("long: hiring {role} for {size} {industry} company, ten interview questions")
def f_interview(r):
    size = r.choice(["small", "mid-sized", "large", "fast-growing", "family-owned", "remote-first", "50-person", "200-employee"])
    ind = r.choice(["fintech", "healthcare", "logistics", "retail", "gaming", "nonprofit", "construction", "media", "biotech", "hospitality"])
    return (f"I am hiring {a_an(g(r, 'role'))} for a {size} {ind} company. Generate ten interview questions that assess both "
            "technical skills and culture fit. Order them from easiest to hardest and add one sentence explaining what each question reveals.")

@family("long: named entity extraction to JSON with people/organizations/locations; {text}")
def f_ner(r):
    return ("Extract all named entities (people, organizations, and locations) from the text below. Return a JSON object with the keys "
            '"people", "organizations", and "locations", each mapping to a list of strings. If a category is empty, use an empty list.'
            "\n\n" + paragraph(r, "news", 30, 120))

@family("long: plan a {days}-day trip to {city} for a traveler who loves {interest}")
def f_trip(r):
    it = g(r, "interest") if r.random() < 0.6 else f"{g(r, 'interest')} and {g(r, 'interest')}"
    return (f"Plan a {r.randint(2, 14)}-day trip to {g(r, 'city')} for a traveler who loves {it}. Include one restaurant suggestion per day "
            "and a rainy-day alternative. Keep the budget moderate and give approximate costs in the local currency.")

@family("long: rewrite email professional but warm, keep facts; ---{email}---")
def f_email_rewrite(r):
    body = " ".join(cap(g(r, "email_body")) for _ in range(r.randint(1, 3)))
    em = f"{r.choice(['hey', 'hi', 'Hi', 'hello'])} {g(r, 'first')},\n\n{body}\n\n{g(r, 'signoff')}\n{g(r, 'first')}"
    return ("Rewrite the email below so that it sounds professional but still warm. Keep every fact, date and number unchanged. "
            f"Do not add a subject line or a signature.\n\n---\n{em}\n---")


G["email_body"] = L("""can you send me the {doc} by {weekday}? we need it before the call with {org}.|
the meeting about {topic_short} is moved to {time} on {weekday}.|we are over budget by {price} on the {noun} project, so something has to give.|
I won't make it on {date_text}, something came up with my {relation}.|the client wants the {doc} in {lang} too, not sure we can do that by {date_text}.|
just a reminder that {n} invoices are still unpaid.|I looked at the numbers and honestly they don't add up.|thanks for covering for me last week, I owe you one.|
the {adj} {noun} arrived broken, I'm sending it back.""")
G["signoff"] = L("thanks|cheers|best|talk soon|thx|regards")

@family("long: ~300-word short story set in {setting}, main character {character}, twist ending")
def f_story(r):
    return (f"Write a short story of roughly 300 words set in {g(r, 'setting')}. The main character is {g(r, 'character')}. "
            'The story must end with an unexpected twist. Avoid clichés, and do not start with the words "Once upon a time".')

@family("long: answer only from context, else I don't know; Context {context} Question {question}")
def f_grounded(r):
    return ('Answer the question using only the information in the context. If the context does not contain the answer, reply '
            '"I don\'t know." Do not use outside knowledge.\n\n'
            f"Context: {paragraph(r, r.choice(['news', 'science']), 40, 140)}\n\nQuestion: {g(r, 'qa_question')}")

@family("long: roleplay as {name}, a {profession} in {place}; stay in character; User: {msg}")
def f_roleplay(r):
    return (f"You are {g(r, 'first')} {g(r, 'last')}, a {g(r, 'profession')} who has lived in {g(r, 'rp_place')} for forty years. "
            "Stay in character at all times and never mention that you are an AI. Answer the user in the first person, using the "
            f"vocabulary of your time and trade.\n\nUser: {g(r, 'rp_msg')}")

@family("long: create {n} multiple-choice questions about {topic} for high school students")
def f_quiz(r):
    return (f"Create {r.randint(3, 20)} multiple-choice questions about {g(r, 'topic')} for high school students. Each question must "
            "have four options labeled A to D, with exactly one correct answer. Mark the correct answer after each question and keep "
            "the language simple.")

# ---- structured slots ----

@family("structured: Explain what this {lang} code does, step by step + fenced code")
def f_explain_code(r):
    lang, c = code(r)
    tag = {"Python": "python", "JavaScript": "js", "SQL": "sql", "Bash": "bash"}[lang]
    return f"Explain what this {lang} code does, step by step:\n\n```{tag}\n{c}\n```"

@family("structured: There's a bug in this function, find it + corrected version; {code}")
def f_bug(r):
    _, c = code(r, r.choice(["Python", "Python", "JavaScript"]))
    return f"There's a bug somewhere in this function. Find it and show me the corrected version.\n\n{c}"

@family("structured: Convert this JSON to YAML: {json}")
def f_yaml(r):
    return "Convert this JSON to YAML:\n" + json_obj(r)

@family("structured: validate JSON user object against schema; VALID/INVALID; {json}")
def f_schema(r):
    return ("Check whether the following JSON object is valid according to our user schema (required fields: id, name, email; "
            "age must be a positive integer). Reply with VALID or INVALID and a one-line reason.\n\n" + json_obj(r, "user"))

@family("structured: Draft a short reply to {email} confirming our call on {date} at {time}")
def f_reply(r):
    d = r.choice([_date_text(r), f"{g(r, 'weekday')}, {_date_text(r)}", g(r, "weekday"), date_any(r)])
    tz = r.choice(["", " CET", " EST", " PT", " UTC", " (Berlin time)", " IST"])
    return f"Draft a short reply to {email(r)} confirming our call on {d} at {_time(r)}{tz}."

@family("structured: Summarize the page at {url} in three bullet points.")
def f_url(r):
    return f"Summarize the page at {url(r)} in three bullet points."

@family("structured: Sort these tasks by priority and explain: {bullet list}")
def f_priority(r):
    return "Sort these tasks by priority and explain your ordering:\n" + bullets(r)

@family("structured: compound interest on {amount} at {rate}% for {years} years, compounded {freq}")
def f_interest(r):
    cur = r.choice(["$", "€", "£", "¥", "CHF "])
    amt = r.choice([f"{r.randint(500, 250000):,}", str(r.randint(100, 9999)), f"{r.randint(1, 99)},{r.randint(0, 999):03d}.{r.randint(0, 99):02d}"])
    rate = r.choice([str(r.randint(1, 12)), f"{r.randint(0, 9)}.{r.choice([25, 5, 75, 1, 9])}"])
    freq = r.choice(["annually", "monthly", "quarterly", "daily", "semi-annually", "continuously"])
    return f"What is the compound interest on {cur}{amt} at {rate}% per year for {r.randint(2, 40)} years, compounded {freq}?"

@family("structured: SQL query against table `{table}` (columns: {cols}) that returns {request}")
def f_sql(r):
    cols = ["id"] + r.sample(W("created_at updated_at status amount customer_id product_id country email region price quantity "
                                 "rating user_id category name department salary hire_date"), r.randint(3, 7))
    return f"Write a SQL query against the table `{g(r, 'ut_table')}` (columns: {', '.join(cols)}) that returns {g(r, 'sql_req')}."

def regex_examples(r):
    L3 = "ABCDEFGHJKLMNPRSTUVWXYZ"
    k = r.randrange(8)
    if k == 0:
        f = lambda: f"{r.choice(L3)}{r.choice(L3)}-{r.randint(1000, 9999)}"
        return f(), f(), f"{r.choice(L3).lower()}{r.choice(L3).lower()}-{r.randint(1000, 9999)}"
    if k == 1:
        return g(r, "date_iso"), g(r, "date_iso"), g(r, "date_iso").replace("-", "/")
    if k == 2:
        h = lambda: "#" + "".join(r.choice("0123456789abcdefABCDEF") for _ in range(6))
        return h(), h(), h()[:-1] + r.choice("ghxz")
    if k == 3:
        return f"v{g(r, 'version')}", f"v{g(r, 'version')}", f"{r.randint(1, 9)}.{r.randint(0, 9)}"
    if k == 4:
        return email(r), email(r), email(r).replace("@", " at ")
    if k == 5:
        return f"INV-{r.randint(2015, 2025)}-{r.randint(1, 9999):04d}", f"INV-{r.randint(2015, 2025)}-{r.randint(1, 9999):04d}", f"INV{r.randint(2015, 2025)}{r.randint(1, 99)}"
    if k == 6:
        return f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}", f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}", f"{r.randint(24, 39)}:{r.randint(60, 99)}"
    w = ident(r)
    return f"{w}_{r.randint(2000, 2025)}.csv", f"{ident(r)}_{r.randint(2000, 2025)}.csv", f"{w}.txt"

@family('structured: regular expression matching "{ex1}" and "{ex2}" but not "{ex3}"')
def f_regex(r):
    a, b, c = regex_examples(r)
    return f'Write a regular expression that matches strings like "{a}" and "{b}" but not "{c}".'

@family("structured: How many days are there between {date1} and {date2}?")
def f_days(r):
    return f"How many days are there between {date_any(r)} and {date_any(r)}?"

# ---- long fillings ----

@family("paragraph: Summarize the following article in two sentences: {paragraph}")
def f_sum2(r):
    return "Summarize the following article in two sentences:\n\n" + paragraph(r, r.choice(["news", "science"]))

@family("paragraph: {paragraph} What is the main argument of the passage above?")
def f_argument(r):
    return paragraph(r, r.choice(["news", "science", "personal"])) + "\n\nWhat is the main argument of the passage above?"

@family('paragraph: Identify the tone of this text and quote three words... Text: "{paragraph}"')
def f_tone(r):
    return ("Identify the tone of this text and quote three words that support your answer.\nText: \""
            + paragraph(r, r.choice(list(THEMES))) + '"')

@family("paragraph: Write five quiz questions based on this passage: {paragraph}")
def f_quizpass(r):
    return "Write five quiz questions based on this passage:\n" + paragraph(r, r.choice(["science", "news", "story"]))

@family("paragraph: draft personal statement, feedback on structure and clarity; {paragraph}")
def f_statement(r):
    return ("Here is a draft of my personal statement. Give me honest feedback on structure and clarity, not grammar.\n\n"
            + paragraph(r, "personal", 60, 200))

@family("paragraph: Rewrite this paragraph in plain English for a reader with no background: {paragraph}")
def f_plain(r):
    return ("Rewrite this paragraph in plain English for a reader with no background in the subject: "
            + paragraph(r, r.choice(["science", "science", "news"])))

@family("paragraph: customer's feedback, single biggest complaint in one sentence; {paragraph}")
def f_complaint(r):
    return "Below is a customer's feedback. What is their single biggest complaint, in one sentence?\n\n" + paragraph(r, "feedback")

@family("paragraph: Continue this story for one more paragraph in the same style: {paragraph}")
def f_continue(r):
    return "Continue this story for one more paragraph in the same style:\n\n" + paragraph(r, "story")

# ---- surface variations ----

@family("variation: [Please] write a brief|short summary of {topic}[. Thanks!]")
def f_v_summary(r):
    pre = r.choice(["Please write", "please write", "Write", "Write", "Pls write"])
    return f"{pre} a {r.choice(['brief', 'short'])} summary of {g(r, 'topic')}{r.choice(['.', '.', '. Thanks!', '', ' thanks'])}"

@family("variation: [Can you|Could you] generate|come up with {n} catchy|creative names for {business}")
def f_v_names(r):
    pre = r.choice(["Can you ", "Could you ", "", ""])
    verb = r.choice(["generate", "come up with"])
    s = f"{pre}{verb if pre else cap(verb)} {r.randint(3, 25)} {r.choice(['catchy', 'creative'])} names for {g(r, 'business')}"
    s += "?" if pre else "."
    return s + r.choice(["", "", " No explanations needed."])

@family('variation: Translate "{sentence}" into {lang}[ please][.|!]')
def f_v_translate(r):
    s = cap(g(r, "phrase")) if r.random() < 0.4 else g(r, "sentence")
    q = r.choice(['"', '"', "'"])
    return f"Translate {q}{s}{q} into {g(r, 'lang')}{r.choice(['', ' please'])}{r.choice(['.', '!', ''])}"

@family("variation: [Hi,] what are the main|primary causes of {event}?[ Keep it short.]")
def f_v_causes(r):
    hi = r.choice(["", "", "Hi, ", "Hey! "])
    return (f"{hi}{'what' if hi else 'What'} are the {r.choice(['main', 'primary'])} causes of {g(r, 'event')}?"
            + r.choice(["", "", " Keep it short.", " Keep it short please."]))

@family("variation: Give me|give me a quick|simple recipe for {dish}[, vegetarian if possible][.]")
def f_v_recipe(r):
    return (f"{r.choice(['Give me', 'give me'])} a {r.choice(['quick', 'simple'])} recipe for {g(r, 'dish')}"
            f"{r.choice(['', '', ', vegetarian if possible'])}{r.choice(['.', ''])}")

@family("variation: [Please] rate this headline from 1 to 10 for clickbait[:|-] {headline}[ explain briefly]")
def f_v_headline(r):
    return (f"{r.choice(['Rate', 'Please rate', 'rate'])} this headline from 1 to 10 for clickbait{r.choice([': ', ' - ', ':' + chr(10)])}"
            f"{g(r, 'headline')}{r.choice(['', '', chr(10) + 'Explain briefly.', ' (explain briefly)'])}")

# ---- few-shot / multi-turn ----

@family("few-shot: Review/Sentiment examples (varying) then final Review:")
def f_fs_sentiment(r):
    parts = ["Decide whether each review is positive or negative.\n"]
    for _ in range(r.randint(2, 4)):
        lab = r.choice(["positive", "negative"])
        parts.append(f"Review: {g(r, 'rev_pos' if lab == 'positive' else 'rev_neg')}\nSentiment: {lab}\n")
    parts.append(f"Review: {g(r, 'review')}\nSentiment:")
    return "\n".join(parts)

ALPACA = [("Classify the sentiment of the input as positive, negative, or neutral.", lambda r: g(r, "review")),
          ("Rewrite the input sentence in the passive voice.", lambda r: g(r, "sentence")),
          ("Summarize the input in one sentence.", lambda r: paragraph(r, "news", 40, 90)),
          ("Translate the input into " + "{lang}.", lambda r: g(r, "sentence")),
          ("Suggest a title for the following text.", lambda r: paragraph(r, "science", 30, 80)),
          ("Convert the list into a comma-separated string.", lambda r: bullets(r, 3, 6)),
          ("Identify the main verb in the sentence.", lambda r: g(r, "sentence")),
          ("Generate three hashtags for the input.", lambda r: g(r, "sentence")),
          ("Correct any spelling mistakes in the input.", lambda r: corrupt(r, g(r, "sentence"))),
          ("Write a SQL query that answers the question in the input.", lambda r: f"How many {g(r, 'ut_table')} were created in {g(r, 'year')}?"),
          ("Explain the code in the input.", lambda r: code(r)[1]),
          ("Categorize the product into one of: electronics, clothing, home, toys.", lambda r: g(r, "product")),
          ("Give the antonym of the input word.", lambda r: g(r, "adj")),
          ("Extract the date mentioned in the input.", lambda r: f"{cap(g(r, 'subj'))} will arrive on {date_any(r)}."),
          ("Count the words in the input.", lambda r: g(r, "sentence")),
          ("Rewrite the input so it sounds more polite.", lambda r: g(r, "comment"))]

@family("few-shot: ### Instruction / ### Input / ### Response (Alpaca style)")
def f_fs_alpaca(r):
    ins, inp = r.choice(ALPACA)
    return ("Below is an instruction that describes a task, paired with an input that provides further context. Write a response "
            f"that appropriately completes the request.\n\n### Instruction:\n{X(r, ins)}\n\n### Input:\n{inp(r)}\n\n### Response:\n")

@family("multi-turn: System/User/Assistant bookstore chat for {store}, ends with Assistant:")
def f_fs_bookstore(r):
    t = [f"System: You are Page, the friendly assistant of {g(r, 'store')}, an independent bookstore. Only recommend books that are in stock."]
    t.append(f"User: {g(r, 'u1')}\nAssistant: {g(r, 'a1')}")
    if r.random() < 0.4:
        t.append(f"User: {g(r, 'u2')}\nAssistant: {g(r, 'a1')}")
    t.append(f"User: {g(r, 'u2')}\nAssistant:")
    return "\n".join(t)

PLURAL_EXTRA = L("""analysis|
crisis|goose|ox|phenomenon|criterion|leaf|wolf|knife|thesis|fungus|radius|tooth|foot|sheep|deer|moose|index|matrix|appendix|potato|hero|echo|piano|photo|bus|quiz|city|baby|toy|day|wife|half|shelf|
loaf|life|person|woman|octopus|syllabus|alumnus|bacterium|datum|medium|series|species|passerby|mother-in-law|attorney general|runner-up|louse|die|cherub|larva|nucleus|stimulus|vertebra|hypothesis|
ellipsis|axis|oasis|buffalo|volcano|tomato|hoof|scarf|wharf|calf""")

@family("few-shot: Give the plural form. fixed examples (child -> children ...) then {word} ->")
def f_fs_plural(r):
    w = r.choice([r.choice(PLURAL_EXTRA), r.choice(PLURAL_EXTRA), g(r, "noun"), f"{g(r, 'adj')} {g(r, 'noun')}", g(r, "animal")])
    return f"Give the plural form.\n\nchild -> children\nmouse -> mice\ncactus -> cacti\nbox -> boxes\n{w} ->"

@family("multi-turn: Customer/Agent conversation at {bank}, ends with Agent:")
def f_fs_bank(r):
    return (f"The following is a conversation between a customer and a support agent at {g(r, 'bank')}. The agent is helpful and "
            f"never asks for full card numbers.\n\nCustomer: {g(r, 'c1')}\nAgent: {g(r, 'ag1')}\nCustomer: {g(r, 'c2')}\nAgent:")

def math_qa(r):
    nm, it = g(r, "first"), g(r, "items")
    a, b = r.randint(3, 60), r.randint(2, 40)
    k = r.randrange(6)
    if k == 0:
        q, ans, w = f"{nm} has {a} {it}. {nm} buys {b} more. How many {it} does {nm} have now?", a + b, f"{a} + {b} = {a + b}."
    elif k == 1:
        q, ans, w = f"A crate holds {a} bottles. How many bottles do {b} crates hold?", a * b, f"{a} * {b} = {a * b}."
    elif k == 2:
        q, ans, w = f"{nm} read {a} pages on Monday and {b} pages on Tuesday. How many pages in total?", a + b, f"{a} + {b} = {a + b}."
    elif k == 3:
        a = a + b
        q, ans, w = f"{nm} had {a} {it} and gave away {b}. How many are left?", a - b, f"{a} - {b} = {a - b}."
    elif k == 4:
        q, ans, w = f"There are {a * b} students split into groups of {b}. How many groups are there?", a, f"{a * b} / {b} = {a}."
    else:
        q, ans, w = f"A train travels {a * b} km in {b} hours. What is its average speed in km/h?", a, f"{a * b} / {b} = {a}."
    return q, ans, w

@family("few-shot: Question:/Answer: arithmetic word problems (varying examples), final Answer:")
def f_fs_math(r):
    cot = r.random() < 0.5
    out = []
    for _ in range(r.randint(2, 4)):
        q, ans, w = math_qa(r)
        out.append(f"Question: {q}\nAnswer: {w + ' The answer is ' + str(ans) + '.' if cot else ans}")
    out.append(f"Question: {math_qa(r)[0]}\nAnswer:")
    return "\n\n".join(out)

@family("multi-turn: ChatML fixed system prompt (concise, max three sentences), user {question}")
def f_fs_chatml(r):
    q = free_core(r)
    return ("<|im_start|>system\nYou are a concise assistant that answers in at most three sentences.<|im_end|>\n"
            f"<|im_start|>user\n{q}<|im_end|>\n<|im_start|>assistant\n")

# ---------------------------------------------------------------------------
# Free texts
# ---------------------------------------------------------------------------
def free_core(r):
    s = g(r, "f_core")
    return cap(s) if r.random() < 0.6 else s

def free_text(r):
    lower = r.random() < 0.3
    pieces = []
    if r.random() < 0.2:
        pieces.append(g(r, "f_greet"))
    ctx = [g(r, "f_ctx") for _ in range(r.choice([0, 0, 0, 0, 1, 1, 1, 2, 2, 3]))]
    core = [g(r, "f_core") for _ in range(1 if r.random() < 0.85 else 2)]
    cons = [g(r, "f_cons")] if r.random() < 0.3 else []
    close = [g(r, "f_close")] if r.random() < 0.12 else []
    if r.random() < 0.25 and ctx:
        body = core + ctx
    else:
        body = ctx + core
    pieces += body + cons + close
    out = []
    for p in pieces:
        if not lower:
            p = cap(p)
        if p[-1:].isalnum() and r.random() < 0.6 and p not in close:
            p += r.choice([".", ".", "?" if p.lower().startswith(("how", "what", "why", "is ", "can", "which")) else "."])
        out.append(p)
    text = " ".join(out)
    words = text.split()
    if len(words) > 60:
        text = " ".join(words[:r.randint(45, 60)])
    while len(text.split()) < 5:
        text += " " + (g(r, "f_cons") if r.random() < 0.5 else cap(g(r, "f_ctx")))
    return text

# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------
def fail(msg):
    print(f"template_families_e.py: error: {msg}", file=sys.stderr)
    sys.exit(2)

def build(seed, per_family, apf, n_free):
    r = random.Random(seed)
    rows = []
    weights = [1.0 / (k + 1) ** 0.5 for k in range(apf)]
    for fid, (_, fn) in enumerate(FAMILIES):
        seen = set()
        accounts = [f"e-f{fid}-a{k}" for k in range(apf)]
        order = list(range(apf))
        r.shuffle(order)
        for i in range(per_family):
            t = fn(r)
            for _ in range(40):
                if t not in seen:
                    break
                t = fn(r)
            seen.add(t)
            k = order[i] if i < apf else r.choices(range(apf), weights)[0]
            rows.append({"text": t, "account": accounts[k], "family": fid})
    seen = set()
    for i in range(n_free):
        t = free_text(r)
        for _ in range(40):
            if t not in seen:
                break
            t = free_text(r)
        seen.add(t)
        rows.append({"text": t, "account": f"e-free-{i}", "family": -1})
    r.shuffle(rows)
    return rows

def main(argv=None):
    ap = argparse.ArgumentParser(description="Held-out template-family corpus E (JSON Lines).")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-family", type=int, default=40)
    ap.add_argument("--accounts-per-family", type=int, default=10)
    ap.add_argument("--free-texts", type=int, default=1000)
    ap.add_argument("--out", default=None)
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args(argv)
    if a.list:
        try:
            for fid, (desc, _) in enumerate(FAMILIES):
                print(f"{fid}\t{desc}")
            sys.stdout.flush()
        except BrokenPipeError:
            sys.stderr.close()
        return 0
    if a.per_family < 1:
        fail(f"--per-family must be >= 1 (got {a.per_family})")
    if a.accounts_per_family < 1:
        fail(f"--accounts-per-family must be >= 1 (got {a.accounts_per_family})")
    if a.free_texts < 0:
        fail(f"--free-texts must be >= 0 (got {a.free_texts})")
    if a.out == "":
        fail("--out must not be empty")
    rows = build(a.seed, a.per_family, a.accounts_per_family, a.free_texts)
    data = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in rows)
    if a.out and a.out != "-":
        try:
            with open(a.out, "w", encoding="utf-8") as f:
                f.write(data)
        except OSError as e:
            fail(f"cannot write {a.out}: {e}")
    else:
        sys.stdout.write(data)
    return 0

if __name__ == "__main__":
    sys.exit(main())
