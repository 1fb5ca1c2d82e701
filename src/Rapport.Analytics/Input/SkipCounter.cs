namespace Rapport.Analytics.Input;

/// <summary>Counts skipped rows by reason (the <c>skipped {reason: count}</c> object of SPEC §7.2).</summary>
public sealed class SkipCounter
{
    /// <summary>The customer cell is empty.</summary>
    public const string MissingCustomer = "missingCustomer";
    /// <summary>The date cannot be parsed with the ISO rules or the given format.</summary>
    public const string UnreadableDate = "unreadableDate";
    /// <summary>The amount (or quantity or price) is not a number.</summary>
    public const string UnreadableAmount = "unreadableAmount";
    /// <summary>A return or cancellation: not a transaction for the models (SPEC §4.6).</summary>
    public const string NegativeAmount = "negativeAmount";

    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="count"/> rows skipped for <paramref name="reason"/>.</summary>
    public void Add(string reason, long count = 1)
    {
        _counts.TryGetValue(reason, out var n);
        _counts[reason] = n + count;
    }

    /// <summary>Rows skipped for <paramref name="reason"/> (0 if none).</summary>
    public long this[string reason] => _counts.TryGetValue(reason, out var n) ? n : 0;

    /// <summary>All skipped rows.</summary>
    public long Total => _counts.Values.Sum();

    /// <summary>A copy of the counts, ordered by reason.</summary>
    public IReadOnlyDictionary<string, long> ToDictionary() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);
}
