using Rapport.Core.Common;

namespace Rapport.Core.Plans;

/// <summary>The expected failures of the account-plan use cases; the codes are part of the API (409 <c>code</c>).</summary>
public static class PlanErrors
{
    /// <summary>The plan, goal, map entry or action does not exist.</summary>
    public static Error NotFound(string message) => new(ErrorKind.NotFound, "not_found", message);

    /// <summary>Bad input on <paramref name="field"/> (API name).</summary>
    public static Error Invalid(string message, string field) => Error.Validation(field, message);

    /// <summary>Plans are for key accounts only: bad input on <c>accountId</c>, with its own code.</summary>
    public static Error NotKeyAccount(string message, string field) => Error.On(field, ErrorKind.Validation, "not_key_account", message);

    /// <summary>The request clashes with the state of the data (a second active plan, a change to an archived plan).</summary>
    public static Error Conflict(string message) => new(ErrorKind.Conflict, "conflict", message);
}
