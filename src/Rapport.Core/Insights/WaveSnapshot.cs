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
    /// <summary>The numeric global items the analyses read (docs/definitions.md), in packing order.</summary>
    public static readonly string[] GlobalItems =
    [
        .. ItemCodes.LoyaltyItems, .. ItemCodes.AttachmentItems, .. ItemCodes.CalculativeItems, .. ItemCodes.LockInItems,
        .. ItemCodes.SatisfactionItems, .. ItemCodes.TrustItems, .. ItemCodes.CommitmentItems,
    ];

    public static readonly Dictionary<string, int> GlobalIndex =
        GlobalItems.Select((code, i) => (code, i)).ToDictionary(x => x.code, x => x.i, StringComparer.Ordinal);

    // The library asks with the very string instances of ItemCodes: found by reference without hashing the text.
    private static readonly Dictionary<string, int> ByReference =
        GlobalItems.Select((code, i) => (code, i)).ToDictionary<(string code, int i), string, int>(x => x.code, x => x.i, ReferenceEqualityComparer.Instance);

    /// <summary>Position of a global item, or −1.</summary>
    public static int IndexOf(string code) =>
        ByReference.TryGetValue(code, out var i) ? i : GlobalIndex.TryGetValue(code, out i) ? i : -1;

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

    private int warming;

    /// <summary>True the first time it is called: whoever gets true starts the warm-up of this snapshot.</summary>
    public bool TryStartWarming() => Interlocked.Exchange(ref warming, 1) == 0;

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
    /// <remarks>
    /// Left out, because no analysis can tell: the touchpoints of a phase the respondent said they were not involved in
    /// (PH_INVOLVED = 0 excludes the phase from every touchpoint figure) and touchpoints without contact (TP_CONTACT = 0:
    /// no rating, no main contact, no involvement by contact). The phase itself and its satisfaction stay.
    /// </remarks>
    public RespondentAnswers ToAnswers(int row, bool phases = true, bool competitors = true, bool globals = true)
    {
        var answers = new RespondentAnswers(Keys[row]);
        var offset = row * RowLength;
        for (var g = 0; globals && g < PackedAnswers.GlobalItems.Length; g++)
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
                for (var t = 0; t < tCount && Answers[po] != 0; t++)
                {
                    var to = offset + PackedAnswers.TouchpointOffset(pCount, tCount, p, t);
                    if (Answers[to] == 0)
                    {
                        continue;
                    }
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

    /// <summary>
    /// The respondents of <paramref name="rows"/> involved in phase <paramref name="phase"/>, read straight from the
    /// packed answers, with the figures <see cref="ToAnswers"/> followed by <see cref="PhaseResponses.Of"/>
    /// would give: involved = PH_INVOLVED = 1, or, when unanswered, a phase rating or a touchpoint contact; contact =
    /// TP_CONTACT = 1, or, when unanswered, a rating; main contact = TP_MAIN = 1 with contact.
    /// </summary>
    public PhaseResponses InvolvedIn(IReadOnlyList<int> rows, int phase)
    {
        var pCount = Phases.Count;
        var tCount = Touchpoints.Count;
        // Counted first: the arrays are then allocated once at their size (a phase involves a fraction of a large wave).
        var involved = new List<int>(rows.Count);
        foreach (var row in rows)
        {
            if (IsInvolved(row, phase))
            {
                involved.Add(row);
            }
        }
        var result = new PhaseResponses(tCount, involved.Count);
        var answers = Answers.AsSpan();
        var phaseOffset = PackedAnswers.PhaseOffset(phase);
        var touchpointOffset = PackedAnswers.TouchpointOffset(pCount, tCount, phase, 0);
        foreach (var row in involved)
        {
            var offset = row * RowLength;
            var touchpoints = answers.Slice(offset + touchpointOffset, tCount * PackedAnswers.TouchpointFields);
            var r = result.Add(Value(answers[offset + phaseOffset + 1]));
            for (var t = 0; t < tCount; t++)
            {
                if (HadContact(touchpoints, t))
                {
                    result.SetContact(r, t, Value(touchpoints[(t * PackedAnswers.TouchpointFields) + 1]), touchpoints[(t * PackedAnswers.TouchpointFields) + 2] == 1);
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The respondents of <paramref name="rows"/> as one pseudo-phase for the overall drivers model: everyone involved,
    /// satisfaction = <paramref name="satisfactionIndex"/> (a global item), the phases as touchpoints with involvement
    /// as contact and phase satisfaction as rating.
    /// </summary>
    public PhaseResponses Overall(IReadOnlyList<int> rows, int satisfactionIndex)
    {
        var pCount = Phases.Count;
        var result = new PhaseResponses(pCount, rows.Count);
        foreach (var row in rows)
        {
            var r = result.Add(Value(Answers[(row * RowLength) + satisfactionIndex]));
            for (var p = 0; p < pCount; p++)
            {
                if (IsInvolved(row, p))
                {
                    result.SetContact(r, p, PhaseValue(row, p, 1), false);
                }
            }
        }
        return result;
    }

    /// <summary>Involved in a phase, as <see cref="InvolvedIn"/> decides it.</summary>
    public bool IsInvolved(int row, int phase)
    {
        var offset = row * RowLength;
        var involvedAnswer = Answers[offset + PackedAnswers.PhaseOffset(phase)];
        if (involvedAnswer != PackedAnswers.Missing)
        {
            return involvedAnswer == 1;
        }
        if (Answers[offset + PackedAnswers.PhaseOffset(phase) + 1] != PackedAnswers.Missing)
        {
            return true;
        }
        var touchpoints = Answers.AsSpan(offset + PackedAnswers.TouchpointOffset(Phases.Count, Touchpoints.Count, phase, 0),
            Touchpoints.Count * PackedAnswers.TouchpointFields);
        for (var t = 0; t < Touchpoints.Count; t++)
        {
            if (HadContact(touchpoints, t))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Contact with a touchpoint in a phase, as <see cref="InvolvedIn"/> decides it (whether or not the phase is involved).</summary>
    public bool HadContact(int row, int phase, int touchpoint) =>
        HadContact(Answers.AsSpan((row * RowLength) + PackedAnswers.TouchpointOffset(Phases.Count, Touchpoints.Count, phase, 0),
            Touchpoints.Count * PackedAnswers.TouchpointFields), touchpoint);

    /// <summary>TP_CONTACT = 1, or a rating when TP_CONTACT is unanswered (as <see cref="TouchpointAnswers.HadContact"/>).</summary>
    private static bool HadContact(ReadOnlySpan<sbyte> touchpoints, int t)
    {
        var contact = touchpoints[t * PackedAnswers.TouchpointFields];
        return contact == PackedAnswers.Missing ? touchpoints[(t * PackedAnswers.TouchpointFields) + 1] != PackedAnswers.Missing : contact == 1;
    }

    /// <summary>PH_INVOLVED, PH_SAT or CMP_REL (field 0, 1, 2) of a phase; NaN when unanswered.</summary>
    public double PhaseValue(int row, int phase, int field) => Value(Answers[(row * RowLength) + PackedAnswers.PhaseOffset(phase) + field]);

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

    /// <summary>
    /// The global items of one respondent as a read-only dictionary over the packed bytes. <see cref="Row"/> can be moved
    /// so that one instance serves a whole pass over the respondents (the library reads it only during the call).
    /// </summary>
    public sealed class ItemView(WaveSnapshot snapshot, int row) : IReadOnlyDictionary<string, double>
    {
        /// <summary>The respondent (row of the snapshot) the view shows.</summary>
        public int Row { get; set; } = row;

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
                    n += snapshot.Answers[(Row * snapshot.RowLength) + g] == PackedAnswers.Missing ? 0 : 1;
                }
                return n;
            }
        }

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
        {
            var index = PackedAnswers.IndexOf(key);
            if (index >= 0)
            {
                var v = snapshot.Answers[(Row * snapshot.RowLength) + index];
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
                var v = snapshot.Answers[(Row * snapshot.RowLength) + g];
                if (v != PackedAnswers.Missing)
                {
                    yield return new KeyValuePair<string, double>(PackedAnswers.GlobalItems[g], v);
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
