"""Demo data of « Labo commun », taken from the five French calls for tender in shared/seeds/.

Seeds: 000 « Centres sociaux connectés 2.0 du Croissant Sud » (FEDER-2020-PN.3),
001 « Centres sociaux connectés du bassin minier » (FEDER-2020-PN.6),
002 « Centres sociaux connectés », Alertes SMS phase 2 (FEDER-2018-PS.4.2),
003 DESIGN-PALAS, action « Labo des solutions innovantes et de la dynamique collaborative de projets » (FSE),
004 Hackathon « Centres Sociaux Connectés » (Lille-Roubaix-Tourcoing, 2017).

Publicity sentences, programme names, references, dates, budgets, addresses and switchboard
phone numbers are copied as written in the seeds (phones re-spaced « 03 27 46 92 23 », same digits).
A value the seeds do not give is None (or "" for text fields of a structure/funder).

No personal contact data is copied: no contact person's name, personal e-mail or mobile phone.
Only institutions' addresses, landline/switchboard numbers and generic institutional e-mails.

Plain data only: no Django import, no code. Keys (territory, structure, programme, theme slugs,
funder short names) cross-reference within this module.
"""

# Funds: "FEDER", "FSE", "FSE+", "OTHER"

# ---------------------------------------------------------------------------------------------
# Themes: (slug, displayed name)
# ---------------------------------------------------------------------------------------------
THEMES = [
    # seed 000 (« domaines clés de son action ») and seed 002 (domains of the 2017 prototypes)
    ("accueil", "Accueil"),
    ("pouvoir-d-agir", "Pouvoir d'agir des habitants"),
    ("animation-globale", "Animation globale"),
    ("lutte-contre-les-exclusions", "Lutte contre les exclusions"),
    ("insertion", "Insertion"),
    ("valorisation-des-competences", "Valorisation des compétences des habitants"),
    ("parentalite", "Parentalité"),
    ("communication", "Communication"),
    ("e-administration", "E-administration"),
    ("education", "Éducation"),
    # seeds 000/001 (« accès à l'emploi, la gestion des déplacements »)
    ("emploi", "Accès à l'emploi"),
    ("mobilite", "Gestion des déplacements"),
    # seeds 002/004 (« l'accès aux droits, la démocratie de proximité, l'éducation et la citoyenneté »,
    # « lien social », « précarité, difficultés d'accès aux droits »)
    ("acces-aux-droits", "Accès aux droits"),
    ("citoyennete", "Citoyenneté et démocratie de proximité"),
    ("lien-social", "Lien social"),
    ("precarite", "Précarité"),
    # seed 001 (« acculturation numérique »)
    ("acculturation-numerique", "Acculturation numérique"),
    # seed 003 (Design PALAS)
    ("innovation-sociale", "Innovation sociale"),
    ("design-de-service", "Design de service"),
    ("intelligence-collective", "Intelligence collective"),
    ("analyse-des-besoins-sociaux", "Analyse des besoins sociaux"),
    ("professionnalisation", "Professionnalisation des acteurs de l'action sociale"),
    ("action-sociale-de-proximite", "Action sociale de proximité"),
]

# ---------------------------------------------------------------------------------------------
# Funders
# ---------------------------------------------------------------------------------------------
FUNDERS = [
    {
        "name": "Union européenne – Fonds européen de développement régional (FEDER)",
        "short_name": "FEDER",
        "kind": "eu",
        "website": "",
    },
    {
        "name": "Union européenne – Fonds social européen (FSE)",
        "short_name": "FSE",
        "kind": "eu",
        "website": "",
    },
    {
        "name": "État",
        "short_name": "État",
        "kind": "state",
        "website": "",
    },
    {
        "name": "Région Hauts-de-France",
        "short_name": "Région HDF",
        "kind": "region",
        "website": "https://www.hautsdefrance.fr",
    },
    {
        "name": "Département du Nord",
        "short_name": "Département du Nord",
        "kind": "department",
        "website": "https://lenord.fr",
    },
    {
        "name": "Métropole Européenne de Lille",
        "short_name": "MEL",
        "kind": "epci",
        "website": "https://www.lillemetropole.fr",
    },
    {
        "name": "Communauté d'agglomération Valenciennes Métropole",
        "short_name": "Valenciennes Métropole",
        "kind": "epci",
        "website": "https://www.valenciennes-metropole.fr",
    },
    {
        "name": "Communauté d'agglomération de la Porte du Hainaut",
        "short_name": "CAPH",
        "kind": "epci",
        "website": "https://www.agglo-porteduhainaut.fr",
    },
    {
        "name": "Communauté d'agglomération de Lens-Liévin",
        "short_name": "CALL",
        "kind": "epci",
        "website": "https://www.agglo-lenslievin.fr",
    },
    {
        "name": "Caisse d'Allocations Familiales du Nord",
        "short_name": "CAF du Nord",
        "kind": "caf",
        "website": "https://www.caf.fr",
    },
    {
        "name": "Fédération des centres sociaux du Nord",
        "short_name": "FCS Nord",
        "kind": "federation",
        "website": "",
    },
    {
        "name": "Union nationale des centres communaux et intercommunaux d'action sociale (UNCCAS)",
        "short_name": "UNCCAS",
        "kind": "federation",
        "website": "https://www.unccas.org",  # seed 003 cites www.unccas.org/design-palas-…
    },
]

# ---------------------------------------------------------------------------------------------
# Territories: (key, name, level, parent_key, insee_code_or_None, is_qpv)
# No seed calls a named neighbourhood a « quartier prioritaire »: every is_qpv is False.
# EPCI insee_code = SIREN. INSEE codes of Nord/Pas-de-Calais communes only where certain.
# ---------------------------------------------------------------------------------------------
TERRITORIES = [
    ("hdf", "Hauts-de-France", "region", None, "32", False),
    ("nord", "Nord", "departement", "hdf", "59", False),
    ("pas-de-calais", "Pas-de-Calais", "departement", "hdf", "62", False),
    # EPCI (ITI of seeds 000/002: MEL; seed 001: « trois agglomérations du territoire »)
    ("mel", "Métropole Européenne de Lille", "epci", "nord", "200093201", False),
    ("valenciennes-metropole", "Valenciennes Métropole", "epci", "nord", None, False),
    ("porte-du-hainaut", "La Porte du Hainaut", "epci", "nord", None, False),
    ("lens-lievin", "Lens-Liévin", "epci", "pas-de-calais", None, False),
    # MEL communes (seeds 000, 002, 004)
    ("lille", "Lille", "commune", "mel", "59350", False),
    ("roubaix", "Roubaix", "commune", "mel", "59512", False),
    ("tourcoing", "Tourcoing", "commune", "mel", "59599", False),
    ("faches-thumesnil", "Faches-Thumesnil", "commune", "mel", None, False),
    # Lille neighbourhoods (seed 002: « le territoire de Lille Sud »;
    # seed 000: « territoire de Faubourg de Béthune »)
    ("lille-sud", "Lille Sud", "quartier", "lille", None, False),
    ("faubourg-de-bethune", "Faubourg de Béthune", "quartier", "lille", None, False),
    # Tourcoing neighbourhoods named by its centres sociaux (seed 002, « Versant Nord-Est »)
    ("belencontre", "Belencontre", "quartier", "tourcoing", None, False),
    ("phalempins", "Phalempins", "quartier", "tourcoing", None, False),
    ("virolois", "Virolois", "quartier", "tourcoing", None, False),
    # Valenciennes Métropole communes (seed 001)
    ("valenciennes", "Valenciennes", "commune", "valenciennes-metropole", "59606", False),
    ("marly", "Marly", "commune", "valenciennes-metropole", None, False),
    ("saint-saulve", "Saint-Saulve", "commune", "valenciennes-metropole", None, False),
    ("fresnes-sur-escaut", "Fresnes-sur-Escaut", "commune", "valenciennes-metropole", None, False),
    ("conde-sur-l-escaut", "Condé-sur-l'Escaut", "commune", "valenciennes-metropole", None, False),
    ("vieux-conde", "Vieux-Condé", "commune", "valenciennes-metropole", None, False),
    ("onnaing", "Onnaing", "commune", "valenciennes-metropole", None, False),
    ("vicq", "Vicq", "commune", "valenciennes-metropole", None, False),
    ("quarouble", "Quarouble", "commune", "valenciennes-metropole", None, False),
    # Valenciennes / Marly neighbourhoods named by their centres (seed 001)
    ("beaujardin", "Beaujardin", "quartier", "valenciennes", None, False),
    ("dutemple", "Dutemple", "quartier", "valenciennes", None, False),
    ("faubourg-de-cambrai", "Faubourg de Cambrai", "quartier", "valenciennes", None, False),
    ("saint-waast", "Saint-Waast", "quartier", "valenciennes", None, False),
    ("valenciennes-centre-ville", "Centre Ville", "quartier", "valenciennes", None, False),
    ("la-briquette", "La Briquette", "quartier", "marly", None, False),
    # Porte du Hainaut communes (seed 001)
    ("escautpont", "Escautpont", "commune", "porte-du-hainaut", None, False),
    ("douchy-les-mines", "Douchy-les-Mines", "commune", "porte-du-hainaut", None, False),
    ("denain", "Denain", "commune", "porte-du-hainaut", None, False),
    ("faubourg-duchateau", "Faubourg Duchateau", "quartier", "denain", None, False),
    # Lens-Liévin commune (seed 001)
    ("mazingarbe", "Mazingarbe", "commune", "lens-lievin", None, False),
    ("cite-des-brebis", "Cité des brebis", "quartier", "mazingarbe", None, False),
    # Mayotte (seed 003): région and département at once, 17 communes
    ("mayotte-region", "Mayotte", "region", None, "06", False),
    ("mayotte", "Mayotte", "departement", "mayotte-region", "976", False),
    ("acoua", "Acoua", "commune", "mayotte", "97601", False),
    ("bandraboua", "Bandraboua", "commune", "mayotte", "97602", False),
    ("bandrele", "Bandrélé", "commune", "mayotte", "97603", False),
    ("boueni", "Bouéni", "commune", "mayotte", "97604", False),
    ("chiconi", "Chiconi", "commune", "mayotte", "97605", False),
    ("chirongui", "Chirongui", "commune", "mayotte", "97606", False),
    ("dembeni", "Dembeni", "commune", "mayotte", "97607", False),
    ("dzaoudzi", "Dzaoudzi", "commune", "mayotte", "97608", False),
    ("kani-keli", "Kani-Kéli", "commune", "mayotte", "97609", False),
    ("koungou", "Koungou", "commune", "mayotte", "97610", False),
    ("mamoudzou", "Mamoudzou", "commune", "mayotte", "97611", False),
    ("mtsamboro", "Mtsamboro", "commune", "mayotte", "97612", False),
    ("m-tsangamouji", "M'Tsangamouji", "commune", "mayotte", "97613", False),
    ("ouangani", "Ouangani", "commune", "mayotte", "97614", False),
    ("pamandzi", "Pamandzi", "commune", "mayotte", "97615", False),
    ("sada", "Sada", "commune", "mayotte", "97616", False),
    ("tsingoni", "Tsingoni", "commune", "mayotte", "97617", False),
]

# ---------------------------------------------------------------------------------------------
# Structures
# ---------------------------------------------------------------------------------------------
STRUCTURES = [
    # --- Seed 001: carrier and the 19 centres sociaux / maisons de quartier -------------------
    {
        "key": "acsrv",
        "name": "Association des Centres Sociaux de la Région de Valenciennes (ACSRV)",
        "kind": "association",
        "address": "34 Avenue de Condé",
        "postcode": "59300",
        "city": "Valenciennes",
        "phone": "",  # the seed only gives a contact person's mobile: not copied
        "email": "",
        "website": "",
        "territory": "valenciennes",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "mq-beaujardin",
        "name": "Maison de quartier Beaujardin de Valenciennes",
        "kind": "maison_quartier",
        "address": "73 rue du Chauffour",
        "postcode": "59300",
        "city": "Valenciennes",
        "phone": "03 27 46 92 23",
        "email": "",
        "website": "",
        "territory": "beaujardin",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "cs-dutemple",
        "name": "Centre social Dutemple de Valenciennes",
        "kind": "centre_social",
        "address": "Place des Charbonniers",
        "postcode": "59300",
        "city": "Valenciennes",
        "phone": "03 27 46 46 64",
        "email": "",
        "website": "",
        "territory": "dutemple",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "csc-georges-dehove",
        "name": "Centre socioculturel Georges Dehove de Valenciennes",
        "kind": "centre_social",
        "address": "1 rue Léon Dubled",
        "postcode": "59300",
        "city": "Valenciennes",
        "phone": "03 27 46 52 39",
        "email": "",
        "website": "",
        "territory": "valenciennes",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "csc-faubourg-de-cambrai",
        "name": "Centre socioculturel du Faubourg de Cambrai à Valenciennes",
        "kind": "centre_social",
        "address": "22 rue de la Targette",
        "postcode": "59300",
        "city": "Valenciennes",
        "phone": "03 27 46 18 58",
        "email": "",
        "website": "",
        "territory": "faubourg-de-cambrai",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "mq-saint-waast",
        "name": "Maison de quartier Saint-Waast de Valenciennes",
        "kind": "maison_quartier",
        "address": "145 avenue Désandrouin",
        "postcode": "59300",
        "city": "Valenciennes",
        "phone": "03 27 29 98 40",
        "email": "",
        "website": "",
        "territory": "saint-waast",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "csc-la-briquette",
        "name": "Centre social et culturel de la Briquette à Marly",
        "kind": "centre_social",
        "address": "29 rue Champagne",
        "postcode": "59770",
        "city": "Marly",
        "phone": "03 27 29 34 44",
        "email": "",
        "website": "",
        "territory": "la-briquette",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "cs-les-florales",
        "name": "Centre social les Florales à Marly",
        "kind": "centre_social",
        "address": "7 avenue des Lilas",
        "postcode": "59770",
        "city": "Marly",
        "phone": "03 27 46 51 08",
        "email": "",
        "website": "",
        "territory": "marly",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "mq-saint-saulve",
        "name": "Maison de quartier de Saint-Saulve",
        "kind": "maison_quartier",
        "address": "12 rue Blaise Pascal",
        "postcode": "59880",
        "city": "Saint-Saulve",
        "phone": "03 27 42 54 10",
        "email": "",
        "website": "",
        "territory": "saint-saulve",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "csc-fresnes-sur-escaut",
        "name": "Centre socioculturel de Fresnes-sur-Escaut",
        "kind": "centre_social",
        "address": "36 rue du Maréchal Soult",
        "postcode": "59970",
        "city": "Fresnes-sur-Escaut",
        "phone": "03 66 20 03 06",
        "email": "",
        "website": "",
        "territory": "fresnes-sur-escaut",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "cs-conde-sur-l-escaut",
        "name": "Centre social de Condé-sur-l'Escaut",
        "kind": "centre_social",
        "address": "Place du Hainaut",
        "postcode": "59163",
        "city": "Condé-sur-l'Escaut",
        "phone": "03 27 40 05 31",
        "email": "",
        "website": "",
        "territory": "conde-sur-l-escaut",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "csc-vieux-conde",
        "name": "Centre socioculturel de Vieux-Condé",
        "kind": "centre_social",
        "address": "136 rue Emile Tabary",
        "postcode": "59690",
        "city": "Vieux-Condé",
        "phone": "03 27 24 61 65",
        "email": "",
        "website": "",
        "territory": "vieux-conde",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "csc-agate-escautpont",
        "name": "Centre socioculturel Agate d'Escautpont",
        "kind": "centre_social",
        "address": "1A Chaussée Brunehaut",
        "postcode": "59278",
        "city": "Escautpont",
        "phone": "03 27 30 38 70",
        "email": "",
        "website": "",
        "territory": "escautpont",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "csc-le-phare",
        "name": "Centre socioculturel intercommunal Le Phare d'Onnaing, Vicq et Quarouble",
        "kind": "centre_social",
        "address": "33 rue Renard Prolongée",
        "postcode": "59264",
        "city": "Onnaing",
        "phone": "03 27 19 81 16",
        "email": "",
        "website": "",
        "territory": "onnaing",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "csc-agora-douchy",
        "name": "Centre socioculturel Agora de Douchy-les-Mines",
        "kind": "centre_social",
        "address": "18 avenue Julien Renard",
        "postcode": "59282",
        "city": "Douchy-les-Mines",
        "phone": "03 62 75 01 96",
        "email": "",
        "website": "",
        "territory": "douchy-les-mines",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "mq-solange-tonini",
        "name": "Maison de quartier Solange Tonini de Denain",
        "kind": "maison_quartier",
        "address": "640 rue Berthelot",
        "postcode": "59220",
        "city": "Denain",
        "phone": "03 27 23 36 51",
        "email": "",
        "website": "",
        "territory": "denain",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "csc-faubourg-duchateau",
        "name": "Centre socioculturel Faubourg Duchateau de Denain",
        "kind": "centre_social",
        "address": "59 rue Patrick Roy",
        "postcode": "59220",
        "city": "Denain",
        "phone": "03 27 32 13 21",
        "email": "",
        "website": "",
        "territory": "faubourg-duchateau",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "maison-des-3-cites",
        "name": "Maison des 3 Cités de Mazingarbe",
        "kind": "maison_quartier",
        "address": "Chemin de La Bassée",
        "postcode": "62670",
        "city": "Mazingarbe",
        "phone": "03 21 37 28 00",
        "email": "",
        "website": "",
        "territory": "mazingarbe",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "cs-cite-des-brebis",
        "name": "Centre social de la Cité des brebis de Mazingarbe",
        "kind": "centre_social",
        "address": "Place de la Marne, Cité des brebis",
        "postcode": "62670",
        "city": "Mazingarbe",
        "phone": "03 21 45 35 20",
        "email": "",
        "website": "",
        "territory": "cite-des-brebis",
        "programmes": ["bassin-minier-2021"],
    },
    {
        "key": "mq-centre-ville-valenciennes",
        "name": "Maison de Quartier Centre Ville de Valenciennes",
        "kind": "maison_quartier",
        "address": "10 rue des Ursulines",
        "postcode": "59300",
        "city": "Valenciennes",
        "phone": "03 27 22 43 90",
        "email": "",
        "website": "",
        "territory": "valenciennes-centre-ville",
        "programmes": ["bassin-minier-2021"],
    },
    # --- Seeds 000, 002, 004: the 8 centres sociaux of the métropole lilloise -----------------
    # Seed 002: « le territoire du Versant Nord-Est de la métropole lilloise avec les centres sociaux
    # Belencontre, Phalempins, Echo et MJC Virolois ; le territoire de Lille Sud avec les centres
    # sociaux l'Arbrisseau, Lazare Garreau, Faubourg de Béthune et Chemin Rouge ».
    # Seed 004: « 8 centres sociaux de Lille, Roubaix et Tourcoing partenaires du projet ».
    {
        "key": "arbrisseau",
        "name": "Centre social et culturel de l'Arbrisseau",
        "kind": "centre_social",
        "address": "",
        "postcode": "",
        "city": "Lille",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "lille-sud",
        "programmes": ["croissant-sud-2020", "csc-mel-2018", "csc-lrt-2017"],
    },
    {
        "key": "faubourg-de-bethune",
        "name": "Centre social du Faubourg de Béthune (association Projet)",
        "kind": "centre_social",
        "address": "65 rue Saint Bernard – BP 43",
        "postcode": "59006",
        "city": "Lille Cedex",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "faubourg-de-bethune",
        "programmes": ["croissant-sud-2020", "csc-mel-2018", "csc-lrt-2017"],
    },
    {
        "key": "lazare-garreau",
        "name": "Centre social Lazare Garreau",
        "kind": "centre_social",
        "address": "",
        "postcode": "",
        "city": "Lille",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "lille-sud",
        "programmes": ["csc-mel-2018", "csc-lrt-2017"],
    },
    {
        "key": "chemin-rouge",
        "name": "Centre social intercommunal du Chemin Rouge",
        "kind": "centre_social",
        "address": "80 Chemin des Margueritois",
        "postcode": "59155",
        "city": "Faches-Thumesnil",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "faches-thumesnil",
        "programmes": ["csc-mel-2018", "csc-lrt-2017"],
    },
    # Versant Nord-Est: the seeds give no address nor commune for each centre; communes below are
    # the Tourcoing neighbourhoods they are named after, and Roubaix for Echo (seed 004: the 8
    # centres are in Lille, Roubaix and Tourcoing).
    {
        "key": "belencontre",
        "name": "Centre social Belencontre",
        "kind": "centre_social",
        "address": "",
        "postcode": "",
        "city": "Tourcoing",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "belencontre",
        "programmes": ["csc-mel-2018", "csc-lrt-2017"],
    },
    {
        "key": "phalempins",
        "name": "Centre social Phalempins",
        "kind": "centre_social",
        "address": "",
        "postcode": "",
        "city": "Tourcoing",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "phalempins",
        "programmes": ["csc-mel-2018", "csc-lrt-2017"],
    },
    {
        "key": "echo",
        "name": "Centre social Echo",
        "kind": "centre_social",
        "address": "",
        "postcode": "",
        "city": "Roubaix",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "roubaix",
        "programmes": ["csc-mel-2018", "csc-lrt-2017"],
    },
    {
        "key": "mjc-virolois",
        "name": "MJC Virolois",
        "kind": "centre_social",  # counted among « les centres sociaux » by seed 002
        "address": "",
        "postcode": "",
        "city": "Tourcoing",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "virolois",
        "programmes": ["csc-mel-2018", "csc-lrt-2017"],
    },
    {
        "key": "fcs-nord",
        "name": "Fédération des centres sociaux du Nord",
        "kind": "federation",
        "address": "",
        "postcode": "",
        "city": "",
        "phone": "",
        "email": "nord@centres-sociaux.com",  # generic address given in seed 004
        "website": "",
        "territory": "nord",
        "programmes": ["csc-mel-2018", "csc-lrt-2017"],
    },
    # --- Seed 003: UNCCAS, UDCCAS de Mayotte and the 17 CCAS -----------------------------------
    {
        "key": "unccas",
        "name": "Union nationale des centres communaux et intercommunaux d'action sociale (UNCCAS)",
        "kind": "federation",
        "address": "",
        "postcode": "",
        "city": "",
        "phone": "",  # the seed only gives contact persons' direct lines and mobiles: not copied
        "email": "",
        "website": "https://www.unccas.org",
        "territory": None,  # national network (« présente en métropole et outre-mer »)
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "udccas-mayotte",
        "name": "Union départementale des CCAS de Mayotte (UDCCAS)",
        "kind": "udccas",
        "address": "",
        "postcode": "",
        "city": "",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "mayotte",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-acoua",
        "name": "CCAS d'Acoua",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Acoua",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "acoua",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-bandraboua",
        "name": "CCAS de Bandraboua",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Bandraboua",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "bandraboua",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-bandrele",
        "name": "CCAS de Bandrélé",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Bandrélé",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "bandrele",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-boueni",
        "name": "CCAS de Bouéni",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Bouéni",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "boueni",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-chiconi",
        "name": "CCAS de Chiconi",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Chiconi",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "chiconi",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-chirongui",
        "name": "CCAS de Chirongui",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Chirongui",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "chirongui",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-dembeni",
        "name": "CCAS de Dembeni",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Dembeni",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "dembeni",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-dzaoudzi",
        "name": "CCAS de Dzaoudzi",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Dzaoudzi",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "dzaoudzi",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-kani-keli",
        "name": "CCAS de Kani-Kéli",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Kani-Kéli",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "kani-keli",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-koungou",
        "name": "CCAS de Koungou",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Koungou",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "koungou",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-mamoudzou",
        "name": "CCAS de Mamoudzou",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Mamoudzou",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "mamoudzou",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-mtsamboro",
        "name": "CCAS de Mtsamboro",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Mtsamboro",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "mtsamboro",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-m-tsangamouji",
        "name": "CCAS de M'Tsangamouji",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "M'Tsangamouji",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "m-tsangamouji",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-ouangani",
        "name": "CCAS d'Ouangani",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Ouangani",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "ouangani",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-pamandzi",
        "name": "CCAS de Pamandzi",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Pamandzi",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "pamandzi",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-sada",
        "name": "CCAS de Sada",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Sada",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "sada",
        "programmes": ["design-palas-labo-2021"],
    },
    {
        "key": "ccas-tsingoni",
        "name": "CCAS de Tsingoni",
        "kind": "ccas",
        "address": "",
        "postcode": "",
        "city": "Tsingoni",
        "phone": "",
        "email": "",
        "website": "",
        "territory": "tsingoni",
        "programmes": ["design-palas-labo-2021"],
    },
]

# ---------------------------------------------------------------------------------------------
# Programmes: one per seed
# ---------------------------------------------------------------------------------------------
PROGRAMMES = [
    # ----------------------------------------------------------------------------- seed 000
    {
        "key": "croissant-sud-2020",
        "title": "Centres sociaux connectés 2.0 du Croissant Sud",
        "short_name": "CSC 2.0 Croissant Sud",
        "reference": "FEDER-2020-PN.3",
        "fund": "FEDER",
        "operational_programme": (
            "Programme opérationnel FEDER « Pour une croissance intelligente, durable et inclusive » "
            "2014-2020, Région Hauts-de-France – Axe prioritaire n°2 : Accélérer la transformation de la "
            "société régionale à travers l'accroissement des usages et services numériques d'intérêt "
            "public – OT 2 : Améliorer l'accès aux TIC, leur utilisation et leur qualité – Priorité "
            "d'investissement 2c"
        ),
        "carrier": "arbrisseau",  # « le centre social et culturel de l'Arbrisseau s'engage à porter l'opération »
        "start": "2020-11-25",
        "end": "2021-12-31",
        # budget of the call for tender (prestation): « montant total maximal de 15 625 euros HT
        # (soit 18 750 euros TTC) »
        "budget_ht": "15625.00",
        "budget_ttc": "18750.00",
        "funders": [
            ("FEDER", "cofinanceur (FEDER)"),
            ("Région HDF", "autorité de gestion du programme opérationnel FEDER"),
            ("MEL", "Investissement Territorial Intégré (ITI)"),
        ],
        "territories": ["mel", "lille", "lille-sud", "faubourg-de-bethune"],
        "themes": [
            "insertion",
            "valorisation-des-competences",
            "pouvoir-d-agir",
            "accueil",
            "animation-globale",
            "lutte-contre-les-exclusions",
            "parentalite",
            "communication",
            "e-administration",
        ],
        "structures": ["arbrisseau", "faubourg-de-bethune"],
        "publicity_sentence": (
            "L'opération « Centres sociaux connectés 2.0 du Croissant Sud » est cofinancée par le FEDER "
            "dans le cadre du programme opérationnel FEDER 2014-2020 pour la Région Hauts-de-France."
        ),
        "summary": (
            "L'association Projet représentant le centre social du Faubourg de Béthune, au titre de la "
            "troisième phase de programmation de l'opération « Centres sociaux connectés 2.0 du Croissant "
            "Sud », recherche un prestataire doté de compétences dans l'accompagnement en innovation sociale "
            "et numérique pour l'accompagner dans la construction d'un modèle viable sur le long terme, "
            "autour de la thématique « Insertion et valorisation des compétences des habitants »."
        ),
        "description": (
            "Le Fonds européen pour le développement économique régional est mobilisé au travers du "
            "programme opérationnel régional FEDER « Pour une croissance intelligente, durable et inclusive » "
            "Axe 2 : Usages et services numériques d'intérêt public. La Région, autorité de gestion de ce "
            "programme, a décidé d'y consacrer 12 % des fonds FEDER au bénéfice des quartiers prioritaires de "
            "la politique de la ville, à travers les Investissements Territoriaux Intégrés (ITI). La Métropole "
            "Européenne de Lille (MEL) s'est portée candidate à l'appel à candidature lancée par la Région afin "
            "de mettre en œuvre un ITI sur son territoire."
            "\n\n"
            "C'est pourquoi, le centre social et culturel de l'Arbrisseau s'engage à porter l'opération FEDER "
            "« Centres sociaux connectés 2.0 du Croissant Sud » afin d'innover pour les habitants, et notamment "
            "ceux des quartiers prioritaires, augmenter et améliorer l'offre des usages et de services publics "
            "numériques partagée par tous et pour tous. Chaque centre social de l'opération développera un "
            "projet collaboratif, innovant et global à l'échelle de son territoire d'action, s'attachant autant "
            "au développement des services qu'au développement des usages."
            "\n\n"
            "« Les centres sociaux connectés 2.0 du Croissant Sud » ont une ambition sociétale autour des "
            "nouveaux modes de partage, des nouvelles formes de travail, du bien commun, des nouvelles "
            "solidarités, de l'accès à l'éducation et au savoir, de démocratie participative et de citoyenneté ; "
            "une ambition d'aménagement de territoire équilibré avec des quartiers intégrés ; une ambition "
            "sociale autour de l'e-administration, l'accès à l'emploi, la gestion des déplacements ; des "
            "nouveaux modes de consommation et de maîtrise des énergies."
            "\n\n"
            "Au Faubourg de Béthune, la prestation repose sur trois axes : accompagner le centre social dans la "
            "mise en œuvre d'une solution de changement dans les domaines de l'insertion et du pouvoir d'agir "
            "des habitants ; créer l'ensemble des conditions nécessaires de l'émergence du besoin jusqu'à la "
            "conception du projet d'innovation sociale et d'un cahier des charges en vue de son développement "
            "et de son essaimage ; référencer le scénario de changement sous forme de livrables à effet "
            "pédagogique et méthodologique (storytelling, comptes rendus, documentation d'essaimage)."
            "\n\n"
            "Il s'agit de préfigurer un modèle social, économique et juridique durable permettant "
            "« l'émergence et l'expression des compétences habitantes individuelles, à potentiel rémunérateur "
            "ou non, sous l'impulsion de dynamiques collectives ». Ce modèle devra in fine être porté "
            "majoritairement par les habitants. La période d'intervention est fixée du 25 novembre 2020 au "
            "31 décembre 2021, soit pour une durée de 13 mois."
        ),
        "seed": "000",
    },
    # ----------------------------------------------------------------------------- seed 001
    {
        "key": "bassin-minier-2021",
        "title": "Centres sociaux connectés du bassin minier",
        "short_name": "CSC bassin minier",
        "reference": "FEDER-2020-PN.6",
        "fund": "FEDER",
        "operational_programme": (
            "Programme opérationnel FEDER « Pour une croissance intelligente, durable et inclusive » "
            "2014-2020, Région Hauts-de-France – Axe prioritaire n°2 : Usages et services numériques "
            "d'intérêt public"
        ),
        "carrier": "acsrv",
        "start": "2021-07-01",
        "end": "2021-12-31",
        # « montant total de 4 166,67 euros HT (soit 5 000 euros TTC) »
        "budget_ht": "4166.67",
        "budget_ttc": "5000.00",
        "funders": [
            ("FEDER", "cofinanceur (FEDER)"),
            ("Région HDF", "autorité de gestion du programme opérationnel FEDER"),
            ("Valenciennes Métropole", "Investissement Territorial Intégré (ITI)"),
            ("CAPH", "Investissement Territorial Intégré (ITI)"),
            ("CALL", "Investissement Territorial Intégré (ITI)"),
        ],
        "territories": [
            "valenciennes-metropole",
            "porte-du-hainaut",
            "lens-lievin",
            "valenciennes",
            "marly",
            "saint-saulve",
            "fresnes-sur-escaut",
            "conde-sur-l-escaut",
            "vieux-conde",
            "onnaing",
            "vicq",
            "quarouble",
            "escautpont",
            "douchy-les-mines",
            "denain",
            "mazingarbe",
        ],
        "themes": [
            "acculturation-numerique",
            "pouvoir-d-agir",
            "e-administration",
            "emploi",
            "mobilite",
            "education",
            "citoyennete",
        ],
        "structures": [
            "mq-beaujardin",
            "cs-dutemple",
            "csc-georges-dehove",
            "csc-faubourg-de-cambrai",
            "mq-saint-waast",
            "csc-la-briquette",
            "cs-les-florales",
            "mq-saint-saulve",
            "csc-fresnes-sur-escaut",
            "cs-conde-sur-l-escaut",
            "csc-vieux-conde",
            "csc-agate-escautpont",
            "csc-le-phare",
            "csc-agora-douchy",
            "mq-solange-tonini",
            "csc-faubourg-duchateau",
            "maison-des-3-cites",
            "cs-cite-des-brebis",
            "mq-centre-ville-valenciennes",
        ],
        "publicity_sentence": (
            "L'opération « Centres sociaux connectés du bassin minier » est cofinancée par le FEDER dans le "
            "cadre du programme opérationnel FEDER 2014-2020 pour la Région Hauts-de-France."
        ),
        "summary": (
            "L'Association des Centres Sociaux de la Région de Valenciennes recherche un prestataire doté de "
            "compétences en matière d'animation de temps forts sur le thème de l'acculturation numérique : "
            "conception, préparation, animation et restitution de temps forts à destination des bénévoles, "
            "habitants, partenaires, grand public (valorisation du projet – organisation de la semaine du "
            "numérique, etc.), pour les 19 centres sociaux et maisons de quartier de Valenciennes et "
            "Mazingarbe."
        ),
        "description": (
            "Le Fonds européen pour le développement économique régional est mobilisé au travers du "
            "programme opérationnel régional FEDER « Pour une croissance intelligente, durable et inclusive » "
            "Axe 2 : Usages et services numériques d'intérêt public. La Région, autorité de gestion de ce "
            "programme, a décidé d'y consacrer 12 % des fonds FEDER au bénéfice des quartiers prioritaires de "
            "la politique de la ville, à travers les Investissements Territoriaux Intégrés (ITI). Les 3 "
            "Communautés d'Agglomération du territoire se sont portées candidates à l'appel à candidature "
            "lancée par la Région afin de mettre en œuvre un ITI sur leur territoire."
            "\n\n"
            "C'est pourquoi, l'Association des Centres Sociaux de la Région de Valenciennes s'engage à porter "
            "l'opération FEDER « Centres sociaux connectés du bassin minier » afin d'innover pour les habitants, "
            "et notamment ceux des quartiers prioritaires, augmenter et améliorer l'offre des usages et de "
            "services publics numériques partagée par tous et pour tous. Chaque centre social/maison de "
            "quartier associé à l'opération développera un projet collaboratif, innovant et global à l'échelle "
            "de son territoire d'action, mais aussi du territoire des agglomérations."
            "\n\n"
            "La prestation repose sur la configuration et l'animation d'un grand temps fort pour présenter la "
            "démarche, les prototypes créés avec leur mise en pratique et leur évaluation. Cet événement "
            "permettra de rendre visible les pratiques numériques innovantes et les prototypes et applications "
            "développés par les communautés numériques de chaque centre social et maison de quartier impliqués "
            "dans le projet."
            "\n\n"
            "Le résultat visé par l'acculturation consiste à sensibiliser et accompagner la transformation "
            "numérique des centres sociaux « voisins » de ceux ayant conduit l'expérimentation : un transfert "
            "méthodologique, un appui à la réalisation, une installation des prototypes et applications "
            "développés et une mutualisation et un enrichissement des différentes expériences régionales."
            "\n\n"
            "Ce coup de projecteur permettra de donner une visibilité sur les enjeux citoyens de la culture "
            "numérique au regard de l'axe Investissement Territorial Intégré sur les trois agglomérations du "
            "territoire (Valenciennes métropole, Porte du Hainaut et Lens-Liévin). La période d'intervention "
            "est fixée du 1er juillet 2021 au 31 décembre 2021, pour une durée de 6 mois."
        ),
        "seed": "001",
    },
    # ----------------------------------------------------------------------------- seed 002
    {
        "key": "csc-mel-2018",
        "title": "Centres sociaux connectés (seconde programmation 2018-2019)",
        "short_name": "CSC métropole lilloise 2018-2019",
        "reference": "FEDER-2018-PS.4.2",
        "fund": "FEDER",
        "operational_programme": (
            "Programme opérationnel pour une croissance intelligente, durable et inclusive 2014-2020 de la "
            "Région Hauts-de-France – Axe prioritaire n°2 « Améliorer l'accès aux TIC, leur utilisation et "
            "leur qualité » - 2.2.2.1"
        ),
        "carrier": "arbrisseau",  # « Le Centre social et culturel de l'Arbrisseau sollicite un soutien du FEDER »
        # dates and budget of this call (Alertes SMS phase 2): « du 1er Octobre 2019 jusqu'au
        # 1er Novembre 2019 », « montant total maximum de 6082 euros TTC »; no HT amount given.
        "start": "2019-10-01",
        "end": "2019-11-01",
        "budget_ht": None,
        "budget_ttc": "6082.00",
        "funders": [
            ("FEDER", "cofinanceur (FEDER)"),
            ("Région HDF", "cofinanceur"),
            ("État", "cofinanceur"),
            ("CAF du Nord", "cofinanceur"),
            ("FCS Nord", "cofinanceur ; essaimage régional"),
            ("MEL", "cofinanceur ; Investissement Territorial Intégré (ITI)"),
            ("Département du Nord", "cofinanceur"),
        ],
        "territories": [
            "mel",
            "lille",
            "lille-sud",
            "faubourg-de-bethune",
            "faches-thumesnil",
            "roubaix",
            "tourcoing",
        ],
        "themes": [
            "e-administration",
            "acces-aux-droits",
            "accueil",
            "education",
            "parentalite",
            "pouvoir-d-agir",
            "citoyennete",
            "lien-social",
        ],
        "structures": [
            "belencontre",
            "phalempins",
            "echo",
            "mjc-virolois",
            "arbrisseau",
            "lazare-garreau",
            "faubourg-de-bethune",
            "chemin-rouge",
            "fcs-nord",
        ],
        "publicity_sentence": "Ce projet est cofinancé par l'Union Européenne avec le FEDER",
        "summary": (
            "Le centre social du Chemin Rouge porte dans le cadre du projet centres sociaux connectés une "
            "solution numérique permettant aux référentes familles des centres sociaux de mieux accompagner "
            "les adhérents du centre social. Cet appel d'offre a pour but de développer la phase deux du "
            'prototype "Alertes SMS".'
        ),
        "description": (
            "L'opération FEDER « Centres sociaux connectés » s'inscrit dans une ambition métropolitaine "
            "numérique au cœur de l'Investissement Territorial Intégré (ITI) de la Métropole Européenne de "
            "Lille. Augmenter et améliorer l'offre d'usages et de services publics numériques, partagée par "
            "tous, constitue un axe majeur de la stratégie métropolitaine."
            "\n\n"
            "Le périmètre métropolitain de cette opération s'étend sur deux territoires : le territoire du "
            "Versant Nord-Est de la métropole lilloise avec les centres sociaux Belencontre, Phalempins, Echo "
            "et MJC Virolois ; le territoire de Lille Sud avec les centres sociaux l'Arbrisseau, Lazare "
            "Garreau, Faubourg de Béthune et Chemin Rouge."
            "\n\n"
            "Cette opération a été soutenue sur une première programmation FEDER du 1er janvier au 31 décembre "
            "2017 par les co-financeurs suivants : la Fédération des Centres sociaux du Nord, la Caisse "
            "d'Allocations Familiales du Nord et l'Etat. Elle a permis d'installer une équipe projet par "
            "territoire et de développer des communautés numériques autour de chaque centre social, réunies "
            "en ateliers collaboratifs, qui ont engagé un processus de prototypage dans les domaines de "
            "l'accueil, de l'éducation, de la parentalité, de l'e-administration, du pouvoir d'agir des "
            "habitants."
            "\n\n"
            "La seconde programmation du projet 2018-2019 prolongera le travail effectué en première "
            "programmation auprès des communautés numériques en ateliers collaboratifs et elle facilitera la "
            "consolidation du projet, la mobilisation des habitants et la mise en place de transformations "
            "visibles dans chaque territoire. Elle développera également un travail d'irrigation auprès des "
            "centres sociaux métropolitains et un travail d'essaimage régional par la Fédération des centres "
            "sociaux du Nord au-delà de la métropole lilloise. D'autres territoires ont d'ores et déjà montré "
            "leur intérêt : la Flandre maritime, le Valenciennois et le Douaisis."
            "\n\n"
            "Dans ce cadre, le centre social du Chemin Rouge porte l'application « Alertes SMS », qui référence "
            "les dates importantes des habitants dans leur gestion administrative (rappel pour la mise à jour "
            "Pôle Emploi, rappel des rendez-vous pour des prestations de droits…) et leur permet de recevoir "
            "les dernières actualités du centre social en fonction de leur besoin. Elle n'a pas pour objet de "
            "remplacer les missions du travailleur social."
        ),
        "seed": "002",
    },
    # ----------------------------------------------------------------------------- seed 003
    {
        "key": "design-palas-labo-2021",
        "title": "Labo des solutions innovantes et de la dynamique collaborative de projets",
        "short_name": "DESIGN-PALAS – FAIS LABO",
        "reference": None,  # the seed gives no reference
        "fund": "FSE",  # « cofinancé par l'Union européenne par le Fonds social européen »
        "operational_programme": None,  # not named in the seed
        "carrier": "unccas",
        # « une période ferme allant d'Avril-Mai 2021 à septembre 2022 – décembre 2022 (incluant la
        # restitution du bilan et l'évaluation) »: earliest start and latest end of that window.
        "start": "2021-04-01",
        "end": "2022-12-31",
        "budget_ht": None,  # the seed gives no budget (price to be proposed by the candidates)
        "budget_ttc": None,
        "funders": [
            ("FSE", "cofinanceur (Fonds social européen)"),
            ("UNCCAS", "pilote du projet, commanditaire"),
        ],
        "territories": [
            "mayotte",
            "acoua",
            "bandraboua",
            "bandrele",
            "boueni",
            "chiconi",
            "chirongui",
            "dembeni",
            "dzaoudzi",
            "kani-keli",
            "koungou",
            "mamoudzou",
            "mtsamboro",
            "m-tsangamouji",
            "ouangani",
            "pamandzi",
            "sada",
            "tsingoni",
        ],
        "themes": [
            "innovation-sociale",
            "design-de-service",
            "intelligence-collective",
            "analyse-des-besoins-sociaux",
            "professionnalisation",
            "action-sociale-de-proximite",
        ],
        "structures": [
            "udccas-mayotte",
            "ccas-acoua",
            "ccas-bandraboua",
            "ccas-bandrele",
            "ccas-boueni",
            "ccas-chiconi",
            "ccas-chirongui",
            "ccas-dembeni",
            "ccas-dzaoudzi",
            "ccas-kani-keli",
            "ccas-koungou",
            "ccas-mamoudzou",
            "ccas-mtsamboro",
            "ccas-m-tsangamouji",
            "ccas-ouangani",
            "ccas-pamandzi",
            "ccas-sada",
            "ccas-tsingoni",
        ],
        "publicity_sentence": "Ce projet est cofinancé par le fonds social européen.",
        "summary": (
            "L'enjeu de cette action « Labo des solutions innovantes et de la dynamique collaborative de "
            "projets » est de permettre à chaque commune de Mayotte de construire des solutions innovantes et "
            "adaptées répondants aux problématiques identifiées localement. Le « Labo » a pour ambition de "
            "faire de Mayotte un laboratoire des solutions innovantes et de la dynamique collaborative de "
            "projets."
        ),
        "description": (
            "Après le succès de son programme « PASS PALAS » mis en œuvre à Mayotte en 2017/2018, l'UNCCAS met "
            "en place un projet intitulé « DESIGN-PALAS » sur 2 ans et demi reposant sur le déploiement d'un "
            "outil de formation-action des professionnels de l'action sociale au plus près des besoins "
            "(actuels, émergents et futurs) des acteurs locaux des 17 communes du territoire mahorais. Le "
            "projet est une nouvelle fois cofinancé par l'Union européenne par le Fonds social européen."
            "\n\n"
            "DESIGN PALAS a pour ambition d'accompagner les CCAS et leurs partenaires dans une démarche "
            "d'innovation sociale et de professionnalisation pour définir des projets cohérents avec les "
            "enjeux locaux et mieux répondre aux besoins actuels et futurs de la population. Il contient 4 "
            "actions : deux Parcours Adaptés Personnalisés de Professionnalisation (PAPP), la Formation-Action-"
            "Innovation Sociale « FAIS LABO » et la Formation-Action-Innovation Sociale « FAIS FOCUS »."
            "\n\n"
            "Mayotte, territoire insulaire, récemment devenu 101ème département français, est organisé en 17 "
            "communes. Depuis PASS'PALAS 2017-2018, chaque commune dispose désormais de son CCAS et le "
            "territoire s'est doté d'une UDCCAS."
            "\n\n"
            "Le LABO des solutions innovantes et de la dynamique collaborative de projets ambitionne par la "
            "formation-action sur l'innovation un renforcement de l'autonomie des structures et de leurs agents "
            "afin de déployer des projets socialement innovants. Il s'appuie sur les méthodes de design et "
            "d'intelligence collective pour élaborer et expérimenter des solutions adaptées aux besoins des "
            "populations vulnérables."
            "\n\n"
            "L'action se déroule en cinq phases : l'immersion (rencontre avec l'UDCCAS et les 17 CCAS "
            "mahorais), les « labos » itinérants de 3 jours consécutifs à Mayotte (ateliers en sous-groupes "
            "thématiques et forum collectif), les « intersessions » à distance, le commun (« une ressource "
            "partagée, gérée collectivement par une communauté, et à laquelle tous peuvent avoir accès ») et "
            "l'évaluation et la diffusion des enseignements vers le réseau ultramarin et/ou national."
            "\n\n"
            "Pilote du projet, l'UNCCAS, à travers la Fabrique des CCAS/CIAS, en assure le suivi. Il s'agit de "
            "faire de Mayotte une vitrine de la dynamique collaborative pour les territoires ultramarins, et "
            "plus globalement pour l'ensemble des CCAS."
        ),
        "seed": "003",
    },
    # ----------------------------------------------------------------------------- seed 004
    {
        "key": "csc-lrt-2017",
        "title": "Centres Sociaux Connectés de Lille-Roubaix-Tourcoing",
        "short_name": "CSC Lille-Roubaix-Tourcoing 2017",
        "reference": None,  # no reference in seed 004
        "fund": "FEDER",  # seed 002: « une première programmation FEDER du 1er janvier au 31 décembre 2017 »
        "operational_programme": None,  # not named in seed 004
        # seed 004 names the Fédération only as « partenaire du projet » (and buyer of the hackathon);
        # no seed names the carrier of the 2017 operation.
        "carrier": None,
        # seed 002: first FEDER programmation « du 1er janvier au 31 décembre 2017 »
        "start": "2017-01-01",
        "end": "2017-12-31",
        "budget_ht": None,  # no budget in seed 004
        "budget_ttc": None,
        "funders": [
            ("FEDER", "cofinanceur (FEDER)"),
            ("FCS Nord", "cofinanceur ; partenaire du projet, capitalisation et essaimage"),
            ("CAF du Nord", "cofinanceur"),
            ("État", "cofinanceur"),
        ],
        "territories": ["mel", "lille", "roubaix", "tourcoing"],
        "themes": [
            "lien-social",
            "pouvoir-d-agir",
            "education",
            "parentalite",
            "acces-aux-droits",
            "precarite",
        ],
        "structures": [
            "belencontre",
            "phalempins",
            "echo",
            "mjc-virolois",
            "arbrisseau",
            "lazare-garreau",
            "faubourg-de-bethune",
            "chemin-rouge",
            "fcs-nord",
        ],
        # built, not in the seed (same form as the FEDER sentences of seeds 000 and 001)
        "publicity_sentence": (
            "L'opération « Centres Sociaux Connectés » est cofinancée par le FEDER dans le cadre du programme "
            "opérationnel FEDER 2014-2020 pour la Région Hauts-de-France."
        ),
        "summary": (
            "L'opération Centres Sociaux Connectés vise à développer des solutions numériques en réponse aux "
            "besoins des habitants et enjeux des territoires de 8 centres sociaux de Lille, Roubaix et "
            "Tourcoing partenaires du projet. Sa mise en œuvre est guidée par des méthodes collaboratives et "
            "agiles dans un objectif d'innovation ouverte. Elle doit aboutir en 2017 à la livraison de 18 "
            "prototypes de solutions numériques."
        ),
        "description": (
            "L'opération Centres Sociaux Connectés vise à développer des solutions numériques en réponse aux "
            "besoins des habitants et enjeux des territoires de 8 centres sociaux de Lille, Roubaix et "
            "Tourcoing partenaires du projet. Elle doit aboutir en 2017 à la livraison de 18 prototypes de "
            "solutions numériques en lien avec les piliers d'intervention des centres sociaux (lien social, "
            "pouvoir d'agir, éducation-parentalité...) et les évolutions territoriales et sociétales auxquelles "
            "ils sont confrontés (précarité, difficultés d'accès aux droits...)."
            "\n\n"
            "La Fédération des Centres Sociaux du Nord est partenaire du projet avec l'ambition de capitaliser "
            "l'ensemble des expérimentations menées et de faciliter l'essaimage des solutions testées "
            "localement auprès des centres sociaux à toutes les échelles territoriales (MEL, Région Hauts de "
            "France, France). Elle met en œuvre pour cela des actions de capitalisation (sous licence Creative "
            "Commons), de communication (web et événementiel) et de formation."
            "\n\n"
            "18 « fiches prototypes » sont élaborées par des habitants, usagers, bénévoles, salariés et "
            "partenaires territoriaux des centres sociaux. Chaque fiche prototype fait l'objet de « fiches "
            "maquettes » décrivant un protocole de mise en œuvre de l'expérimentation à l'automne 2017 : "
            "maquettage, observation, retours usagers, corrections, itérations."
            "\n\n"
            "Un hackathon, organisé à Roubaix, à La Condition Publique, les 3 et 4 novembre 2017, a pour "
            "objectif opérationnel de développer (design d'interface, développement web, graphisme...) les 4 à "
            "6 solutions numériques à plus haute dimension technique pour livrer les prototypes correspondant à "
            "l'issue de l'événement. Il constitue également un temps fort du projet Centres Sociaux Connectés "
            "de Lille-Roubaix-Tourcoing en 2017."
        ),
        "seed": "004",
    },
]

# ---------------------------------------------------------------------------------------------
# Deliverables listed in each call for tender
# kinds: compte_rendu, storytelling, guide_essaimage, cahier_des_charges, note_modele_economique,
# bilan, livret, certificats, feuilles_presence, planning, fiche_projet, outil_methodologique, autre
# No seed gives a due date per deliverable, except the hackathon prototypes (seed 004).
# ---------------------------------------------------------------------------------------------
DELIVERABLES = {
    "croissant-sud-2020": [
        # from « La prestation attendue » (axe 1), not from the « livrables attendus » list
        {"title": "Planning détaillé d'interventions", "kind": "planning", "due": None},
        # « Les livrables attendus »
        {
            "title": "Projet fonctionnel en réponse aux besoins exprimés dans le cadre des ateliers collaboratifs",
            "kind": "autre",
            "due": None,
        },
        {"title": "Comptes rendus pour chaque temps fort", "kind": "compte_rendu", "due": None},
        {"title": "Cahier des charges en vue du développement du projet", "kind": "cahier_des_charges", "due": None},
        {"title": "Note de présentation du modèle économique", "kind": "note_modele_economique", "due": None},
        {"title": "Storytelling du projet", "kind": "storytelling", "due": None},
        {
            "title": "Documentation d'essaimage (guide méthodologique permettant la duplication du dispositif "
            "sur un autre territoire)",
            "kind": "guide_essaimage",
            "due": None,
        },
        {"title": "Bilan partagé de l'expérimentation", "kind": "bilan", "due": None},
    ],
    "bassin-minier-2021": [
        {
            "title": "Supports d'animation autour des prototypes et applications développés, associant "
            "l'ensemble des acteurs du projet (usagers, habitants, professionnels, partenaires)",
            "kind": "outil_methodologique",
            "due": None,
        },
    ],
    "csc-mel-2018": [
        {"title": "Notice d'utilisation des nouvelles fonctionnalités", "kind": "autre", "due": None},
        {"title": "Fichiers « Open Sources »", "kind": "autre", "due": None},
    ],
    "design-palas-labo-2021": [
        # « Supports attendus »
        {"title": "Planning détaillé et fiche de suivi de l'action FAIS LABO", "kind": "planning", "due": None},
        {
            "title": "Planning détaillé et fiche de suivi de l'activité par CCAS (contacts, relances, "
            "questions/réponses, participation aux labos ...)",
            "kind": "planning",
            "due": None,
        },
        {"title": "Feuilles de présence des différents labos et réunions", "kind": "feuilles_presence", "due": None},
        {
            "title": "Supports de présentation et supports méthodologiques des différents labos et réunions",
            "kind": "outil_methodologique",
            "due": None,
        },
        {"title": "Comptes-rendus des différents labos et réunions", "kind": "compte_rendu", "due": None},
        {
            "title": "Fiche des données et feuille de route pour chaque CCAS et UDCCAS pour le lancement des « labos »",
            "kind": "fiche_projet",
            "due": None,
        },
        {
            "title": "Fiches projet pour chaque CCAS/UDCCAS contenant les enseignements et une feuille de route "
            "avec une priorisation des axes de travail",
            "kind": "fiche_projet",
            "due": None,
        },
        {
            "title": "Outils méthodologiques et pratiques favorisant la démarche projet et la collaboration "
            "entre pairs",
            "kind": "outil_methodologique",
            "due": None,
        },
        {"title": "Espace ressource en ligne pour partager les données", "kind": "autre", "due": None},
        # « Livrable final »
        {"title": "Bilan de l'action", "kind": "bilan", "due": None},
        {"title": "Livret « Labo » illustrant la démarche sur Mayotte", "kind": "livret", "due": None},
        {
            "title": "Fiche individuelle par CCAS de leur projet, de l'activité et du suivi pendant tout le programme",
            "kind": "fiche_projet",
            "due": None,
        },
        {"title": "Certificat d'assiduité pour chacun des CCAS", "kind": "certificats", "due": None},
        # FSE requirement
        {
            "title": "Fichier de suivi de l'ensemble des dépenses, comprenant les justificatifs de mission",
            "kind": "autre",
            "due": None,
        },
    ],
    "csc-lrt-2017": [
        # project deliverables described by the hackathon call
        {"title": "18 « fiches prototypes »", "kind": "fiche_projet", "due": None},
        {
            "title": "« Fiches maquettes » décrivant un protocole de mise en œuvre de l'expérimentation à "
            "l'automne 2017 (septembre 2017)",
            "kind": "fiche_projet",
            "due": None,
        },
        {
            "title": "Périmètres d'usages / cahiers des charges techniques pour le développement des prototypes "
            "à plus haute dimension technique",
            "kind": "cahier_des_charges",
            "due": None,
        },
        # hackathon prestation
        {"title": "Déroulé précis de l'évènement", "kind": "planning", "due": None},
        {
            "title": "Message et identité graphique de l'évènement, déclinés pour la communication électronique "
            "et pour un système d'affichage",
            "kind": "autre",
            "due": None,
        },
        # « livrer les prototypes correspondant à l'issue de l'événement » (4 novembre 2017)
        {
            "title": "Prototypes des 4 à 6 solutions numériques à plus haute dimension technique",
            "kind": "autre",
            "due": "2017-11-04",
        },
    ],
}

# ---------------------------------------------------------------------------------------------
# Workshops. "days": None and "start": None where the seed does not say.
# ---------------------------------------------------------------------------------------------
WORKSHOPS = {
    "croissant-sud-2020": [
        {
            "kind": "atelier",
            "title": "Ateliers collaboratifs d'idéation, co-design, prototypage et événementiels",
            "place": "Centre social du Faubourg de Béthune, Lille",
            "start": None,
            "days": None,
            "notes": "Nombre non précisé. Intégration de l'ensemble des acteurs du territoire : habitants, "
            "partenaires, bénévoles, salariés du centre social du Faubourg de Béthune.",
        },
        {
            "kind": "temps_fort",
            "title": "Temps forts",
            "place": "Faubourg de Béthune, Lille",
            "start": None,
            "days": None,
            "notes": "Nombre non précisé ; un compte rendu est attendu pour chaque temps fort.",
        },
    ],
    "bassin-minier-2021": [
        {
            "kind": "temps_fort",
            "title": "Grand temps fort de présentation de la démarche et des prototypes",
            "place": "Territoire des 19 centres sociaux et maisons de quartier (Valenciennes et Mazingarbe)",
            "start": None,
            "days": None,
            "notes": "Un grand temps fort entre le 1er juillet et le 31 décembre 2021 pour présenter la démarche, "
            "les prototypes créés avec leur mise en pratique et leur évaluation, à destination des "
            "bénévoles, habitants, partenaires, grand public (valorisation du projet – organisation de "
            "la semaine du numérique, etc.).",
        },
    ],
    "csc-mel-2018": [
        {
            "kind": "atelier",
            "title": "Ateliers collaboratifs des communautés numériques",
            "place": "Centres sociaux de la métropole lilloise",
            "start": None,
            "days": None,
            "notes": "La seconde programmation 2018-2019 prolonge le travail effectué en première programmation "
            "auprès des communautés numériques en ateliers collaboratifs. Nombre non précisé.",
        },
    ],
    "design-palas-labo-2021": [
        {
            "kind": "kickoff",
            "title": "Kick-off meeting – journée de lancement",
            "place": "Mayotte",
            "start": None,
            "days": 1,
            "notes": "Journée de lancement réunissant CCAS, collectivités, l'UDCCAS et les partenaires locaux ; "
            "le prestataire y est invité.",
        },
        {
            "kind": "immersion",
            "title": "Phase 1 – Immersion : visite immersive à Mayotte",
            "place": "Mayotte",
            "start": None,
            "days": None,
            "notes": "Rencontre de l'UDCCAS et des 17 CCAS mahorais : prise de connaissance des spécificités du "
            "territoire, présentation de l'action, préparation des ateliers avec chaque CCAS (diagnostic "
            "territorial, ressources-forces-faiblesses, choix de thématiques, constitution des équipes "
            "projet). À l'issue, chaque CCAS et l'UDCCAS ont une feuille de route. Pensée pour du "
            "présentiel, avec des solutions de distanciel.",
        },
        {
            "kind": "labo",
            "title": "Labo itinérant n°1",
            "place": "Mayotte",
            "start": None,
            "days": 3,
            "notes": (
                "En 2021. "
                "3 jours consécutifs à Mayotte, articulés autour d'ateliers en sous-groupes thématiques et d'un forum "
                "collectif réunissant tous les participants. Chaque CCAS suit deux thématiques correspondant aux enjeux "
                "identifiés sur son territoire : une thématique « prioritaire » (expérimenter un projet par CCAS et un "
                "projet pour l'UDCCAS) et une thématique « secondaire » (proposer un projet par CCAS et un projet pour "
                "l'UDCCAS). Au moins une personne et au maximum trois personnes par CCAS (l'équipe projet du CCAS, avec "
                "au moins un agent référent du projet). Des solutions en distanciel devront être proposées."
            ),
        },
        {
            "kind": "labo",
            "title": "Labo itinérant n°2",
            "place": "Mayotte",
            "start": None,
            "days": 3,
            "notes": (
                "En 2021. "
                "3 jours consécutifs à Mayotte, articulés autour d'ateliers en sous-groupes thématiques et d'un forum "
                "collectif réunissant tous les participants. Chaque CCAS suit deux thématiques correspondant aux enjeux "
                "identifiés sur son territoire : une thématique « prioritaire » (expérimenter un projet par CCAS et un "
                "projet pour l'UDCCAS) et une thématique « secondaire » (proposer un projet par CCAS et un projet pour "
                "l'UDCCAS). Au moins une personne et au maximum trois personnes par CCAS (l'équipe projet du CCAS, avec "
                "au moins un agent référent du projet). Des solutions en distanciel devront être proposées."
            ),
        },
        {
            "kind": "labo",
            "title": "Labo itinérant n°3",
            "place": "Mayotte",
            "start": None,
            "days": 3,
            "notes": (
                "En 2021 ou 2022. "
                "3 jours consécutifs à Mayotte, articulés autour d'ateliers en sous-groupes thématiques et d'un forum "
                "collectif réunissant tous les participants. Chaque CCAS suit deux thématiques correspondant aux enjeux "
                "identifiés sur son territoire : une thématique « prioritaire » (expérimenter un projet par CCAS et un "
                "projet pour l'UDCCAS) et une thématique « secondaire » (proposer un projet par CCAS et un projet pour "
                "l'UDCCAS). Au moins une personne et au maximum trois personnes par CCAS (l'équipe projet du CCAS, avec "
                "au moins un agent référent du projet). Des solutions en distanciel devront être proposées."
            ),
        },
        {
            "kind": "labo",
            "title": "Labo itinérant n°4",
            "place": "Mayotte",
            "start": None,
            "days": 3,
            "notes": (
                "En 2021 ou 2022. "
                "3 jours consécutifs à Mayotte, articulés autour d'ateliers en sous-groupes thématiques et d'un forum "
                "collectif réunissant tous les participants. Chaque CCAS suit deux thématiques correspondant aux enjeux "
                "identifiés sur son territoire : une thématique « prioritaire » (expérimenter un projet par CCAS et un "
                "projet pour l'UDCCAS) et une thématique « secondaire » (proposer un projet par CCAS et un projet pour "
                "l'UDCCAS). Au moins une personne et au maximum trois personnes par CCAS (l'équipe projet du CCAS, avec "
                "au moins un agent référent du projet). Des solutions en distanciel devront être proposées."
            ),
        },
        {
            "kind": "labo",
            "title": "Labo itinérant n°5",
            "place": "Mayotte",
            "start": None,
            "days": 3,
            "notes": (
                "En 2021 ou 2022. "
                "3 jours consécutifs à Mayotte, articulés autour d'ateliers en sous-groupes thématiques et d'un forum "
                "collectif réunissant tous les participants. Chaque CCAS suit deux thématiques correspondant aux enjeux "
                "identifiés sur son territoire : une thématique « prioritaire » (expérimenter un projet par CCAS et un "
                "projet pour l'UDCCAS) et une thématique « secondaire » (proposer un projet par CCAS et un projet pour "
                "l'UDCCAS). Au moins une personne et au maximum trois personnes par CCAS (l'équipe projet du CCAS, avec "
                "au moins un agent référent du projet). Des solutions en distanciel devront être proposées."
            ),
        },
        {
            "kind": "intersession",
            "title": "Phase 3 – Les « intersessions » (temps « inter-labos » à distance)",
            "place": "À distance",
            "start": None,
            "days": None,
            "notes": "Accompagner les CCAS à distance dans la mise en œuvre et l'expérimentation de leur projet, "
            "maintenir la dynamique projet entre les « labos », apporter des réponses « immédiates » et "
            "lever des freins. Suivi régulier partagé avec La Fabrique de l'UNCCAS.",
        },
        {
            "kind": "suivi",
            "title": "Phase 4 – Le commun : l'espace ressource privilégié des territoires",
            "place": "Plateforme en ligne commune au programme Design Palas",
            "start": None,
            "days": None,
            "notes": "Chaque CCAS sera formé à l'utilisation de ce commun et de ces ressources partagées.",
        },
        {
            "kind": "suivi",
            "title": "Phase 5 – Évaluation et diffusion des enseignements vers le réseau ultramarin et/ou national",
            "place": "",
            "start": None,
            "days": None,
            "notes": "Une évaluation et une transférabilité des compétences et des outils vers le reste du réseau "
            "national des CCAS et UDCCAS.",
        },
        {
            "kind": "suivi",
            "title": "Comité de suivi du Labo",
            "place": "",
            "start": None,
            "days": None,
            "notes": "Chargé de projet prestataire et membres de l'UNCCAS (Délégation générale, Fabrique des "
            "CCAS/CIAS, coordination du programme FSE, direction financière), réuni à chaque phase.",
        },
    ],
    "csc-lrt-2017": [
        {
            "kind": "atelier",
            "title": "Ateliers collaboratifs des communautés numériques",
            "place": "8 centres sociaux de Lille, Roubaix et Tourcoing",
            "start": None,
            "days": None,
            "notes": "Seed 002 : les communautés numériques se sont réunies en ateliers collaboratifs et ont "
            "engagé un processus de prototypage ; plusieurs prototypes réalisés sur l'année 2017.",
        },
        {
            "kind": "hackathon",
            "title": "Hackathon « Centres Sociaux Connectés »",
            "place": "La Condition Publique, Roubaix",
            "start": "2017-11-03",
            "days": 2,
            "notes": "50 à 100 personnes. Vendredi 3 novembre, de 16h30 à 20h30 environ (apéritif convivial "
            "compris) : présentation du projet Centres Sociaux Connectés et mise en valeur des 18 "
            "solutions numériques élaborées de manière collaborative ; présentation détaillée des 4 à 6 "
            "solutions techniques ayant besoin de la contribution des participants ; constitution des "
            "équipes ; temps d'immersion avec des cibles-tests de la solution (habitants, bénévoles, "
            "salariés des centres sociaux...). Samedi 4 novembre de 8h à 22h (petit déjeuner, déjeuner "
            'et cocktail compris) : « … des résultats, retours du "groupe de pairs" et clôture '
            "conviviale » (le programme du samedi est tronqué dans l'appel d'offres). Organisation "
            "accompagnée par un prestataire pour la Fédération des Centres Sociaux du Nord (offres avant "
            "le lundi 18 septembre 2017, début de la prestation le lundi 25 septembre 2017).",
        },
    ],
}

# ---------------------------------------------------------------------------------------------
# Prototypes named in the seeds. Seed 004's 18 « fiches prototypes » are not named in the seed.
# ---------------------------------------------------------------------------------------------
PROTOTYPES = [
    {
        "programme": "csc-mel-2018",
        "title": "Alertes SMS",
        "structure": "chemin-rouge",
        "need": (
            "Accompagner les personnes qui en ont besoin dans la réalisation de leurs démarches "
            "administratives, avoir un outil numérique avec les dates administratives, prévenir les personnes "
            "de leurs démarches administratives à réaliser (rappel pour la mise à jour Pôle Emploi, rappel des "
            "rendez-vous pour des prestations de droits etc.). Cette solution n'a pas pour objet de remplacer "
            "les missions du travailleur social ni de réaliser des envois massifs à l'ensemble des adhérents."
        ),
        "solution": (
            "Une solution numérique permettant aux référentes familles des centres sociaux de mieux "
            "accompagner les adhérents : elle référence les dates importantes des habitants dans leur gestion "
            "administrative et leur envoie les dernières actualités du centre social en fonction de leur besoin "
            "(sms.connectes.eu).\n"
            "Phase 1 : plateforme responsive, accessible à distance via une appli web, avec un back office "
            "(administrateurs généraux, création des accès pour sa structure) et un front pour les utilisateurs "
            "(fiches de suivi / adhérent : nom, prénom, adresse email, téléphone, groupe, case d'autorisation « "
            "j'accepte que le centre social m'envoi des SMS et des newsletters pour m'informer de l'actualité de "
            "la structure », suivi et programmation des envois), suivi des statistiques et groupes d'envoi "
            "(petites-enfance, jeunesse, rsa, culture).\n"
            "Phase 2 à développer – Front Admin : bloquer l'inscription d'une personne déjà inscrite (redirection "
            "vers le profil existant) ; voir l'âge de la personne inscrite pour générer des statistiques ; ne pas "
            "permettre aux structures de visualiser les groupes des autres structures ; appuyer sur le logo "
            "centres sociaux connectés pour revenir à la page d'accueil ; classer les personnes par ordre "
            "alphabétique ; redirection automatique vers la page d'accueil à la validation d'un utilisateur ou "
            "adhérent lors de son inscription.\n"
            "Phase 2 à développer – Front Utilisateur : champ date de naissance dès l'inscription ; affecter un "
            "adhérent à un groupe dès l'inscription ; importation des bases de données au format Excel et csv "
            "pour un import de masse des adhérents ; réutiliser un message envoyé en changeant la date et "
            "l'heure d'envoi ; bloquer l'inscription d'une personne déjà inscrite ; classer les personnes par "
            "ordre alphabétique ; ne pas permettre aux structures de visualiser les groupes des autres "
            "structures ; envoyer un message à plusieurs groupes au moment de sa création ; logo pour revenir à "
            "la page d'accueil ; redirection automatique vers la page d'accueil à la validation d'un adhérent."
        ),
        "stage": "prototype",  # phase 1 exists; the call (Oct. 2019) is for phase 2
        "themes": ["e-administration", "acces-aux-droits", "accueil"],
    },
    {
        "programme": "croissant-sud-2020",
        "title": "Insertion et valorisation des compétences des habitants",
        "structure": "faubourg-de-bethune",
        "need": (
            "Mettre en œuvre une solution de changement dans les domaines de l'insertion et du pouvoir d'agir "
            "des habitants sur le territoire d'intervention du Faubourg de Béthune."
        ),
        "solution": (
            "Préfiguration d'un modèle social, économique et juridique durable permettant l'émergence et "
            "l'expression des compétences habitantes individuelles, à potentiel rémunérateur ou non, sous "
            "l'impulsion de dynamiques collectives. Ce modèle devra in fine être porté majoritairement par les "
            "habitants."
        ),
        "stage": "idee",  # the call (Nov. 2020) starts from « l'émergence du besoin »
        "themes": ["insertion", "valorisation-des-competences", "pouvoir-d-agir"],
    },
]
