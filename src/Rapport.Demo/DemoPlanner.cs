using System.Globalization;
using System.Text;
using Bogus;
using Rapport.Core.Accounts;

namespace Rapport.Demo;

/// <summary>
/// Decides who the customers are: situation, industry, region, size, business type, channel, key-account flag,
/// owner, groups. Histories are generated per account afterwards (<see cref="DemoHistory"/>).
/// </summary>
internal static class DemoPlanner
{
    public const int StoryCount = 4;
    public const int FirstCustomerNo = 10001;

    // Shares of the non-story accounts per situation; the rest is stable.
    private static readonly (DemoSituation Situation, double Share)[] Quotas =
    [
        (DemoSituation.Prospect, 0.10), (DemoSituation.New, 0.10), (DemoSituation.Growing, 0.14),
        (DemoSituation.Declining, 0.12), (DemoSituation.Lost, 0.12), (DemoSituation.WonBack, 0.06),
    ];

    public static DemoPlan Plan(DemoOptions options)
    {
        var n = options.Accounts;
        var r = DemoRandom.Create(options.Seed, -1);
        var situations = PlanSituations(n, r);
        var fakers = new Dictionary<string, Faker>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var domains = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var accounts = new List<DemoAccount>(n);

        foreach (var story in StoryAccounts())
        {
            accounts.Add(story);
            names.Add(story.Name);
            domains.Add(story.Domain);
        }
        for (var i = StoryCount; i < n; i++)
        {
            accounts.Add(CreateAccount(i, situations[i - StoryCount], options.Seed, fakers, names, domains));
        }

        FormGroups(accounts, r, names);
        EnsureLockInSegment(accounts, r);
        var shares = AssignKeyAccountsAndOwners(accounts, r);
        return new DemoPlan(DemoCatalog.Users, accounts, shares);
    }

    private static List<DemoSituation> PlanSituations(int n, Random r)
    {
        var others = n - StoryCount;
        var list = new List<DemoSituation>(others);
        foreach (var (situation, share) in Quotas)
        {
            var count = Math.Max(1, (int)Math.Round(others * share));
            list.AddRange(Enumerable.Repeat(situation, count));
        }
        while (list.Count < others)
        {
            list.Add(DemoSituation.Stable);
        }
        r.Shuffle(list);
        return list;
    }

    private static IEnumerable<DemoAccount> StoryAccounts()
    {
        // Fixed profiles: these accounts look the same for every seed and size (see DemoStories).
        yield return new DemoAccount
        {
            Index = 0, CustomerNo = FirstCustomerNo, Name = "Brenner Verpackungstechnik AG", BaseName = "Brenner Verpackungstechnik",
            Industry = DemoIndustries.Packaging, Country = "DE", Region = "Baden-Württemberg", City = "Reutlingen", Locale = "de",
            Territory = "suedwest", Employees = 1850, BusinessType = BusinessType.System, Channel = AcquisitionChannel.TradeFair,
            AcquisitionCost = 24_500m, Domain = "brenner-verpackung.de", Situation = DemoSituation.Declining, KeyAccount = true,
        };
        yield return new DemoAccount
        {
            Index = 1, CustomerNo = FirstCustomerNo + 1, Name = "Hansa Logistik Systeme GmbH", BaseName = "Hansa Logistik Systeme",
            Industry = DemoIndustries.Logistics, Country = "DE", Region = "Hamburg", City = "Hamburg", Locale = "de",
            Territory = "nord", Employees = 640, BusinessType = BusinessType.System, Channel = AcquisitionChannel.Referral,
            AcquisitionCost = 2_800m, Domain = "hansa-logistik.de", Situation = DemoSituation.WonBack,
        };
        yield return new DemoAccount
        {
            Index = 2, CustomerNo = FirstCustomerNo + 2, Name = "Voltaris E-Mobility GmbH", BaseName = "Voltaris E-Mobility",
            Industry = DemoIndustries.Automotive, Country = "DE", Region = "Sachsen", City = "Chemnitz", Locale = "de",
            Territory = "ost", Employees = 420, BusinessType = BusinessType.System, Channel = AcquisitionChannel.TradeFair,
            AcquisitionCost = 18_900m, Domain = "voltaris-emobility.de", Situation = DemoSituation.New,
        };
        yield return new DemoAccount
        {
            Index = 3, CustomerNo = FirstCustomerNo + 3, Name = "Alpenmolkerei Oberland eG", BaseName = "Alpenmolkerei Oberland",
            Industry = DemoIndustries.FoodAndBeverage, Country = "DE", Region = "Bayern", City = "Rosenheim", Locale = "de",
            Territory = "sued", Employees = 780, BusinessType = BusinessType.Plant, Channel = AcquisitionChannel.Direct,
            AcquisitionCost = 9_800m, Domain = "alpenmolkerei-oberland.de", Situation = DemoSituation.Stable, KeyAccount = true,
        };
    }

    private static DemoAccount CreateAccount(
        int index, DemoSituation situation, int seed, Dictionary<string, Faker> fakers, HashSet<string> names, HashSet<string> domains)
    {
        var r = DemoRandom.Create(seed, index, 1);
        var region = r.PickWeighted(DemoCatalog.Regions.Select(x => (x, x.Weight)).ToArray());
        var industry = r.PickWeighted(DemoCatalog.IndustryWeights);
        var type = industry == DemoIndustries.FoodAndBeverage
            && situation is DemoSituation.Stable or DemoSituation.Growing or DemoSituation.Declining
            && r.Chance(0.75)
            ? (r.Chance(0.55) ? BusinessType.Plant : BusinessType.System)
            : r.PickWeighted(DemoCatalog.BusinessTypeWeights);
        var employees = (int)Math.Round(Math.Exp(Math.Log(280) + (1.05 * r.Normal())) * (type is BusinessType.Plant or BusinessType.System ? 1.4 : 1.0));
        employees = Math.Clamp(employees, 12, 40_000);
        var channel = r.PickWeighted(DemoCatalog.Channels.Select(c => (c, c.Weight)).ToArray());
        var cost = r.Uniform(channel.MinCost, channel.MaxCost) * (type is BusinessType.Plant or BusinessType.System ? 1.4 : 1.0);

        var faker = FakerFor(region.Locale, fakers);
        faker.Random = new Randomizer(DemoRandom.Mix(seed, index, 2));
        var german = region.Locale == "de";
        var patterns = (german ? DemoCatalog.NamePatternsDe : DemoCatalog.NamePatternsEn)[industry];
        string baseName;
        string name;
        var attempt = 0;
        do
        {
            var stem = r.Chance(0.15) ? region.Cities[r.Next(region.Cities.Length)] : faker.Name.LastName();
            if (r.Chance(0.12) && german)
            {
                stem = $"{stem} & {faker.Name.LastName()}";
            }
            baseName = string.Format(CultureInfo.InvariantCulture, r.Pick(patterns), stem);
            var form = r.PickWeighted(DemoCatalog.LegalForms[region.Country]);
            name = attempt < 20 ? $"{baseName} {form}" : $"{baseName} {region.Cities[0]} {form}";
            attempt++;
        }
        while (!names.Add(name));

        var domain = UniqueDomain(Slug(baseName), DemoCatalog.TopLevelDomain[region.Country], domains);
        return new DemoAccount
        {
            Index = index,
            CustomerNo = FirstCustomerNo + index,
            Name = name,
            BaseName = baseName,
            Industry = industry,
            Country = region.Country,
            Region = region.Region,
            City = region.Cities[r.Next(region.Cities.Length)],
            Locale = region.Locale,
            Territory = region.Owner,
            Employees = employees,
            BusinessType = type,
            Channel = channel.Channel,
            AcquisitionCost = Math.Round((decimal)cost / 10m) * 10m,
            Domain = domain,
            Situation = situation,
        };
    }

    // Some customers belong to groups: a parent company with one to three plants that buy on their own.
    private static void FormGroups(List<DemoAccount> accounts, Random r, HashSet<string> names)
    {
        var groups = Math.Max(2, accounts.Count / 40);
        var candidates = accounts
            .Where(a => !a.IsStory && a.Situation != DemoSituation.Prospect && a.Employees >= 600)
            .OrderByDescending(a => a.Employees).ThenBy(a => a.Index)
            .Take(groups * 2).ToList();
        r.Shuffle(candidates);
        foreach (var parent in candidates.Take(groups))
        {
            if (parent.IsGroupMember)
            {
                continue;
            }
            parent.IsGroupMember = true;
            var children = accounts
                .Where(a => !a.IsStory && !a.IsGroupMember && a.Country == parent.Country && a.Index != parent.Index)
                .ToList();
            var want = r.Between(1, 3);
            var usedCities = new HashSet<string>(StringComparer.Ordinal) { parent.City };
            while (want > 0 && children.Count > 0)
            {
                var child = children[r.Next(children.Count)];
                children.Remove(child);
                if (!usedCities.Add(child.City))
                {
                    continue;
                }
                var plant = parent.Locale == "de" ? "Werk" : "Plant";
                var form = parent.Country switch { "DE" or "AT" => "GmbH", "CH" => "AG", _ => DemoCatalog.LegalForms[parent.Country][0].Form };
                var newName = $"{parent.BaseName} {plant} {child.City} {form}";
                if (!names.Add(newName))
                {
                    continue;
                }
                names.Remove(child.Name);
                child.Name = newName;
                child.BaseName = $"{parent.BaseName} {plant} {child.City}";
                child.Industry = parent.Industry;
                child.Domain = parent.Domain;
                child.ParentIndex = parent.Index;
                child.IsGroupMember = true;
                child.Employees = Math.Max(40, Math.Min(child.Employees, parent.Employees / 2));
                want--;
            }
        }
    }

    // The lock-in story needs enough accounts to be visible in a survey (anonymity threshold 5) even in small demos.
    private static void EnsureLockInSegment(List<DemoAccount> accounts, Random r)
    {
        var minimum = Math.Max(6, (int)Math.Round(accounts.Count * 0.07));
        var count = accounts.Count(a => a.IsLockIn && a.Situation != DemoSituation.Prospect);
        var pool = accounts
            .Where(a => !a.IsStory && !a.IsGroupMember && !a.IsLockIn && a.Situation == DemoSituation.Stable)
            .ToList();
        r.Shuffle(pool);
        foreach (var a in pool)
        {
            if (count >= minimum)
            {
                break;
            }
            a.Industry = DemoIndustries.FoodAndBeverage;
            a.BusinessType = r.Chance(0.55) ? BusinessType.Plant : BusinessType.System;
            count++;
        }
    }

    private static List<(int AccountIndex, int UserIndex)> AssignKeyAccountsAndOwners(List<DemoAccount> accounts, Random r)
    {
        var userByTerritory = DemoCatalog.Users
            .Select((u, i) => (u.Territory, i))
            .ToDictionary(x => x.Territory, x => x.i, StringComparer.Ordinal);
        var kam = userByTerritory[DemoCatalog.KeyAccountTerritory];

        var target = Math.Max(2, (int)Math.Round(accounts.Count * 0.10));
        var already = accounts.Count(a => a.KeyAccount);
        var ranked = accounts
            .Where(a => !a.IsStory && a.Situation is not (DemoSituation.Prospect or DemoSituation.New or DemoSituation.Lost))
            .Select(a => (a, Score: a.Employees * (a.BusinessType is BusinessType.Plant or BusinessType.System ? 1.5 : 1.0) * r.Uniform(0.6, 1.4)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.a.Index)
            .Take(Math.Max(0, target - already));
        foreach (var (a, _) in ranked)
        {
            a.KeyAccount = true;
            a.Employees = Math.Max(a.Employees, r.Between(900, 3500));
        }

        var shares = new List<(int, int)>();
        foreach (var a in accounts)
        {
            var regional = userByTerritory[a.Territory];
            // Brenner sits with key-account management; the others split between KAM and the regional manager.
            var ownedByKam = a.KeyAccount && (a.Index == 0 || (!a.IsStory && r.Chance(0.5)));
            a.OwnerUser = ownedByKam ? kam : regional;
            if (a.KeyAccount)
            {
                shares.Add((a.Index, ownedByKam ? regional : kam));
            }
        }
        return shares;
    }

    private static Faker FakerFor(string locale, Dictionary<string, Faker> fakers)
    {
        if (!fakers.TryGetValue(locale, out var faker))
        {
            faker = new Faker(locale);
            fakers[locale] = faker;
        }
        return faker;
    }

    private static string UniqueDomain(string slug, string tld, HashSet<string> domains)
    {
        var candidate = $"{slug}.{tld}";
        for (var i = 2; !domains.Add(candidate); i++)
        {
            candidate = $"{slug}{i}.{tld}";
        }
        return candidate;
    }

    /// <summary>A host-name/e-mail-safe ASCII form: umlauts transliterated, other letters stripped of accents.</summary>
    public static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            switch (ch)
            {
                case 'ä': sb.Append("ae"); continue;
                case 'ö': sb.Append("oe"); continue;
                case 'ü': sb.Append("ue"); continue;
                case 'ß': sb.Append("ss"); continue;
                case 'ł': sb.Append('l'); continue;
                default: break;
            }
            var plain = ch.ToString().Normalize(NormalizationForm.FormD)[0];
            if (plain is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(plain);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }
        return sb.ToString().Trim('-');
    }
}
