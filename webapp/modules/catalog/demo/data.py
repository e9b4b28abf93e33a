"""The demo catalogs as plain data: names in (en, fr, de), categories, variant patterns."""

from __future__ import annotations

CATEGORIES = {
    # key: ((en, fr, de), base price, variant pattern)
    "apparel": (("Apparel", "Vêtements", "Bekleidung"), 24, "sizes_colours"),
    "shoes": (("Shoes", "Chaussures", "Schuhe"), 59, "shoe_sizes"),
    "home": (("Home", "Maison", "Wohnen"), 18, "colours"),
    "kitchen": (("Kitchen", "Cuisine", "Küche"), 16, "single"),
    "garden": (("Garden", "Jardin", "Garten"), 12, "single"),
    "books": (("Books", "Livres", "Bücher"), 14, "single"),
    "toys": (("Toys", "Jouets", "Spielzeug"), 15, "single"),
}
SUBCATEGORY = ("apparel", ("Outerwear", "Vêtements d'extérieur", "Oberbekleidung"))
OUTERWEAR = {"Denim jacket", "Rain coat"}

PRODUCTS = {
    "apparel": [("Linen shirt", "Chemise en lin", "Leinenhemd"),
                ("Cotton T-shirt", "T-shirt en coton", "Baumwoll-T-Shirt"),
                ("Wool sweater", "Pull en laine", "Wollpullover"),
                ("Denim jacket", "Veste en jean", "Jeansjacke"),
                ("Rain coat", "Imperméable", "Regenmantel"),
                ("Hooded sweatshirt", "Sweat à capuche", "Kapuzenpullover"),
                ("Chino trousers", "Pantalon chino", "Chinohose"),
                ("Knitted scarf", "Écharpe tricotée", "Strickschal"),
                ("Summer dress", "Robe d'été", "Sommerkleid")],
    "shoes": [("Trail running shoe", "Chaussure de trail", "Trailschuh"),
              ("Leather boot", "Botte en cuir", "Lederstiefel"),
              ("Canvas sneaker", "Basket en toile", "Segeltuch-Sneaker"),
              ("Hiking boot", "Chaussure de randonnée", "Wanderschuh"),
              ("House slipper", "Pantoufle", "Hausschuh"),
              ("Sandal", "Sandale", "Sandale"),
              ("Running shoe", "Chaussure de course", "Laufschuh"),
              ("Loafer", "Mocassin", "Slipper"),
              ("Rubber boot", "Botte en caoutchouc", "Gummistiefel")],
    "home": [("Scented candle", "Bougie parfumée", "Duftkerze"),
             ("Linen cushion", "Coussin en lin", "Leinenkissen"),
             ("Wool blanket", "Couverture en laine", "Wolldecke"),
             ("Ceramic vase", "Vase en céramique", "Keramikvase"),
             ("Table lamp", "Lampe de table", "Tischlampe"),
             ("Wall clock", "Horloge murale", "Wanduhr"),
             ("Photo frame", "Cadre photo", "Bilderrahmen"),
             ("Cotton towel", "Serviette en coton", "Baumwollhandtuch"),
             ("Doormat", "Paillasson", "Fußmatte")],
    "kitchen": [("Chef's knife", "Couteau de chef", "Kochmesser"),
                ("Cast iron pan", "Poêle en fonte", "Gusseisenpfanne"),
                ("Espresso cup set", "Set de tasses à espresso", "Espressotassen-Set"),
                ("Cutting board", "Planche à découper", "Schneidebrett"),
                ("Tea kettle", "Bouilloire", "Wasserkessel"),
                ("Salad bowl", "Saladier", "Salatschüssel"),
                ("Pepper mill", "Moulin à poivre", "Pfeffermühle"),
                ("Apron", "Tablier", "Schürze"),
                ("Storage jar", "Bocal de conservation", "Vorratsglas")],
    "garden": [("Watering can", "Arrosoir", "Gießkanne"),
               ("Garden gloves", "Gants de jardinage", "Gartenhandschuhe"),
               ("Pruning shears", "Sécateur", "Gartenschere"),
               ("Flower pot", "Pot de fleurs", "Blumentopf"),
               ("Bird feeder", "Mangeoire à oiseaux", "Vogelfutterhaus"),
               ("Garden bench", "Banc de jardin", "Gartenbank"),
               ("Seed collection", "Collection de graines", "Samensammlung"),
               ("Solar lantern", "Lanterne solaire", "Solarlaterne"),
               ("Hose reel", "Dévidoir", "Schlauchtrommel")],
    "books": [("Luxembourg cookbook", "Livre de cuisine luxembourgeoise", "Luxemburger Kochbuch"),
              ("Hiking guide", "Guide de randonnée", "Wanderführer"),
              ("Picture book", "Livre d'images", "Bilderbuch"),
              ("Gardening handbook", "Manuel de jardinage", "Gartenhandbuch"),
              ("City travel guide", "Guide de voyage urbain", "Städtereiseführer"),
              ("Notebook", "Carnet de notes", "Notizbuch"),
              ("Poetry anthology", "Anthologie de poésie", "Gedichtsammlung"),
              ("History of Europe", "Histoire de l'Europe", "Geschichte Europas"),
              ("Puzzle book", "Livre de jeux", "Rätselbuch")],
    "toys": [("Wooden train", "Train en bois", "Holzeisenbahn"),
             ("Building blocks", "Blocs de construction", "Bausteine"),
             ("Plush bear", "Ours en peluche", "Plüschbär"),
             ("Jigsaw puzzle", "Puzzle", "Puzzlespiel"),
             ("Kite", "Cerf-volant", "Drachen"),
             ("Skipping rope", "Corde à sauter", "Springseil"),
             ("Board game", "Jeu de société", "Brettspiel"),
             ("Spinning top", "Toupie", "Kreisel"),
             ("Doll's house", "Maison de poupée", "Puppenhaus")],
}
SOLD_OUT = {"Wool sweater", "Kite"}
DESCRIPTIONS = (
    "<p>{name}: carefully made and built to last. Part of our {category} range.</p>",
    "<p>{name} : fabrication soignée, pensée pour durer. Issu de notre gamme {category}.</p>",
    "<p>{name}: sorgfältig gefertigt und langlebig. Aus unserem Sortiment {category}.</p>",
)
COLOURS = (("Blue", "Black"), ("Red", "White"), ("Green", "Grey"))
# Option names and values as shoppers read them in French and German: name → ((fr, de), {value: (fr, de)}).
OPTION_LABELS = {
    "Size": (("Taille", "Größe"), {}),
    "Colour": (("Couleur", "Farbe"), {
        "Blue": ("Bleu", "Blau"), "Black": ("Noir", "Schwarz"), "Red": ("Rouge", "Rot"),
        "White": ("Blanc", "Weiß"), "Green": ("Vert", "Grün"), "Grey": ("Gris", "Grau"),
        "Natural": ("Naturel", "Natur"), "Sand": ("Sable", "Sand"), "Charcoal": ("Anthracite", "Anthrazit")}),
}

BISTRO_CATEGORIES = {"dishes": ("Plats", "Dishes", "Gerichte"), "desserts": ("Desserts", "Desserts", "Nachspeisen")}
# (fr, en, de), price, category: the bistro's languages are fr (default), en, de.
BISTRO_PRODUCTS = [
    (("Judd mat Gaardebounen", "Smoked pork with broad beans", "Geräucherter Schweinenacken mit Saubohnen"),
     "18.90", "dishes"),
    (("Bouneschlupp", "Green bean soup", "Bohnensuppe"), "8.50", "dishes"),
    (("Kniddelen au lard", "Dumplings with bacon", "Mehlklöße mit Speck"), "14.50", "dishes"),
    (("Quiche lorraine", "Quiche Lorraine", "Lothringer Quiche"), "11.90", "dishes"),
    (("Croque-monsieur", "Ham and cheese toastie", "Schinken-Käse-Toast"), "9.50", "dishes"),
    (("Tarte aux quetsches", "Plum tart", "Zwetschgenkuchen"), "6.50", "desserts"),
    (("Mousse au chocolat", "Chocolate mousse", "Schokoladenmousse"), "6.90", "desserts"),
    (("Crème brûlée", "Crème brûlée", "Crème brûlée"), "7.20", "desserts"),
]
BISTRO_DESCRIPTIONS = (
    "<p>{name}, préparé chaque jour dans notre cuisine.</p>",
    "<p>{name}, freshly made in our kitchen every day.</p>",
    "<p>{name}, jeden Tag frisch in unserer Küche zubereitet.</p>",
)
