namespace Rapport.Analytics.Acquisition;

/// <summary>
/// An association rule "accounts that buy <paramref name="Antecedent"/> also buy <paramref name="Consequent"/>" over
/// account × category baskets.
/// </summary>
/// <param name="Antecedent">Category the account has.</param>
/// <param name="Consequent">Category recommended.</param>
/// <param name="Accounts">Accounts that bought both.</param>
/// <param name="Support">Accounts with both / all accounts.</param>
/// <param name="Confidence">Accounts with both / accounts with the antecedent = P(consequent | antecedent).</param>
/// <param name="Lift">Confidence / share of accounts with the consequent; &gt; 1 means the antecedent makes the consequent more likely.</param>
public sealed record AssociationRule(string Antecedent, string Consequent, int Accounts, double Support, double Confidence, double Lift);

/// <summary>A category for an account that does not buy it yet, with the rule that suggests it.</summary>
public sealed record CrossSellRecommendation(string Account, string Category, AssociationRule Rule);

/// <summary>Thresholds of <see cref="CrossSellModel"/>.</summary>
public sealed record CrossSellOptions
{
    /// <summary>Minimum support of a rule (default 0.01).</summary>
    public double MinSupport { get; init; } = 0.01;

    /// <summary>Minimum number of accounts that bought both categories (default 2: one account proves nothing).</summary>
    public int MinAccounts { get; init; } = 2;

    /// <summary>Minimum confidence (default 0.1).</summary>
    public double MinConfidence { get; init; } = 0.1;

    /// <summary>Minimum lift; rules at or below 1 say the antecedent does not help (default: lift must exceed 1).</summary>
    public double MinLift { get; init; } = 1.0;

    /// <summary>Recommendations per account (default 5).</summary>
    public int MaxRecommendations { get; init; } = 5;
}

/// <summary>
/// Cross-sell recommendations of docs/definitions.md#cross-sell-recommendations: one-antecedent association rules mined from which accounts bought which
/// categories (each account counted once per category, whatever the number of orders), and per account the
/// categories bought by similar accounts — those sharing an antecedent category — but not by this one, ranked by the
/// lift of the best rule (then confidence, support, name). Memory is one category set per account plus pair counts.
/// </summary>
public sealed class CrossSellModel
{
    private readonly Dictionary<string, HashSet<string>> _baskets;
    private readonly Dictionary<string, List<AssociationRule>> _rulesByAntecedent;
    private readonly CrossSellOptions _options;

    private CrossSellModel(Dictionary<string, HashSet<string>> baskets, IReadOnlyList<AssociationRule> rules, CrossSellOptions options)
    {
        _baskets = baskets;
        Rules = rules;
        _options = options;
        _rulesByAntecedent = rules.GroupBy(r => r.Antecedent, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>Accounts with at least one category.</summary>
    public int AccountCount => _baskets.Count;

    /// <summary>Rules passing the thresholds, by lift (then confidence, support, names).</summary>
    public IReadOnlyList<AssociationRule> Rules { get; }

    /// <summary>Mines the rules from (account, category) purchases; empty account ids or categories are ignored.</summary>
    public static CrossSellModel Fit(IEnumerable<(string Account, string Category)> purchases, CrossSellOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        options ??= new CrossSellOptions();
        var baskets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (account, category) in purchases)
        {
            if (string.IsNullOrEmpty(account) || string.IsNullOrEmpty(category))
            {
                continue;
            }
            if (!baskets.TryGetValue(account, out var basket))
            {
                baskets[account] = basket = new HashSet<string>(StringComparer.Ordinal);
            }
            basket.Add(category);
        }

        var single = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new Dictionary<(string, string), int>();
        foreach (var basket in baskets.Values)
        {
            var items = basket.Order(StringComparer.Ordinal).ToArray();
            for (var i = 0; i < items.Length; i++)
            {
                single[items[i]] = single.GetValueOrDefault(items[i]) + 1;
                for (var j = i + 1; j < items.Length; j++)
                {
                    pairs[(items[i], items[j])] = pairs.GetValueOrDefault((items[i], items[j])) + 1;
                }
            }
        }

        double n = baskets.Count;
        var rules = new List<AssociationRule>();
        foreach (var ((a, b), both) in pairs)
        {
            foreach (var (antecedent, consequent) in new[] { (a, b), (b, a) })
            {
                var support = both / n;
                var confidence = (double)both / single[antecedent];
                var lift = confidence / (single[consequent] / n);
                if (both >= options.MinAccounts && support >= options.MinSupport && confidence >= options.MinConfidence && lift > options.MinLift)
                {
                    rules.Add(new AssociationRule(antecedent, consequent, both, support, confidence, lift));
                }
            }
        }
        rules.Sort(CompareRules);
        return new CrossSellModel(baskets, rules, options);
    }

    /// <summary>Recommendations for one account (empty for an unknown account or when no rule applies).</summary>
    public IReadOnlyList<CrossSellRecommendation> Recommend(string account)
    {
        if (!_baskets.TryGetValue(account, out var basket))
        {
            return [];
        }
        var best = new Dictionary<string, AssociationRule>(StringComparer.Ordinal);
        foreach (var category in basket)
        {
            if (!_rulesByAntecedent.TryGetValue(category, out var rules))
            {
                continue;
            }
            foreach (var rule in rules)
            {
                if (basket.Contains(rule.Consequent))
                {
                    continue;
                }
                if (!best.TryGetValue(rule.Consequent, out var current) || CompareRules(rule, current) < 0)
                {
                    best[rule.Consequent] = rule;
                }
            }
        }
        return best.Values.Order(Comparer<AssociationRule>.Create(CompareRules))
            .Take(_options.MaxRecommendations)
            .Select(r => new CrossSellRecommendation(account, r.Consequent, r))
            .ToList();
    }

    /// <summary>Recommendations for every account, by account id.</summary>
    public IEnumerable<CrossSellRecommendation> RecommendAll() =>
        _baskets.Keys.Order(StringComparer.Ordinal).SelectMany(Recommend);

    private static int CompareRules(AssociationRule x, AssociationRule y)
    {
        var c = y.Lift.CompareTo(x.Lift);
        if (c == 0)
        {
            c = y.Confidence.CompareTo(x.Confidence);
        }
        if (c == 0)
        {
            c = y.Support.CompareTo(x.Support);
        }
        if (c == 0)
        {
            c = string.CompareOrdinal(x.Consequent, y.Consequent);
        }
        return c == 0 ? string.CompareOrdinal(x.Antecedent, y.Antecedent) : c;
    }
}
