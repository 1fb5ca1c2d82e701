using Rapport.Core.Common;
using Rapport.Core.Data;

namespace Rapport.Core.Complaints;

/// <summary>The expected failures of the complaint use cases (the API answers 404, 400 and 409).</summary>
public static class ComplaintErrors
{
    public static Error NotFound(long id) => new(ErrorKind.NotFound, "complaint.not_found", $"There is no complaint with id {id}.");

    public static Error UnknownLink() => new(ErrorKind.NotFound, "complaint.unknown_link", "This link is not known.");

    public static Error Invalid(string field, string message) => Error.Validation(field, message);

    /// <summary>The action is not allowed in the complaint's current status (e.g. confirming an open complaint).</summary>
    public static Error InvalidTransition(ComplaintStatus from, string pastAction, IReadOnlyCollection<ComplaintAction> allowed) =>
        new(ErrorKind.Conflict, "complaint.invalid_transition", $"A complaint in status '{EnumText.ToText(from)}' cannot be {pastAction}; "
            + (allowed.Count == 0 ? "it is closed." : $"possible now: {string.Join(", ", allowed.Select(a => EnumText.ToText(a)))}."));

    public static Error ExternalIdTaken(string externalId) => Error.On("externalId", ErrorKind.Conflict, "complaint.external_id_taken",
        $"A complaint with the external id '{externalId}' already exists.");

    /// <summary>Someone else changed the complaint at the same moment; reload and try again.</summary>
    public static Error ChangedMeanwhile(long id) => new(ErrorKind.Conflict, "complaint.changed_meanwhile",
        $"Complaint {id} was changed by someone else at the same time; reload it and try again.");
}
