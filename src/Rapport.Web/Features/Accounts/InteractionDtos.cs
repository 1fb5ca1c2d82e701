using Rapport.Core.Accounts;

namespace Rapport.Web.Features.Accounts;

/// <summary>A dated contact with the customer; touchpoint and phase are their codes (e.g. <c>field_service</c>, <c>delivery</c>).</summary>
public sealed record InteractionItem(
    long Id,
    long AccountId,
    string AccountExternalId,
    long? ContactId,
    string? ContactExternalId,
    DateTimeOffset OccurredAt,
    InteractionChannel Channel,
    string? Touchpoint,
    string? Phase,
    InteractionDirection? Direction,
    string? Subject);
