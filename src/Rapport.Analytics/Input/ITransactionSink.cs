namespace Rapport.Analytics.Input;

/// <summary>
/// Receives transaction lines as spans, so that a consumer keyed by customer (e.g. through
/// <c>Dictionary&lt;string, T&gt;.GetAlternateLookup&lt;ReadOnlySpan&lt;char&gt;&gt;()</c>) allocates a string only for
/// customers it has not seen yet. The spans are valid only during the call.
/// </summary>
public interface ITransactionSink
{
    /// <summary>One readable line: a purchase, or a return or cancellation when <paramref name="amount"/> is negative.</summary>
    /// <param name="customer">Customer id, trimmed, never empty.</param>
    /// <param name="date">Calendar day of the line.</param>
    /// <param name="amount">Line amount (finite).</param>
    /// <param name="category">Product category, trimmed; empty when the file has no category column or the cell is empty.</param>
    void Add(ReadOnlySpan<char> customer, DateOnly date, double amount, ReadOnlySpan<char> category);
}
