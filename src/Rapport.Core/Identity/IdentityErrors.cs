using Rapport.Core.Common;

namespace Rapport.Core.Identity;

/// <summary>
/// The expected failures of the identity use cases. Each names the field (or CLI option) it concerns, also when it is
/// not bad input, so that the CLI can say which option to fix.
/// </summary>
public static class IdentityErrors
{
    public static Error Invalid(string field, string message) => Error.Validation(field, message);

    public static Error NotFound(string field, string message) => Error.On(field, ErrorKind.NotFound, "identity.not_found", message);

    public static Error Conflict(string field, string message) => Error.On(field, ErrorKind.Conflict, "identity.conflict", message);

    public static Error EmailTaken(string email) =>
        Error.On("email", ErrorKind.Conflict, "identity.email_taken", $"A user with the e-mail address '{email}' already exists.");
}
