using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Rapport.Analytics.Survey;
using Rapport.Core.Accounts;

namespace Rapport.Core.Insights;

/// <summary>
/// The packed answers of one respondent (the <c>answers</c> column of <c>insight_respondents</c>): one signed byte per
/// value, −1 = unanswered, in the order: the global items of <see cref="GlobalItems"/>; per phase (survey order)
/// PH_INVOLVED, PH_SAT, CMP_REL; per phase × touchpoint TP_CONTACT, TP_SAT, TP_MAIN. Every standard item is a whole
/// number from 0 to 10, so a byte holds it exactly.
/// </summary>
internal static class PackedAnswers
{
    /// <summary>The numeric global items the analyses read (§4.1–4.3), in packing order.</summary>
    public static readonly string[] GlobalItems =
    [
        .. ItemCodes.LoyaltyItems, .. ItemCodes.AttachmentItems, .. ItemCodes.CalculativeItems, .. ItemCodes.LockInItems,
        .. ItemCodes.SatisfactionItems, .. ItemCodes.TrustItems, .. ItemCodes.CommitmentItems,
    ];

    public static readonly Dictionary<string, int> GlobalIndex =
        GlobalItems.Select((code, i) => (code, i)).ToDictionary(x => x.code, x => x.i, StringComparer.Ordinal);

    public const sbyte Missing = -1;
    public const int PhaseFields = 3;
    public const int TouchpointFields = 3;

    public static int Length(int phases, int touchpoints) =>
        GlobalItems.Length + (phases * PhaseFields) + (phases * touchpoints * TouchpointFields);

    public static int PhaseOffset(int phase) => GlobalItems.Length + (phase * PhaseFields);

    public static int TouchpointOffset(int phases, int touchpoints, int phase, int touchpoint) =>
        GlobalItems.Length + (phases * PhaseFields) + (((phase * touchpoints) + touchpoint) * TouchpointFields);
}

/// <summary>
/// A wave's submitted respondents in memory, loaded from <c>insight_respondents</c>: ordered by respondent key
/// (ordinal), with account, contact, buying role and the packed answers. Immutable; replaced when the wave changes.
/// </summary>
internal sealed class WaveSnapshot
{
    public WaveSnapshot(long waveId, long version, IReadOnlyList<string> phases, IReadOnlyList<string> touchpoints, int count)
    {
        WaveId = waveId;
        Version = version;
        Phases = phases;
        Touchpoints = touchpoints;
        Count = count;
        RowLength = PackedAnswers.Length(phases.Count, touchpoints.Count);
        Keys = new string[count];
        AccountIds = new long[count];
        ContactIds = new long?[count];
        Roles = new BuyingRole?[count];
        Submitted = new DateTimeOffset?[count];
        Answers = new sbyte[count * RowLength];
        Competitors = new string?[count * phases.Count];
    }

    public long WaveId { get; }
    public long Version { get; }
    public IReadOnlyList<string> Phases { get; }
    public IReadOnlyList<string> Touchpoints { get; }
    public int Count { get; }
    public int RowLength { get; }
    public string[] Keys { get; }
    public long[] AccountIds { get; }
    public long?[] ContactIds { get; }
    public BuyingRole?[] Roles { get; }
    public DateTimeOffset?[] Submitted { get; }
    public sbyte[] Answers { get; }
    public string?[] Competitors { get; }

    /// <summary>A global item's answer, NaN when unanswered.</summary>
    public double Item(int row, int globalIndex) => Value(Answers[(row * RowLength) + globalIndex]);

    /// <summary>The respondent's global items as the analytics' item dictionary (a view, no copy).</summary>
    public ItemView Items(int row) => new(this, row);

    /// <summary>
    /// The respondent's answers as the analytics take them. The same as <c>WaveAnswers.LoadAsync</c> would build for the
    /// analyses: the standard numeric items, phase and touchpoint items and the competitor named per phase.
    /// </summary>
    public RespondentAnswers ToAnswers(int row, bool phases = true, bool competitors = true)
    {
        var answers = new RespondentAnswers(Keys[row]);
        var offset = row * RowLength;
        for (var g = 0; g < PackedAnswers.GlobalItems.Length; g++)
        {
            var v = Answers[offset + g];
            if (v != PackedAnswers.Missing)
            {
                answers.Record(PackedAnswers.GlobalItems[g], v);
            }
        }
        var pCount = Phases.Count;
        var tCount = Touchpoints.Count;
        for (var p = 0; p < pCount; p++)
        {
            var phase = Phases[p];
            var po = offset + PackedAnswers.PhaseOffset(p);
            if (phases)
            {
                Put(answers, ItemCodes.PhaseInvolved, Answers[po], phase, null);
                Put(answers, ItemCodes.PhaseSatisfaction, Answers[po + 1], phase, null);
                for (var t = 0; t < tCount; t++)
                {
                    var to = offset + PackedAnswers.TouchpointOffset(pCount, tCount, p, t);
                    var touchpoint = Touchpoints[t];
                    Put(answers, ItemCodes.TouchpointContact, Answers[to], phase, touchpoint);
                    Put(answers, ItemCodes.TouchpointSatisfaction, Answers[to + 1], phase, touchpoint);
                    Put(answers, ItemCodes.TouchpointMain, Answers[to + 2], phase, touchpoint);
                }
            }
            if (competitors)
            {
                Put(answers, ItemCodes.CompetitorRelative, Answers[po + 2], phase, null);
                if (Competitors[(row * pCount) + p] is { } name)
                {
                    answers.RecordText(ItemCodes.CompetitorName, name, phase);
                }
            }
        }
        return answers;
    }

    /// <summary>PH_INVOLVED, PH_SAT or CMP_REL (field 0, 1, 2) of a phase; NaN when unanswered.</summary>
    public double PhaseValue(int row, int phase, int field) => Value(Answers[(row * RowLength) + PackedAnswers.PhaseOffset(phase) + field]);

    /// <summary>TP_CONTACT, TP_SAT or TP_MAIN (field 0, 1, 2) of a phase and touchpoint; NaN when unanswered.</summary>
    public double TouchpointValue(int row, int phase, int touchpoint, int field) =>
        Value(Answers[(row * RowLength) + PackedAnswers.TouchpointOffset(Phases.Count, Touchpoints.Count, phase, touchpoint) + field]);

    /// <summary>The competitor named in a phase, or null.</summary>
    public string? Competitor(int row, int phase) => Competitors[(row * Phases.Count) + phase];

    private static double Value(sbyte v) => v == PackedAnswers.Missing ? double.NaN : v;

    private static void Put(RespondentAnswers answers, string code, sbyte value, string phase, string? touchpoint)
    {
        if (value != PackedAnswers.Missing)
        {
            answers.Record(code, value, phase, touchpoint);
        }
    }

    /// <summary>The global items of one respondent as a read-only dictionary over the packed bytes.</summary>
    public readonly struct ItemView(WaveSnapshot snapshot, int row) : IReadOnlyDictionary<string, double>
    {
        public double this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => this.Select(kv => kv.Key);

        public IEnumerable<double> Values => this.Select(kv => kv.Value);

        public int Count
        {
            get
            {
                var n = 0;
                for (var g = 0; g < PackedAnswers.GlobalItems.Length; g++)
                {
                    n += snapshot.Answers[(row * snapshot.RowLength) + g] == PackedAnswers.Missing ? 0 : 1;
                }
                return n;
            }
        }

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
        {
            if (PackedAnswers.GlobalIndex.TryGetValue(key, out var index))
            {
                var v = snapshot.Answers[(row * snapshot.RowLength) + index];
                if (v != PackedAnswers.Missing)
                {
                    value = v;
                    return true;
                }
            }
            value = 0;
            return false;
        }

        public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
        {
            for (var g = 0; g < PackedAnswers.GlobalItems.Length; g++)
            {
                var v = snapshot.Answers[(row * snapshot.RowLength) + g];
                if (v != PackedAnswers.Missing)
                {
                    yield return new KeyValuePair<string, double>(PackedAnswers.GlobalItems[g], v);
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
