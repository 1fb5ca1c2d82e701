using System.Runtime.CompilerServices;

namespace Rapport.Analytics.Input;

/// <summary>Counts skipped rows by reason (the <c>skipped {reason: count}</c> object of docs/cli.md#analyze-commands).</summary>
public sealed class SkipCounter
{
    /// <summary>The customer cell is empty.</summary>
    public const string MissingCustomer = "missingCustomer";
    /// <summary>The date cannot be parsed with the ISO rules or the given format.</summary>
    public const string UnreadableDate = "unreadableDate";
    /// <summary>The amount (or quantity or price) is not a number.</summary>
    public const string UnreadableAmount = "unreadableAmount";
    /// <summary>A return or cancellation: not a transaction for the models (docs/definitions.md#transactions-and-clv-models).</summary>
    public const string NegativeAmount = "negativeAmount";

    // A handful of reasons, counted once per skipped row (135,080 times for the Online Retail file): a linear scan
    // over a short list beats a sorted dictionary; ordering happens when the counts are read.
    private readonly List<string> _reasons = [];
    private readonly List<long> _counts = [];

    /// <summary>Adds <paramref name="count"/> rows skipped for <paramref name="reason"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(string reason, long count = 1)
    {
        for (var i = 0; i < _reasons.Count; i++)
        {
            if (string.Equals(_reasons[i], reason, StringComparison.Ordinal))
            {
                _counts[i] += count;
                return;
            }
        }
        _reasons.Add(reason);
        _counts.Add(count);
    }

    /// <summary>Rows skipped for <paramref name="reason"/> (0 if none).</summary>
    public long this[string reason]
    {
        get
        {
            var i = _reasons.FindIndex(r => string.Equals(r, reason, StringComparison.Ordinal));
            return i < 0 ? 0 : _counts[i];
        }
    }

    /// <summary>All skipped rows.</summary>
    public long Total => _counts.Sum();

    /// <summary>A copy of the counts, ordered by reason.</summary>
    public IReadOnlyDictionary<string, long> ToDictionary()
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var i in Enumerable.Range(0, _reasons.Count).OrderBy(i => _reasons[i], StringComparer.Ordinal))
        {
            result[_reasons[i]] = _counts[i];
        }
        return result;
    }
}
