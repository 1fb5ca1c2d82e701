using Rapport.Core.Accounts;

namespace Rapport.Demo;

/// <summary>Product categories of the demo company's catalogue (values of <c>products.category</c> and <c>order_lines.product_category</c>).</summary>
public static class DemoCategories
{
    public const string Machines = "machines";
    public const string Components = "components";
    public const string SpareParts = "spare_parts";
    public const string Service = "service";
    public const string Training = "training";
    public const string Retrofit = "retrofit";

    public static IReadOnlyList<string> All { get; } = [Machines, Components, SpareParts, Service, Training, Retrofit];
}

/// <summary>Industries of the demo customers (values of <c>accounts.industry</c>).</summary>
public static class DemoIndustries
{
    public const string Automotive = "Automotive";
    public const string FoodAndBeverage = "Food & beverage";
    public const string Chemicals = "Chemicals";
    public const string Packaging = "Packaging";
    public const string Pharma = "Pharma";
    public const string Plastics = "Plastics";
    public const string Metalworking = "Metalworking";
    public const string Logistics = "Logistics";
    public const string Electronics = "Electronics";

    public static IReadOnlyList<string> All { get; } =
        [Automotive, FoodAndBeverage, Chemicals, Packaging, Pharma, Plastics, Metalworking, Logistics, Electronics];
}

internal sealed record CatalogProduct(string Sku, string Name, string Category, decimal ListPrice, double CostRatio);

internal sealed record DemoUserSeed(string Email, string DisplayName, string Role, string Territory);

internal sealed record RegionSeed(string Country, string Region, double Weight, string[] Cities, string Locale, string Owner);

internal sealed record TitleSeed(string Male, string Female, string English, string Department);

internal sealed record InteractionTemplate(
    string Phase, string Touchpoint, InteractionChannel[] Channels, double InboundShare, string Subject, BuyingRole[] Roles);

/// <summary>Static reference data of the demo company: catalogue, territories, users, titles, interaction subjects.</summary>
internal static class DemoCatalog
{
    public const string CompanyName = "Muster Maschinenbau GmbH";
    public const string EmailDomain = "muster-maschinenbau.de";

    // The sales organisation: one account manager per territory, a key-account manager and a CX analyst.
    // Territory keys are the Owner values of the regions below.
    public static readonly DemoUserSeed[] Users =
    [
        new("stefan.hofmann@" + EmailDomain, "Stefan Hofmann", "account_manager", "sued"),
        new("thomas.wagner@" + EmailDomain, "Thomas Wagner", "account_manager", "suedwest"),
        new("markus.schneider@" + EmailDomain, "Markus Schneider", "account_manager", "west"),
        new("anna.schroeder@" + EmailDomain, "Anna Schröder", "account_manager", "nord"),
        new("michael.krueger@" + EmailDomain, "Michael Krüger", "account_manager", "ost"),
        new("sabine.lehmann@" + EmailDomain, "Sabine Lehmann", "account_manager", "dach"),
        new("lukas.neumann@" + EmailDomain, "Lukas Neumann", "account_manager", "international"),
        new("julia.becker@" + EmailDomain, "Julia Becker", "account_manager", "key_accounts"),
        new("katrin.vogel@" + EmailDomain, "Dr. Katrin Vogel", "analyst", "cx"),
    ];

    public const string KeyAccountTerritory = "key_accounts";

    // Weights follow where German machine buyers sit (industrial weight of the Länder), then DACH and a few EU markets.
    public static readonly RegionSeed[] Regions =
    [
        new("DE", "Baden-Württemberg", 17, ["Stuttgart", "Heilbronn", "Reutlingen", "Ulm", "Karlsruhe", "Pforzheim", "Tuttlingen", "Göppingen"], "de", "suedwest"),
        new("DE", "Bayern", 17, ["München", "Augsburg", "Ingolstadt", "Regensburg", "Nürnberg", "Rosenheim", "Kempten", "Landshut"], "de", "sued"),
        new("DE", "Nordrhein-Westfalen", 20, ["Bielefeld", "Dortmund", "Köln", "Gütersloh", "Paderborn", "Siegen", "Münster", "Krefeld"], "de", "west"),
        new("DE", "Niedersachsen", 8, ["Hannover", "Osnabrück", "Braunschweig", "Oldenburg", "Wolfsburg"], "de", "nord"),
        new("DE", "Hessen", 6, ["Kassel", "Fulda", "Darmstadt", "Gießen", "Offenbach"], "de", "suedwest"),
        new("DE", "Sachsen", 5, ["Chemnitz", "Dresden", "Leipzig", "Zwickau"], "de", "ost"),
        new("DE", "Rheinland-Pfalz", 4, ["Ludwigshafen", "Kaiserslautern", "Koblenz", "Mainz"], "de", "suedwest"),
        new("DE", "Thüringen", 3, ["Erfurt", "Jena", "Gera", "Suhl"], "de", "ost"),
        new("DE", "Sachsen-Anhalt", 2, ["Magdeburg", "Halle (Saale)", "Dessau-Roßlau"], "de", "ost"),
        new("DE", "Hamburg", 2, ["Hamburg"], "de", "nord"),
        new("DE", "Schleswig-Holstein", 2, ["Kiel", "Lübeck", "Neumünster"], "de", "nord"),
        new("DE", "Brandenburg", 1.5, ["Potsdam", "Cottbus", "Frankfurt (Oder)"], "de", "ost"),
        new("DE", "Berlin", 1.5, ["Berlin"], "de", "nord"),
        new("DE", "Bremen", 1, ["Bremen", "Bremerhaven"], "de", "nord"),
        new("DE", "Mecklenburg-Vorpommern", 1, ["Rostock", "Schwerin"], "de", "nord"),
        new("DE", "Saarland", 1, ["Saarbrücken", "Homburg"], "de", "suedwest"),
        new("AT", "Oberösterreich", 3, ["Linz", "Wels", "Steyr"], "de", "dach"),
        new("AT", "Steiermark", 1.5, ["Graz", "Leoben"], "de", "dach"),
        new("AT", "Niederösterreich", 1.5, ["St. Pölten", "Wiener Neustadt"], "de", "dach"),
        new("AT", "Vorarlberg", 1, ["Dornbirn", "Feldkirch"], "de", "dach"),
        new("AT", "Wien", 1, ["Wien"], "de", "dach"),
        new("CH", "Zürich", 1.5, ["Zürich", "Winterthur"], "de", "dach"),
        new("CH", "Aargau", 1.5, ["Aarau", "Baden"], "de", "dach"),
        new("CH", "St. Gallen", 1.5, ["St. Gallen", "Rapperswil"], "de", "dach"),
        new("CH", "Basel-Landschaft", 1, ["Liestal", "Pratteln"], "de", "dach"),
        new("CH", "Luzern", 1, ["Luzern", "Sursee"], "de", "dach"),
        new("NL", "Noord-Brabant", 1.5, ["Eindhoven", "Tilburg", "Breda"], "nl", "international"),
        new("NL", "Gelderland", 1, ["Arnhem", "Nijmegen"], "nl", "international"),
        new("BE", "Antwerpen", 1, ["Antwerpen", "Mechelen"], "nl_BE", "international"),
        new("PL", "Śląskie", 1.5, ["Katowice", "Gliwice", "Bielsko-Biała"], "pl", "international"),
        new("PL", "Wielkopolskie", 1, ["Poznań", "Kalisz"], "pl", "international"),
        new("CZ", "Jihomoravský kraj", 1, ["Brno", "Znojmo"], "cz", "international"),
        new("CZ", "Středočeský kraj", 1, ["Mladá Boleslav", "Kladno"], "cz", "international"),
        new("FR", "Grand Est", 1, ["Strasbourg", "Mulhouse", "Metz"], "fr", "international"),
        new("IT", "Lombardia", 1, ["Milano", "Bergamo", "Brescia"], "it", "international"),
        new("IT", "Emilia-Romagna", 1, ["Bologna", "Parma", "Modena"], "it", "international"),
    ];

    public static readonly (string Industry, double Weight)[] IndustryWeights =
    [
        (DemoIndustries.Automotive, 15), (DemoIndustries.FoodAndBeverage, 16), (DemoIndustries.Chemicals, 8),
        (DemoIndustries.Packaging, 13), (DemoIndustries.Pharma, 9), (DemoIndustries.Plastics, 10),
        (DemoIndustries.Metalworking, 13), (DemoIndustries.Logistics, 9), (DemoIndustries.Electronics, 7),
    ];

    public static readonly (BusinessType Type, double Weight)[] BusinessTypeWeights =
        [(BusinessType.Product, 40), (BusinessType.Plant, 20), (BusinessType.System, 20), (BusinessType.Supplier, 20)];

    public static readonly (AcquisitionChannel Channel, double Weight, int MinCost, int MaxCost)[] Channels =
    [
        (AcquisitionChannel.Direct, 30, 4_000, 18_000),
        (AcquisitionChannel.TradeFair, 22, 6_000, 28_000),
        (AcquisitionChannel.Referral, 15, 800, 4_000),
        (AcquisitionChannel.Online, 13, 600, 5_000),
        (AcquisitionChannel.Indirect, 12, 3_000, 12_000),
        (AcquisitionChannel.Classic, 8, 2_500, 14_000),
    ];

    // German company-name building blocks per industry; "{0}" is a family name or a place.
    public static readonly Dictionary<string, string[]> NamePatternsDe = new()
    {
        [DemoIndustries.Automotive] = ["{0} Fahrzeugtechnik", "{0} Automotive", "{0} Antriebstechnik", "{0} Karosseriebau", "{0} Fahrzeugkomponenten"],
        [DemoIndustries.FoodAndBeverage] = ["{0} Feinkost", "Brauerei {0}", "{0} Fruchtsäfte", "{0} Backwaren", "{0} Süßwaren", "{0} Lebensmittelwerke", "{0} Getränke", "Molkerei {0}"],
        [DemoIndustries.Chemicals] = ["{0} Spezialchemie", "{0} Chemie", "{0} Lackfabrik", "{0} Klebstofftechnik"],
        [DemoIndustries.Packaging] = ["{0} Verpackungen", "{0} Verpackungstechnik", "{0} Folientechnik", "{0} Kartonagen", "{0} Etiketten"],
        [DemoIndustries.Pharma] = ["{0} Pharma", "{0} Arzneimittelwerk", "{0} Life Sciences", "{0} Medizinprodukte"],
        [DemoIndustries.Plastics] = ["{0} Kunststofftechnik", "{0} Kunststoffwerk", "{0} Spritzguss", "{0} Extrusionstechnik"],
        [DemoIndustries.Metalworking] = ["{0} Präzisionsteile", "{0} Umformtechnik", "{0} Stanztechnik", "{0} Metallbau", "{0} Drehteile", "Gießerei {0}"],
        [DemoIndustries.Logistics] = ["{0} Logistik", "{0} Intralogistik", "{0} Distribution", "{0} Fulfillment"],
        [DemoIndustries.Electronics] = ["{0} Elektronik", "{0} Elektrotechnik", "{0} Sensorik", "{0} Leiterplatten"],
    };

    public static readonly Dictionary<string, string[]> NamePatternsEn = new()
    {
        [DemoIndustries.Automotive] = ["{0} Automotive", "{0} Drive Systems", "{0} Auto Components"],
        [DemoIndustries.FoodAndBeverage] = ["{0} Foods", "{0} Dairy", "{0} Beverages", "{0} Bakery"],
        [DemoIndustries.Chemicals] = ["{0} Chemicals", "{0} Coatings"],
        [DemoIndustries.Packaging] = ["{0} Packaging", "{0} Films", "{0} Labels"],
        [DemoIndustries.Pharma] = ["{0} Pharma", "{0} Life Sciences"],
        [DemoIndustries.Plastics] = ["{0} Plastics", "{0} Moulding"],
        [DemoIndustries.Metalworking] = ["{0} Precision Parts", "{0} Metal Forming", "{0} Foundry"],
        [DemoIndustries.Logistics] = ["{0} Logistics", "{0} Distribution"],
        [DemoIndustries.Electronics] = ["{0} Electronics", "{0} Sensors"],
    };

    public static readonly Dictionary<string, (string Form, double Weight)[]> LegalForms = new()
    {
        ["DE"] = [("GmbH", 58), ("GmbH & Co. KG", 27), ("AG", 8), ("KG", 5), ("SE", 2)],
        ["AT"] = [("GmbH", 75), ("AG", 15), ("GmbH & Co KG", 10)],
        ["CH"] = [("AG", 70), ("GmbH", 30)],
        ["NL"] = [("B.V.", 100)],
        ["BE"] = [("NV", 60), ("BV", 40)],
        ["PL"] = [("Sp. z o.o.", 85), ("S.A.", 15)],
        ["CZ"] = [("s.r.o.", 80), ("a.s.", 20)],
        ["FR"] = [("SAS", 70), ("SA", 30)],
        ["IT"] = [("S.r.l.", 75), ("S.p.A.", 25)],
    };

    public static readonly Dictionary<string, string> TopLevelDomain = new()
    {
        ["DE"] = "de", ["AT"] = "at", ["CH"] = "ch", ["NL"] = "nl", ["BE"] = "be", ["PL"] = "pl", ["CZ"] = "cz", ["FR"] = "fr", ["IT"] = "it",
    };

    public static readonly Dictionary<string, string> PhonePrefix = new()
    {
        ["DE"] = "+49", ["AT"] = "+43", ["CH"] = "+41", ["NL"] = "+31", ["BE"] = "+32", ["PL"] = "+48", ["CZ"] = "+420", ["FR"] = "+33", ["IT"] = "+39",
    };

    public static readonly Dictionary<BuyingRole, TitleSeed[]> Titles = new()
    {
        [BuyingRole.Decider] =
        [
            new("Geschäftsführer", "Geschäftsführerin", "Managing Director", "Geschäftsführung"),
            new("Technischer Geschäftsführer", "Technische Geschäftsführerin", "Chief Technical Officer", "Geschäftsführung"),
            new("Werksleiter", "Werksleiterin", "Plant Manager", "Werksleitung"),
            new("Leiter Produktion", "Leiterin Produktion", "Head of Production", "Produktion"),
            new("Vorstand Technik", "Vorständin Technik", "Chief Operating Officer", "Vorstand"),
        ],
        [BuyingRole.Buyer] =
        [
            new("Leiter Einkauf", "Leiterin Einkauf", "Head of Purchasing", "Einkauf"),
            new("Strategischer Einkäufer", "Strategische Einkäuferin", "Strategic Buyer", "Einkauf"),
            new("Technischer Einkäufer", "Technische Einkäuferin", "Technical Buyer", "Einkauf"),
            new("Einkäufer Investitionsgüter", "Einkäuferin Investitionsgüter", "Capex Buyer", "Einkauf"),
        ],
        [BuyingRole.Influencer] =
        [
            new("Leiter Instandhaltung", "Leiterin Instandhaltung", "Maintenance Manager", "Instandhaltung"),
            new("Verfahrensingenieur", "Verfahrensingenieurin", "Process Engineer", "Technik"),
            new("Projektingenieur", "Projektingenieurin", "Project Engineer", "Technik"),
            new("Leiter Qualitätssicherung", "Leiterin Qualitätssicherung", "Quality Manager", "Qualitätssicherung"),
            new("Konstrukteur", "Konstrukteurin", "Design Engineer", "Konstruktion"),
            new("Leiter Betriebstechnik", "Leiterin Betriebstechnik", "Head of Plant Engineering", "Betriebstechnik"),
        ],
        [BuyingRole.User] =
        [
            new("Schichtleiter", "Schichtleiterin", "Shift Supervisor", "Produktion"),
            new("Meister Instandhaltung", "Meisterin Instandhaltung", "Maintenance Supervisor", "Instandhaltung"),
            new("Anlagenfahrer", "Anlagenfahrerin", "Line Operator", "Produktion"),
            new("Elektroniker für Betriebstechnik", "Elektronikerin für Betriebstechnik", "Maintenance Electrician", "Instandhaltung"),
            new("Linienverantwortlicher", "Linienverantwortliche", "Line Manager", "Produktion"),
        ],
        [BuyingRole.Gatekeeper] =
        [
            new("Assistent der Geschäftsführung", "Assistentin der Geschäftsführung", "Executive Assistant", "Geschäftsführung"),
            new("Sachbearbeiter Einkauf", "Sachbearbeiterin Einkauf", "Purchasing Clerk", "Einkauf"),
            new("Teamassistent Technik", "Teamassistentin Technik", "Engineering Assistant", "Technik"),
        ],
        [BuyingRole.Initiator] =
        [
            new("Produktionsleiter", "Produktionsleiterin", "Production Manager", "Produktion"),
            new("Leiter Prozessoptimierung", "Leiterin Prozessoptimierung", "Continuous Improvement Manager", "Operational Excellence"),
            new("Leiter Industrial Engineering", "Leiterin Industrial Engineering", "Head of Industrial Engineering", "Industrial Engineering"),
        ],
    };

    public static readonly CatalogProduct[] Machines =
    [
        new("MMV-200", "Kartoniermaschine MMV 200", DemoCategories.Machines, 145_000m, 0.78),
        new("MMV-400", "Hochleistungs-Kartoniermaschine MMV 400", DemoCategories.Machines, 265_000m, 0.77),
        new("MMS-800", "Schrumpftunnel MMS 800", DemoCategories.Machines, 88_000m, 0.80),
        new("MMD-10", "Dosiersystem MMD 10", DemoCategories.Machines, 95_000m, 0.76),
        new("MMP-30", "Palettierroboter MMP 30", DemoCategories.Machines, 185_000m, 0.79),
        new("MMT-50", "Tray-Packer MMT 50", DemoCategories.Machines, 210_000m, 0.78),
        new("MMR-6", "Robotermontagezelle MMR 6", DemoCategories.Machines, 240_000m, 0.75),
        new("MMF-120", "Füll- und Verschließmaschine MMF 120", DemoCategories.Machines, 320_000m, 0.76),
        new("MMK-5", "Kommissioniersystem MMK 5", DemoCategories.Machines, 540_000m, 0.78),
        new("MMF-360", "Rundläufer-Abfüllanlage MMF 360", DemoCategories.Machines, 780_000m, 0.77),
        new("MMA-12", "Automatisierte Montagelinie MMA 12", DemoCategories.Machines, 1_180_000m, 0.79),
        new("MML-X", "Komplette Verpackungslinie MML-X", DemoCategories.Machines, 1_650_000m, 0.80),
    ];

    public static readonly CatalogProduct[] MachineOptions =
    [
        new("OPT-FS", "Option Formatteilsatz", DemoCategories.Machines, 14_500m, 0.62),
        new("OPT-CONNECT", "Option Fernwartungsmodul MM-Connect", DemoCategories.Machines, 6_500m, 0.45),
        new("OPT-KW", "Option Inline-Kontrollwaage", DemoCategories.Machines, 24_000m, 0.70),
        new("OPT-CIP", "Option CIP-Reinigung (Hygienic Design)", DemoCategories.Machines, 38_000m, 0.68),
    ];

    // Machine ranges by business type: product business sells standard machines, plant business whole lines,
    // system business integrated cells and systems.
    public static readonly Dictionary<BusinessType, string[]> MachinesByType = new()
    {
        [BusinessType.Product] = ["MMV-200", "MMS-800", "MMD-10", "MMP-30", "MMT-50", "MMV-400"],
        [BusinessType.Plant] = ["MMF-360", "MML-X", "MMA-12", "MMK-5", "MMF-120"],
        [BusinessType.System] = ["MMR-6", "MMK-5", "MMF-120", "MMV-400", "MMA-12"],
        [BusinessType.Supplier] = ["MMR-6", "MMD-10"],
    };

    public static readonly CatalogProduct[] Components =
    [
        new("BG-AM100", "Antriebsmodul AM 100", DemoCategories.Components, 1_240m, 0.78),
        new("BG-AM250", "Antriebsmodul AM 250", DemoCategories.Components, 2_150m, 0.77),
        new("BG-GM20", "Greifermodul GM 20", DemoCategories.Components, 860m, 0.74),
        new("BG-LA1500", "Linearachse LA 1500", DemoCategories.Components, 1_780m, 0.79),
        new("BG-DT45", "Drehtisch DT 45", DemoCategories.Components, 2_450m, 0.76),
        new("BG-VG8", "Vakuum-Greifeinheit VG 8", DemoCategories.Components, 540m, 0.72),
        new("BG-SM4", "Steuerungsmodul SM 4", DemoCategories.Components, 1_150m, 0.80),
        new("BG-BF600", "Bandförderer-Segment BF 600", DemoCategories.Components, 690m, 0.75),
        new("BG-SK3", "Sensorkopf SK 3", DemoCategories.Components, 210m, 0.70),
        new("BG-SU2", "Schutzumhausung SU 2 (Bausatz)", DemoCategories.Components, 1_390m, 0.81),
    ];

    public static readonly CatalogProduct[] SpareParts =
    [
        new("ET-100142", "Dichtungssatz Füllventil", DemoCategories.SpareParts, 48m, 0.45),
        new("ET-100157", "O-Ring-Satz NBR (100 Stück)", DemoCategories.SpareParts, 22m, 0.40),
        new("ET-100210", "Saugnapf Ø40 NBR", DemoCategories.SpareParts, 6.8m, 0.38),
        new("ET-100211", "Saugnapf Ø60 Silikon", DemoCategories.SpareParts, 9.5m, 0.38),
        new("ET-100305", "Zahnriemen HTD 8M-1200", DemoCategories.SpareParts, 84m, 0.50),
        new("ET-100306", "Zahnriemen HTD 5M-800", DemoCategories.SpareParts, 46m, 0.50),
        new("ET-100412", "Förderkette 1/2\" (5 m)", DemoCategories.SpareParts, 138m, 0.52),
        new("ET-100418", "Kettenrad Z18", DemoCategories.SpareParts, 62m, 0.50),
        new("ET-100501", "Rillenkugellager 6205-2RS", DemoCategories.SpareParts, 14.5m, 0.42),
        new("ET-100507", "Lagereinheit UCP 205", DemoCategories.SpareParts, 58m, 0.48),
        new("ET-100533", "Linearführungswagen Größe 25", DemoCategories.SpareParts, 128m, 0.55),
        new("ET-100620", "Pneumatikzylinder Ø32×100", DemoCategories.SpareParts, 165m, 0.55),
        new("ET-100634", "Magnetventil 5/2 24 V", DemoCategories.SpareParts, 118m, 0.52),
        new("ET-100640", "Wartungseinheit Druckluft", DemoCategories.SpareParts, 210m, 0.55),
        new("ET-100710", "Induktiver Sensor M12", DemoCategories.SpareParts, 54m, 0.45),
        new("ET-100722", "Reflexlichtschranke", DemoCategories.SpareParts, 142m, 0.50),
        new("ET-100735", "Sicherheitslichtgitter 900 mm", DemoCategories.SpareParts, 1_280m, 0.62),
        new("ET-100748", "Drehgeber 1024 Impulse", DemoCategories.SpareParts, 385m, 0.58),
        new("ET-100810", "Servomotor 1,5 kW", DemoCategories.SpareParts, 2_450m, 0.64),
        new("ET-100812", "Servomotor 3 kW", DemoCategories.SpareParts, 3_380m, 0.64),
        new("ET-100820", "Servoregler 4 A", DemoCategories.SpareParts, 1_960m, 0.63),
        new("ET-100831", "Frequenzumrichter 2,2 kW", DemoCategories.SpareParts, 640m, 0.60),
        new("ET-100840", "Getriebemotor 0,75 kW", DemoCategories.SpareParts, 890m, 0.60),
        new("ET-100905", "SPS-Eingangsmodul 16 DI", DemoCategories.SpareParts, 310m, 0.58),
        new("ET-100912", "Bedienpanel 12\" HMI MM-Control", DemoCategories.SpareParts, 2_780m, 0.55),
        new("ET-101010", "Heizpatrone 400 W", DemoCategories.SpareParts, 68m, 0.45),
        new("ET-101014", "Heizband Siegelbacke", DemoCategories.SpareParts, 145m, 0.48),
        new("ET-101020", "Siegelbacken (Paar)", DemoCategories.SpareParts, 1_150m, 0.55),
        new("ET-101031", "Temperaturfühler PT100", DemoCategories.SpareParts, 72m, 0.45),
        new("ET-101105", "Messer Querschneider", DemoCategories.SpareParts, 420m, 0.50),
        new("ET-101108", "Messer Längsschnitt", DemoCategories.SpareParts, 185m, 0.48),
        new("ET-101210", "Formatteil Falzführung", DemoCategories.SpareParts, 640m, 0.52),
        new("ET-101222", "Greiferfinger (Satz)", DemoCategories.SpareParts, 295m, 0.50),
        new("ET-101305", "Dosierkolben Edelstahl", DemoCategories.SpareParts, 780m, 0.55),
        new("ET-101311", "Dosierventil", DemoCategories.SpareParts, 1_120m, 0.58),
        new("ET-101320", "Füllrohr Edelstahl", DemoCategories.SpareParts, 350m, 0.52),
        new("ET-101402", "Lebensmittelschmierstoff H1 (5 l)", DemoCategories.SpareParts, 96m, 0.55),
        new("ET-101405", "Schmierfett (1 kg)", DemoCategories.SpareParts, 34m, 0.50),
        new("ET-101410", "Filtermatte Schaltschrank", DemoCategories.SpareParts, 12.5m, 0.35),
        new("ET-101415", "Luftfilterelement", DemoCategories.SpareParts, 28m, 0.40),
        new("ET-101502", "Vakuumpumpe (Drehschieber)", DemoCategories.SpareParts, 1_650m, 0.62),
        new("ET-101506", "Vakuumfilter", DemoCategories.SpareParts, 44m, 0.42),
        new("ET-101601", "Förderband PU (Meterware)", DemoCategories.SpareParts, 118m, 0.50),
        new("ET-101607", "Umlenkrolle", DemoCategories.SpareParts, 76m, 0.48),
        new("ET-101612", "Elastische Kupplung", DemoCategories.SpareParts, 92m, 0.50),
        new("ET-101701", "Not-Aus-Taster", DemoCategories.SpareParts, 48m, 0.45),
        new("ET-101705", "Sicherheitsschalter mit Zuhaltung", DemoCategories.SpareParts, 165m, 0.52),
        new("ET-101712", "Netzteil 24 V 10 A", DemoCategories.SpareParts, 185m, 0.55),
        new("ET-101716", "Leistungsschütz 3-polig", DemoCategories.SpareParts, 62m, 0.48),
        new("ET-101803", "Klebstoffdüse", DemoCategories.SpareParts, 86m, 0.45),
        new("ET-101809", "Andruckrolle Etikettierer", DemoCategories.SpareParts, 134m, 0.50),
        new("ET-101815", "Druckkopf Thermotransfer", DemoCategories.SpareParts, 1_480m, 0.60),
        new("ET-101902", "Kamera Inline-Kontrolle", DemoCategories.SpareParts, 3_950m, 0.66),
        new("ET-101908", "Wägezelle 50 kg", DemoCategories.SpareParts, 890m, 0.60),
        new("ET-102003", "Bürstenleiste", DemoCategories.SpareParts, 38m, 0.40),
        new("ET-102008", "Gleitleiste UHMW-PE (2 m)", DemoCategories.SpareParts, 54m, 0.42),
        new("ET-102012", "Kettenspanner", DemoCategories.SpareParts, 112m, 0.48),
    ];

    public static readonly CatalogProduct[] Services =
    [
        new("SV-WV-BASIS", "Wartungsvertrag Basis (Quartalsrate)", DemoCategories.Service, 0m, 0.62),
        new("SV-WV-PREMIUM", "Wartungsvertrag Premium (Quartalsrate)", DemoCategories.Service, 0m, 0.58),
        new("SV-WV-FULL", "Full-Service-Vertrag (Quartalsrate)", DemoCategories.Service, 0m, 0.60),
        new("SV-TECH", "Servicetechniker-Einsatz (Tagessatz)", DemoCategories.Service, 1_180m, 0.66),
        new("SV-ANFAHRT", "Anfahrtspauschale", DemoCategories.Service, 185m, 0.70),
        new("SV-FERN", "Ferndiagnose-Einsatz", DemoCategories.Service, 290m, 0.40),
        new("SV-INSP", "Sicherheitstechnische Prüfung (DGUV V3)", DemoCategories.Service, 1_450m, 0.60),
        new("SV-INBETR", "Inbetriebnahme und Abnahme", DemoCategories.Service, 12_500m, 0.70),
    ];

    public static readonly CatalogProduct[] Trainings =
    [
        new("TR-BED", "Bedienerschulung (2 Tage)", DemoCategories.Training, 2_400m, 0.40),
        new("TR-INST", "Instandhaltungsschulung (3 Tage)", DemoCategories.Training, 3_900m, 0.42),
        new("TR-SPS", "SPS- und HMI-Schulung MM-Control (2 Tage)", DemoCategories.Training, 3_200m, 0.40),
        new("TR-SICH", "Sicherheitsunterweisung Maschinenrichtlinie", DemoCategories.Training, 1_250m, 0.38),
        new("TR-SMED", "Workshop Formatwechsel (SMED)", DemoCategories.Training, 2_900m, 0.45),
    ];

    public static readonly CatalogProduct[] Retrofits =
    [
        new("RF-STRG", "Retrofit Steuerung auf MM-Control 4", DemoCategories.Retrofit, 68_000m, 0.68),
        new("RF-SERVO", "Umrüstung auf Servoantriebe", DemoCategories.Retrofit, 42_000m, 0.70),
        new("RF-FORMAT", "Neuer Formatsatz inklusive Einbau", DemoCategories.Retrofit, 28_000m, 0.65),
        new("RF-CONNECT", "Nachrüstung MM-Connect (IoT/Fernwartung)", DemoCategories.Retrofit, 14_500m, 0.55),
        new("RF-SAFETY", "Sicherheitsnachrüstung (Lichtgitter, Zuhaltungen)", DemoCategories.Retrofit, 23_000m, 0.68),
    ];

    public static IEnumerable<CatalogProduct> AllProducts() =>
        Machines.Concat(MachineOptions).Concat(Components).Concat(SpareParts).Concat(Services).Concat(Trainings).Concat(Retrofits);

    // Fictional competitors; which phases a survey offers them in.
    public static readonly (string Name, string[] Phases)[] Competitors =
    [
        ("Alpina Packaging Systems AG", ["needs_analysis", "offer", "order", "delivery", "commissioning"]),
        ("Nordwerk Anlagenbau GmbH", ["needs_analysis", "offer", "commissioning"]),
        ("Rheintal Automation GmbH", ["needs_analysis", "offer", "order", "operation"]),
        ("Vantaris Robotics S.p.A.", ["needs_analysis", "offer"]),
        ("ServiTec Industrieservice GmbH", ["operation"]),
        ("Partsfix Ersatzteilhandel GmbH", ["order", "delivery", "operation"]),
    ];

    public static readonly string[] ConsentSources =
        ["customer_portal", "service_contract", "trade_fair", "web_form", "in_person", "survey_optin"];

    public static readonly string[] TradeFairs = ["interpack", "FachPack", "automatica", "Anuga FoodTec", "drinktec", "Hannover Messe", "LogiMAT"];

    // Interaction subjects by phase and touchpoint (codes of business_phases / touchpoints in 0001_initial.sql).
    // "{m}" is replaced by a machine name, "{y}" by a year, "{f}" by a trade fair.
    public static readonly InteractionTemplate[] Routine =
    [
        new("operation", "technical_service", [InteractionChannel.Call], 0.85, "Störung an {m}: Ferndiagnose", [BuyingRole.User, BuyingRole.Influencer]),
        new("operation", "technical_service", [InteractionChannel.Email, InteractionChannel.Call], 0.4, "Wartungstermin abstimmen", [BuyingRole.Influencer, BuyingRole.User]),
        new("operation", "technical_service", [InteractionChannel.Chat], 0.95, "Chat: Frage zur Bedienung des HMI", [BuyingRole.User]),
        new("operation", "technical_service", [InteractionChannel.Email], 0.7, "Software-Update MM-Control", [BuyingRole.Influencer]),
        new("operation", "field_service", [InteractionChannel.Visit], 0.1, "Wartungseinsatz an {m}", [BuyingRole.User, BuyingRole.Influencer]),
        new("operation", "field_service", [InteractionChannel.Visit], 0.05, "Besuch vor Ort: Zustand der Maschinen", [BuyingRole.Influencer, BuyingRole.Initiator]),
        new("order", "order_processing", [InteractionChannel.Portal], 1.0, "Ersatzteilbestellung über das Kundenportal", [BuyingRole.Buyer, BuyingRole.User]),
        new("order", "order_processing", [InteractionChannel.Email], 0.8, "Rückfrage zum Liefertermin", [BuyingRole.Buyer, BuyingRole.Gatekeeper]),
        new("delivery", "logistics", [InteractionChannel.Email], 0.2, "Lieferavis Ersatzteile", [BuyingRole.Buyer, BuyingRole.Gatekeeper]),
        new("delivery", "logistics", [InteractionChannel.Call], 0.7, "Teillieferung: Restmenge klären", [BuyingRole.Buyer]),
        new("operation", "accounting", [InteractionChannel.Email], 0.75, "Rückfrage zur Rechnung", [BuyingRole.Gatekeeper, BuyingRole.Buyer]),
        new("offer", "sales", [InteractionChannel.Email], 0.3, "Angebot Ersatzteilpaket", [BuyingRole.Buyer]),
        new("offer", "sales", [InteractionChannel.Email, InteractionChannel.Call], 0.2, "Preisanpassung {y}", [BuyingRole.Buyer, BuyingRole.Decider]),
        new("needs_analysis", "sales", [InteractionChannel.Visit, InteractionChannel.Meeting], 0.1, "Jahresgespräch {y}", [BuyingRole.Decider, BuyingRole.Buyer]),
        new("needs_analysis", "sales", [InteractionChannel.Visit], 0.1, "Bedarfsanalyse Kapazitätserweiterung", [BuyingRole.Initiator, BuyingRole.Decider]),
        new("needs_analysis", "engineering", [InteractionChannel.Meeting], 0.3, "Technische Klärung Formatumstellung", [BuyingRole.Influencer]),
        new("needs_analysis", "sales", [InteractionChannel.Event], 0.0, "Gespräch auf der {f}", [BuyingRole.Decider, BuyingRole.Influencer, BuyingRole.Initiator]),
        new("operation", "sales", [InteractionChannel.Event], 0.0, "Kundentag bei Muster Maschinenbau", [BuyingRole.Influencer, BuyingRole.User]),
        new("operation", "field_service", [InteractionChannel.Call], 0.2, "Nachfrage Zufriedenheit nach Serviceeinsatz", [BuyingRole.Influencer]),
    ];

    public static readonly InteractionTemplate[] Complaints =
    [
        new("operation", "technical_service", [InteractionChannel.Call], 1.0, "Reklamation: wiederholter Stillstand an {m}", [BuyingRole.Influencer, BuyingRole.Initiator]),
        new("delivery", "logistics", [InteractionChannel.Email], 1.0, "Reklamation: Lieferverzug Ersatzteile", [BuyingRole.Buyer]),
        new("operation", "field_service", [InteractionChannel.Email], 1.0, "Beschwerde: Servicetechniker nicht erreichbar", [BuyingRole.Influencer]),
        new("operation", "accounting", [InteractionChannel.Email], 1.0, "Reklamation: fehlerhafte Rechnung", [BuyingRole.Gatekeeper]),
    ];

    // A machine project from first talk to hand-over: (days relative to the order date, template).
    public static readonly (int Offset, InteractionTemplate Template)[] Project =
    [
        (-120, new("needs_analysis", "sales", [InteractionChannel.Visit], 0.2, "Erstgespräch Projekt {m}", [BuyingRole.Initiator, BuyingRole.Decider])),
        (-95, new("needs_analysis", "engineering", [InteractionChannel.Meeting], 0.3, "Lastenheft {m} besprechen", [BuyingRole.Influencer])),
        (-60, new("offer", "sales", [InteractionChannel.Email], 0.0, "Angebot {m} versendet", [BuyingRole.Buyer])),
        (-40, new("offer", "engineering", [InteractionChannel.Call], 0.6, "Technische Rückfragen zum Angebot {m}", [BuyingRole.Influencer])),
        (-20, new("offer", "sales", [InteractionChannel.Meeting], 0.1, "Vertragsverhandlung {m}", [BuyingRole.Buyer, BuyingRole.Decider])),
        (0, new("order", "order_processing", [InteractionChannel.Email], 0.0, "Auftragsbestätigung {m}", [BuyingRole.Buyer])),
        (45, new("delivery", "logistics", [InteractionChannel.Call], 0.3, "Liefertermin und Anlieferung {m}", [BuyingRole.Buyer, BuyingRole.Initiator])),
        (60, new("delivery", "installation", [InteractionChannel.Visit], 0.0, "Montage {m} vor Ort", [BuyingRole.Influencer, BuyingRole.User])),
        (75, new("commissioning", "installation", [InteractionChannel.Visit], 0.0, "Inbetriebnahme {m}", [BuyingRole.Influencer, BuyingRole.User])),
        (85, new("commissioning", "technical_service", [InteractionChannel.Meeting], 0.2, "Abnahme (SAT) {m}", [BuyingRole.Decider, BuyingRole.Influencer])),
        (150, new("operation", "field_service", [InteractionChannel.Visit], 0.1, "Nachbetreuung nach Inbetriebnahme {m}", [BuyingRole.Influencer])),
    ];

    public static readonly InteractionTemplate[] WinBack =
    [
        new("needs_analysis", "sales", [InteractionChannel.Call], 0.0, "Rückgewinnung: Telefonat mit der Geschäftsführung", [BuyingRole.Decider]),
        new("needs_analysis", "sales", [InteractionChannel.Meeting], 0.0, "Review-Termin: Gründe für den Wechsel", [BuyingRole.Decider, BuyingRole.Buyer]),
        new("offer", "sales", [InteractionChannel.Email], 0.0, "Individuelles Angebot zur Wiederaufnahme", [BuyingRole.Buyer]),
        new("needs_analysis", "sales", [InteractionChannel.Visit], 0.0, "Besuch der Geschäftsleitung von Muster Maschinenbau", [BuyingRole.Decider]),
    ];

    public static readonly InteractionTemplate[] Prospecting =
    [
        new("needs_analysis", "sales", [InteractionChannel.Event], 0.5, "Messekontakt {f}", [BuyingRole.Initiator, BuyingRole.Influencer, BuyingRole.Decider]),
        new("needs_analysis", "sales", [InteractionChannel.Visit], 0.0, "Erstbesuch: Vorstellung Muster Maschinenbau", [BuyingRole.Decider, BuyingRole.Initiator]),
        new("needs_analysis", "sales", [InteractionChannel.Email], 1.0, "Anfrage über die Website", [BuyingRole.Influencer, BuyingRole.Buyer]),
        new("needs_analysis", "engineering", [InteractionChannel.Meeting], 0.2, "Machbarkeitsstudie {m}", [BuyingRole.Influencer]),
        new("offer", "sales", [InteractionChannel.Email], 0.0, "Richtpreisangebot {m}", [BuyingRole.Buyer]),
        new("offer", "sales", [InteractionChannel.Call], 0.3, "Nachfassen Angebot {m}", [BuyingRole.Buyer, BuyingRole.Decider]),
    ];

    public static readonly InteractionTemplate ContractRenewal =
        new("offer", "sales", [InteractionChannel.Meeting, InteractionChannel.Email], 0.2, "Verlängerung Servicevertrag", [BuyingRole.Buyer, BuyingRole.Decider]);

    public static readonly InteractionTemplate[] LockInTopics =
    [
        new("operation", "technical_service", [InteractionChannel.Email], 0.9, "Ersatzteilversorgung MM-Control 3 (abgekündigt)", [BuyingRole.Influencer]),
        new("offer", "sales", [InteractionChannel.Meeting], 0.6, "Preisdiskussion Servicevertrag", [BuyingRole.Buyer, BuyingRole.Decider]),
        new("operation", "technical_service", [InteractionChannel.Call], 1.0, "Reklamation: Reaktionszeit Service-Hotline", [BuyingRole.Influencer, BuyingRole.User]),
    ];
}
