namespace Rapport.Analytics.Input;

/// <summary>
/// Input that cannot be analysed: a missing column, an unparseable option or cell that is not merely skippable.
/// The message names the file, the row (the header is line 1) and the column where they are known.
/// Front ends map it to "invalid input" (CLI exit code 2, HTTP 400).
/// </summary>
public sealed class AnalyticsInputException(string message) : Exception(message);
