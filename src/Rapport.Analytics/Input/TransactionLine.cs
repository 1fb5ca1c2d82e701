namespace Rapport.Analytics.Input;

/// <summary>One line of a transaction file: a customer's purchase (or return, when <see cref="Amount"/> is negative) on a calendar day.</summary>
/// <param name="Customer">Customer id as text; <c>17850.0</c> and <c>17850</c> are different ids (docs/cli.md#analyze-commands).</param>
/// <param name="Date">Calendar day of the line; a time of day is dropped.</param>
/// <param name="Amount">Line amount (net); negative for returns and cancellations.</param>
/// <param name="Category">Product category, when the file has one.</param>
public readonly record struct TransactionLine(string Customer, DateOnly Date, double Amount, string? Category);
