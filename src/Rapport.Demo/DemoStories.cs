using Rapport.Core.Accounts;

namespace Rapport.Demo;

/// <summary>
/// Expected survey answers of a group of demo respondents: the centres of the answer distributions a survey
/// generator should draw from, so that analyses of generated responses tell the same story as the transactions.
/// </summary>
/// <param name="Attachment">Mean agreement (1–5) with the attachment motives <c>MOT_ATT_1..4</c> (Verbundenheit).</param>
/// <param name="Calculative">Mean agreement (1–5) with <c>MOT_CAL_1..3</c> (Zweckbindung).</param>
/// <param name="LockIn">Mean agreement (1–5) with <c>MOT_LCK_1..4</c> (Gebundenheit).</param>
/// <param name="Recommend">Mean of <c>LOY_RECOMMEND</c> (0–10).</param>
/// <param name="Satisfaction">Mean of <c>RQ_SAT_1..2</c> (1–5).</param>
/// <param name="Trust">Mean of <c>RQ_TRU_1..3</c> (1–5).</param>
/// <param name="RetentionTypes">Bindungsarten (docs/domain.md#glossary) that hold the group: situational, market_based, contractual,
/// technical_functional, economic, emotional.</param>
public sealed record DemoMotiveProfile(
    double Attachment,
    double Calculative,
    double LockIn,
    double Recommend,
    double Satisfaction,
    double Trust,
    IReadOnlyList<string> RetentionTypes);

/// <summary>A story the demo data is built to tell, and where to find it.</summary>
/// <param name="Key">Stable key, e.g. <c>declining_key_account</c>.</param>
/// <param name="AccountExternalId">The account that shows the story (for a segment story: its showcase account).</param>
/// <param name="AccountName">That account's name.</param>
/// <param name="Narrative">What an analysis should find.</param>
public sealed record DemoStory(string Key, string AccountExternalId, string AccountName, string Narrative);

/// <summary>
/// The stories planted in the demo company "Muster Maschinenbau GmbH" (see docs/demo-company.md). The accounts
/// keep their external ids for every seed and size; the lock-in segment is defined by industry and business type.
/// </summary>
public static class DemoStories
{
    /// <summary>Brenner Verpackungstechnik AG: key account whose revenue is falling, interactions have dried up
    /// in the last 90 days, its technical board member (the decider) left recently and its full-service contract's
    /// notice deadline is close.</summary>
    public const string DecliningKeyAccountId = "K-10001";

    /// <summary>Hansa Logistik Systeme GmbH: went to a competitor for well over a year, was won back by a win-back
    /// campaign (call the decider, review meeting, tailored offer, management visit) and buys again.</summary>
    public const string WonBackAccountId = "K-10002";

    /// <summary>Voltaris E-Mobility GmbH: met at a trade fair, first order (a robot cell) less than a year ago,
    /// orders growing fast, a second cell ordered recently.</summary>
    public const string GrowingNewAccountId = "K-10003";

    /// <summary>Alpenmolkerei Oberland eG: the showcase of the lock-in segment — a dairy running two filling lines
    /// on a five-year, auto-renewing full-service contract with proprietary MM-Control controls.</summary>
    public const string LockInShowcaseAccountId = "K-10004";

    /// <summary>External id of the decider of <see cref="DecliningKeyAccountId"/> who left the company.</summary>
    public const string DepartedDeciderContactId = "AP-10001-01";

    /// <summary>Industry of the segment held by contracts rather than conviction.</summary>
    public const string LockInIndustry = DemoIndustries.FoodAndBeverage;

    /// <summary>Business types of the lock-in segment: plant and system business (lines, not single machines).</summary>
    public static IReadOnlyList<BusinessType> LockInBusinessTypes { get; } = [BusinessType.Plant, BusinessType.System];

    /// <summary>All stories with their showcase accounts.</summary>
    public static IReadOnlyList<DemoStory> All { get; } =
    [
        new("declining_key_account", DecliningKeyAccountId, "Brenner Verpackungstechnik AG",
            "Key account in decline: revenue of the last 12 months at most 70 % of the 12 months before, hardly any "
            + "interactions in the last 90 days, the technical board member (decider) left the company weeks ago, and "
            + "the notice deadline of the full-service contract falls within the next 90 days."),
        new("lock_in_segment", LockInShowcaseAccountId, "Alpenmolkerei Oberland eG",
            "Plant and system business in food & beverage stays because of long auto-renewing service contracts and "
            + "the proprietary MM-Control controls (technical lock-in), not out of conviction: in surveys the lock-in "
            + "component exceeds attachment (captive)."),
        new("won_back", WonBackAccountId, "Hansa Logistik Systeme GmbH",
            "Lost to a competitor for more than a year, won back by a win-back playbook; buying again in the last months."),
        new("growing_new_account", GrowingNewAccountId, "Voltaris E-Mobility GmbH",
            "Met at automatica, first order less than a year ago, orders growing month by month, second robot cell ordered."),
    ];

    /// <summary>True for accounts of the segment held by contracts and technical standards rather than conviction.</summary>
    public static bool IsLockInSegment(string? industry, BusinessType? businessType) =>
        string.Equals(industry, LockInIndustry, StringComparison.Ordinal)
        && businessType is BusinessType.Plant or BusinessType.System;

    private static readonly DemoMotiveProfile Baseline =
        new(3.6, 3.2, 2.6, 7.6, 3.9, 3.9, ["market_based", "economic", "emotional"]);

    private static readonly DemoMotiveProfile LockIn =
        new(2.3, 2.9, 4.3, 6.3, 3.3, 3.0, ["contractual", "technical_functional", "situational"]);

    private static readonly DemoMotiveProfile DecliningKeyAccount =
        new(2.0, 2.8, 3.4, 4.5, 2.6, 2.4, ["contractual", "technical_functional"]);

    private static readonly DemoMotiveProfile WonBack =
        new(2.9, 4.1, 2.4, 7.0, 3.7, 3.4, ["economic", "market_based"]);

    private static readonly DemoMotiveProfile GrowingNew =
        new(4.3, 3.3, 1.9, 9.1, 4.5, 4.4, ["emotional", "economic"]);

    private static readonly DemoMotiveProfile KeyAccount =
        new(3.9, 3.1, 2.9, 8.0, 4.0, 4.1, ["emotional", "technical_functional", "economic"]);

    /// <summary>
    /// The answers a survey generator should centre on for respondents of an account: the story accounts first,
    /// then the lock-in segment, then key accounts, else the baseline.
    /// </summary>
    public static DemoMotiveProfile MotivesFor(string externalId, string? industry, BusinessType? businessType, bool keyAccount) =>
        externalId switch
        {
            DecliningKeyAccountId => DecliningKeyAccount,
            WonBackAccountId => WonBack,
            GrowingNewAccountId => GrowingNew,
            _ when IsLockInSegment(industry, businessType) => LockIn,
            _ when keyAccount => KeyAccount,
            _ => Baseline,
        };
}
